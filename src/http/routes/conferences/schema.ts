// Request shapes for the conferences API. Sizes are limited here; meaning (dates, times, phones, overlaps) is
// checked by the commands, which name the field.
import { z } from 'zod';
import { DELEGATE_CATEGORIES } from '../../../core/conferences/delegate-rows.ts';
import { KINDS } from '../../../core/feedback/kinds.ts';
import { CONTENT_MAX } from '../feedback/schema.ts';
import { Id } from '../units/schema.ts';

// PostgreSQL refuses NUL in text: a NUL is a format error here, not a database error later.
const str = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), { message: 'key:validation.format' });
const text = (max: number) => str(max).transform((s) => s.normalize('NFC'));
const optText = (max: number) => text(max).nullable().optional();
const Person = z.object({ name: text(200), title: text(200) }).strict();
const Agenda = z.object({ time: optText(20).transform((v) => v ?? null), title: text(300), presenter: optText(200).transform((v) => v ?? null) }).strict();
const Category = z.enum(DELEGATE_CATEGORIES as [string, ...string[]]).transform((c) => c as (typeof DELEGATE_CATEGORIES)[number]);
const Kind = z.enum(KINDS as [string, ...string[]]).transform((k) => k as (typeof KINDS)[number]);
const bool = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const planFields = {
  campaignId: Id.nullable().optional(),
  title: text(300),
  period: text(40),
  date: str(20),
  startTime: str(10),
  endTime: str(10),
  venue: text(300),
  coOrganisers: z.array(text(300)).max(20).optional(),
  agenda: z.array(Agenda).max(50).optional(),
  presiding: Person.nullable().optional(),
  secretary: Person.nullable().optional(),
};

export const PlanBody = z.object({ unitId: Id, ...planFields }).strict();

export const EditBody = z.object({
  ...Object.fromEntries(Object.entries(planFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof planFields]: z.ZodOptional<(typeof planFields)[K]> },
  extraAttendance: z.number().int().min(0).max(100_000).optional(),
  proceedings: optText(CONTENT_MAX),
  conclusion: optText(CONTENT_MAX),
  publicSummary: optText(CONTENT_MAX),
}).strict();

export const ListQuery = z.object({
  unitId: z.coerce.number().pipe(Id).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: z.enum(['planned', 'held', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  lang: z.string().optional(),
}).strict();

export const StateBody = z.object({ action: z.enum(['hold', 'cancel', 'reopen']), reason: optText(2000) }).strict();
export const CheckinOpenBody = z.object({ open: z.boolean() }).strict();
export const PublishBody = z.object({ publicSummary: text(CONTENT_MAX) }).strict();

export const DelegateBody = z.object({
  fullName: text(200),
  title: optText(200),
  organisation: optText(200),
  village: optText(200),
  phone: str(30).nullable().optional(),
  email: z.email().max(200).nullable().optional().or(z.literal('').transform(() => null)),
  category: Category,
}).strict();
export const DelegateEditBody = DelegateBody.partial().strict();
export const DelegateParams = z.object({ id: z.coerce.number().pipe(Id), delegateId: z.coerce.number().pipe(Id) });

export const ImportQuery = z.object({
  dryRun: bool.optional(),
  filename: str(200).optional(),
  lang: z.string().optional(),
}).strict();

export const CheckinBody = z.object({ delegateId: Id, present: z.boolean() }).strict();

export const OpinionBody = z.object({
  delegateId: Id.nullable().optional(),
  speakerName: optText(200),
  speakerTitle: optText(200),
  speakerOrganisation: optText(200),
  kind: Kind,
  topicCode: str(40).nullable().optional(),
  content: text(CONTENT_MAX),
  answerMode: z.enum(['spot', 'writing']),
  spotAnswer: optText(CONTENT_MAX),
  answeredBy: optText(200),
}).strict();

export const PaperBatchBody = z.object({ batchId: Id }).strict();

export const OverviewQuery = z.object({
  unitId: z.coerce.number().pipe(Id),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  lang: z.string().optional(),
}).strict();

export const DocumentParams = z.object({ id: z.coerce.number().pipe(Id), kind: z.enum(['invitation', 'report', 'minutes']) });
export const DocumentQuery = z.object({ delegateId: z.coerce.number().pipe(Id).optional(), lang: z.string().optional() }).strict();
