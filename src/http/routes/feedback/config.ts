// Configuration of the feedback register (staff API): response templates per unit and topic (and rendering one
// for an item), deadline and retention settings, the working-day calendar.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { createTopic, listTopics, updateTopic } from '../../../commands/feedback/topics.ts';
import { calendarYear, deleteCalendarDay, readFeedbackSettings, setCalendarDay, updateFeedbackSettings } from '../../../commands/feedback/config.ts';
import {
  BODY_MAX, TITLE_MAX, createTemplate, deleteTemplate, getTemplate, listUnitTemplates, renderForItem, templatesForItem, updateTemplate,
} from '../../../commands/feedback/templates.ts';
import { isIsoDate, todayVN } from '../../../core/dates.ts';
import { errors } from '../../../core/errors.ts';
import { KINDS } from '../../../core/feedback/kinds.ts';
import { PLACEHOLDERS } from '../../../core/feedback/templates.ts';
import type { FeedbackKind } from '../../../db/schema.ts';
import { t, type Lang } from '../../../i18n/index.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { Id, idOr404 } from '../units/schema.ts';

const TopicCode = z.string().max(40).nullable().optional();
const TemplateBody = z.object({
  unitId: Id,
  topicCode: TopicCode,
  title: z.string().max(TITLE_MAX),
  body: z.string().max(BODY_MAX),
}).strict();
const TemplatePatchBody = z.object({
  topicCode: TopicCode,
  title: z.string().max(TITLE_MAX).optional(),
  body: z.string().max(BODY_MAX).optional(),
}).strict();
const UnitQuery = z.object({ unitId: z.coerce.number().pipe(Id), lang: z.string().optional() }).strict();
const ItemTemplateParams = z.object({ id: z.coerce.number().pipe(Id), templateId: z.coerce.number().pipe(Id) });

/** Working days: 1..90 (the legal limits are 5 to 30; 90 leaves room without allowing nonsense). */
const Days = z.number().int().min(1).max(90);
const Rule = z.object({ ack: Days, forward: Days, resolve: Days.nullable() }).strict();
const DeadlinesBody = z.object(Object.fromEntries(KINDS.map((k) => [k, Rule.optional()])) as Record<FeedbackKind, z.ZodOptional<typeof Rule>>).strict();
export const SettingsBody = z.object({
  deadlines: DeadlinesBody.optional(),
  retentionDays: z.number().int().min(30).max(3650).optional(),
}).strict();

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;
const CalendarQuery = z.object({
  year: z.coerce.number().int().min(YEAR_MIN).max(YEAR_MAX).optional(),
  lang: z.string().optional(),
}).strict();
const DayBody = z.object({
  kind: z.enum(['off', 'work']),
  name: z.string().max(200).nullable().optional(),
}).strict();

/** :day is a real date within the years the calendar computes; anything else names no day. */
function dayParam(params: unknown): string {
  const day = (params as { day?: unknown } | undefined)?.day;
  if (typeof day !== 'string' || !isIsoDate(day)) throw errors.field('day', 'validation.date');
  const year = Number(day.slice(0, 4));
  if (year < YEAR_MIN || year > YEAR_MAX) throw errors.field('day', 'validation.date');
  return day;
}

const TopicName = z.string().min(1).max(200);
const TopicBody = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'key:feedback.topic_code_format' }),
  parent: z.string().max(40).nullable().optional(),
  vi: TopicName,
  en: TopicName,
  keywords: z.array(z.string().max(60)).max(50).optional(),
  sort: z.number().int().min(0).max(100_000).optional(),
}).strict();
const TopicPatch = z.object({
  parent: z.string().max(40).nullable().optional(),
  vi: TopicName.optional(),
  en: TopicName.optional(),
  keywords: z.array(z.string().max(60)).max(50).optional(),
  active: z.boolean().optional(),
  sort: z.number().int().min(0).max(100_000).optional(),
}).strict();
const TopicListQuery = z.object({ all: z.enum(['1', '0']).optional(), lang: z.string().optional() }).strict();

/** The placeholders a template may use, with what each stands for, for the editor's help. */
function placeholderHelp(lang: Lang) {
  return PLACEHOLDERS.map((name) => ({ name, token: `{${name}}`, label: t(lang, `feedback.placeholder.${name}`) }));
}

export function feedbackConfigRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/feedback-templates', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(UnitQuery, req.query);
    return { ...(await listUnitTemplates(ctx, q.unitId)), placeholders: placeholderHelp(req.lang) };
  });

  app.post('/api/feedback-templates', async (req, reply) => {
    const ctx = requireActor(req, services);
    const r = await createTemplate(ctx, parseWith(TemplateBody, req.body));
    void reply.status(201);
    return r;
  });

  app.get('/api/feedback-templates/:id', async (req) => getTemplate(requireActor(req, services), idOr404(req.params)));

  app.patch('/api/feedback-templates/:id', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    return updateTemplate(ctx, id, parseWith(TemplatePatchBody, req.body));
  });

  app.delete('/api/feedback-templates/:id', async (req) => {
    const ctx = requireActor(req, services);
    return deleteTemplate(ctx, idOr404(req.params));
  });

  app.get('/api/feedback/:id/templates', async (req) => {
    const ctx = requireActor(req, services);
    return { ...(await templatesForItem(ctx, idOr404(req.params))), placeholders: placeholderHelp(req.lang) };
  });

  app.get('/api/feedback/:id/templates/:templateId/render', async (req) => {
    const ctx = requireActor(req, services);
    const p = ItemTemplateParams.safeParse(req.params);
    if (!p.success) throw errors.notFound();
    return renderForItem(ctx, p.data.id, p.data.templateId);
  });

  // The topic taxonomy: everyone reads it (`all=1` includes retired topics); root administrators change it.
  app.get('/api/feedback-topics', async (req) => {
    const q = parseWith(TopicListQuery, req.query);
    return listTopics(requireActor(req, services), q.all === '1');
  });
  app.post('/api/feedback-topics', async (req, reply) => {
    const r = await createTopic(requireActor(req, services), parseWith(TopicBody, req.body));
    void reply.status(201);
    return r;
  });
  app.patch('/api/feedback-topics/:code', async (req) => {
    const code = String((req.params as { code?: string }).code ?? '');
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(code)) throw errors.notFound();
    return updateTopic(requireActor(req, services), code, parseWith(TopicPatch, req.body));
  });

  app.get('/api/feedback-settings', async (req) => readFeedbackSettings(requireActor(req, services)));

  app.put('/api/feedback-settings', async (req) => {
    const ctx = requireActor(req, services);
    const body = parseWith(SettingsBody, req.body);
    return updateFeedbackSettings(ctx, body);
  });

  app.get('/api/calendar', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(CalendarQuery, req.query);
    return calendarYear(ctx, q.year ?? Number(todayVN().slice(0, 4)), req.lang);
  });

  app.put('/api/calendar-days/:day', async (req) => {
    const ctx = requireActor(req, services);
    const day = dayParam(req.params);
    return setCalendarDay(ctx, day, parseWith(DayBody, req.body));
  });

  app.delete('/api/calendar-days/:day', async (req) => {
    const ctx = requireActor(req, services);
    return deleteCalendarDay(ctx, dayParam(req.params));
  });
}
