// Response templates of a unit (mẫu trả lời): kept per unit and optionally per topic; an item is offered the
// templates of its unit and of the units above it, those of its topic first, and one renders with the item's
// values. The citizen's name goes into a letter only for someone allowed to see it, and that view is logged.
import { nowIso, formatDate, todayVN } from '../../core/dates.ts';
import { compareVi } from '../../core/collate.ts';
import { errors } from '../../core/errors.ts';
import { formatTrackingCode } from '../../core/feedback/tracking.ts';
import {
  addressee, listPlaceholders, renderTemplate, unknownPlaceholders, type PlaceholderValues,
} from '../../core/feedback/templates.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { Actor } from '../../core/roles.ts';
import type { UnitGraph } from '../../core/units/graph.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import type { FeedbackTemplatesTable } from '../../db/schema.ts';
import { inTx } from '../../db/tx.ts';
import type { Selectable } from 'kysely';
import type { CommandContext } from '../context.ts';
import { itemInScope } from './handle.ts';

type Ctx = CommandContext & { actor: Actor };
type TemplateRow = Selectable<FeedbackTemplatesTable>;

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;

export interface TemplateInput {
  unitId: number;
  topicCode?: string | null;
  title: string;
  body: string;
}

export type TemplatePatch = Partial<Omit<TemplateInput, 'unitId'>>;

/** How well a template fits an item: its topic, the topic's parent, no topic (general), another topic. */
export type TemplateMatch = 'topic' | 'parent_topic' | 'general' | 'other';
const MATCH_RANK: Record<TemplateMatch, number> = { topic: 0, parent_topic: 1, general: 2, other: 3 };

function unitName(graph: UnitGraph, unitId: number, today: string): string {
  return graph.nameOn(unitId, today) ?? '';
}

function present(ctx: Ctx, graph: UnitGraph, row: TemplateRow, today: string) {
  return {
    id: row.id, unitId: row.unit_id, unitName: unitName(graph, row.unit_id, today), topicCode: row.topic_code,
    title: row.title, body: row.body, placeholders: listPlaceholders(row.body), unknownPlaceholders: unknownPlaceholders(row.body),
    createdAt: row.created_at, updatedAt: row.updated_at, canEdit: feedbackPolicy.can(ctx.actor, 'configure', row.unit_id),
  };
}

function cleanTitle(s: string): string {
  const t = s.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!t) throw errors.field('title', 'validation.required');
  return t;
}

/** Plain text: Windows line ends become \n, trailing blanks go, nothing else is touched. */
function cleanBody(s: string): string {
  const b = s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
  if (!b) throw errors.field('body', 'validation.required');
  return b;
}

async function checkTopic(ctx: Ctx, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  const topic = await ctx.database.db.selectFrom('feedback_topics').select('code').where('code', '=', code).where('active', '=', 1).executeTakeFirst();
  if (!topic) throw errors.field('topicCode', 'feedback.topic_unknown');
  return topic.code;
}

/** A template the actor may read (its unit is in their scope), or 404. */
async function templateInScope(ctx: Ctx, id: number): Promise<TemplateRow> {
  const row = await ctx.database.db.selectFrom('feedback_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !feedbackPolicy.can(ctx.actor, 'read', row.unit_id)) throw errors.notFound();
  return row;
}

export async function listUnitTemplates(ctx: Ctx, unitId: number) {
  if (!feedbackPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const rows = await ctx.database.db.selectFrom('feedback_templates').selectAll().where('unit_id', '=', unitId).execute();
  rows.sort((a, b) => (a.topic_code ?? '').localeCompare(b.topic_code ?? '') || compareVi(a.title, b.title) || a.id - b.id);
  return { unitId, canEdit: feedbackPolicy.can(ctx.actor, 'configure', unitId), templates: rows.map((r) => present(ctx, graph, r, today)) };
}

export async function getTemplate(ctx: Ctx, id: number) {
  const row = await templateInScope(ctx, id);
  return present(ctx, await ctx.access.unitGraph(), row, todayVN());
}

export async function createTemplate(ctx: Ctx, input: TemplateInput) {
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  if (!feedbackPolicy.can(ctx.actor, 'read', input.unitId) || !graph.versionAt(input.unitId, today)) throw errors.field('unitId', 'unit.not_found');
  if (!feedbackPolicy.can(ctx.actor, 'configure', input.unitId)) throw errors.forbidden();
  const title = cleanTitle(input.title);
  const body = cleanBody(input.body);
  const topicCode = await checkTopic(ctx, input.topicCode);
  const row = await inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const inserted = await trx.insertInto('feedback_templates')
      .values({ unit_id: input.unitId, topic_code: topicCode, title, body, created_at: now, updated_at: now })
      .returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.template_create', entityType: 'feedback_template', entityId: inserted.id, unitId: input.unitId,
      after: { topicCode, title, body },
    });
    return inserted;
  });
  return present(ctx, graph, row, today);
}

export async function updateTemplate(ctx: Ctx, id: number, patch: TemplatePatch) {
  const row = await templateInScope(ctx, id);
  if (!feedbackPolicy.can(ctx.actor, 'configure', row.unit_id)) throw errors.forbidden();
  const set: Partial<Pick<TemplateRow, 'title' | 'body' | 'topic_code'>> = {};
  if (patch.title !== undefined) set.title = cleanTitle(patch.title);
  if (patch.body !== undefined) set.body = cleanBody(patch.body);
  if (patch.topicCode !== undefined) set.topic_code = await checkTopic(ctx, patch.topicCode);
  const changed = (Object.keys(set) as (keyof typeof set)[]).filter((k) => set[k] !== row[k]);
  const graph = await ctx.access.unitGraph();
  if (!changed.length) return present(ctx, graph, row, todayVN());
  const updated = await inTx(ctx.database, async (trx, engine) => {
    const r = await trx.updateTable('feedback_templates').set({ ...set, updated_at: nowIso() })
      .where('id', '=', id).returningAll().executeTakeFirst();
    if (!r) throw errors.notFound();
    const pick = (o: Partial<TemplateRow>) => Object.fromEntries(changed.map((k) => [k === 'topic_code' ? 'topicCode' : k, o[k]]));
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.template_update', entityType: 'feedback_template', entityId: id, unitId: row.unit_id,
      before: pick(row), after: pick(r),
    });
    return r;
  });
  return present(ctx, graph, updated, todayVN());
}

export async function deleteTemplate(ctx: Ctx, id: number) {
  const row = await templateInScope(ctx, id);
  if (!feedbackPolicy.can(ctx.actor, 'configure', row.unit_id)) throw errors.forbidden();
  await inTx(ctx.database, async (trx, engine) => {
    const r = await trx.deleteFrom('feedback_templates').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw errors.notFound();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.template_delete', entityType: 'feedback_template', entityId: id, unitId: row.unit_id,
      before: { topicCode: row.topic_code, title: row.title, body: row.body },
    });
  });
  return { ok: true };
}

/** The unit and the units above it (where each sits today, or last sat), nearest first. */
function unitChain(graph: UnitGraph, unitId: number, today: string): number[] {
  const chain: number[] = [];
  let cur: number | null | undefined = unitId;
  while (cur != null && !chain.includes(cur)) {
    chain.push(cur);
    cur = graph.structuralVersion(cur, today)?.parentId;
  }
  return chain;
}

async function topicParent(ctx: Ctx, code: string | null): Promise<string | null> {
  if (!code) return null;
  const t = await ctx.database.db.selectFrom('feedback_topics').select('parent_code').where('code', '=', code).executeTakeFirst();
  return t?.parent_code ?? null;
}

/** Templates an item may use: its unit's and its ancestors', those of its topic first, then the nearest unit's. */
export async function templatesForItem(ctx: Ctx, itemId: number) {
  const item = await itemInScope(ctx, itemId);
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const chain = unitChain(graph, item.unit_id, today);
  const parentTopic = await topicParent(ctx, item.topic_code);
  const rows = await ctx.database.db.selectFrom('feedback_templates').selectAll().where('unit_id', 'in', chain).execute();
  const matchOf = (r: TemplateRow): TemplateMatch => !r.topic_code ? 'general'
    : r.topic_code === item.topic_code ? 'topic' : r.topic_code === parentTopic ? 'parent_topic' : 'other';
  const ranked = rows.map((r) => ({ r, match: matchOf(r), distance: chain.indexOf(r.unit_id) }))
    .sort((a, b) => MATCH_RANK[a.match] - MATCH_RANK[b.match] || a.distance - b.distance || compareVi(a.r.title, b.r.title) || a.r.id - b.r.id);
  return {
    itemId, topicCode: item.topic_code,
    templates: ranked.map(({ r, match }) => ({ ...present(ctx, graph, r, today), match })),
  };
}

/**
 * The template filled in with the item's values. {ten_nguoi_gui} is "Ông/Bà <name>" for someone with the
 * contact right (the view is logged like opening the contact details), "Ông/Bà" for everyone else and for an
 * anonymous or anonymised person.
 */
export async function renderForItem(ctx: Ctx, itemId: number, templateId: number) {
  const item = await itemInScope(ctx, itemId);
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const template = await ctx.database.db.selectFrom('feedback_templates').selectAll().where('id', '=', templateId).executeTakeFirst();
  if (!template || !unitChain(graph, item.unit_id, today).includes(template.unit_id)) throw errors.notFound();
  const db = ctx.database.db;
  let name: string | null = null;
  if (item.submitter_id !== null && feedbackPolicy.can(ctx.actor, 'contact', item.unit_id)) {
    const s = await db.selectFrom('feedback_submitters').select(['full_name', 'anonymised_at']).where('id', '=', item.submitter_id).executeTakeFirst();
    name = s && !s.anonymised_at ? s.full_name : null;
  }
  const topic = item.topic_code
    ? await db.selectFrom('feedback_topics').select('name_vi').where('code', '=', item.topic_code).executeTakeFirst() : undefined;
  const values: PlaceholderValues = {
    ten_nguoi_gui: addressee(name),
    ma_theo_doi: formatTrackingCode(item.tracking_code),
    so_so: `${item.register_no}/${item.register_year}`,
    ngay_tiep_nhan: formatDate(item.received_on),
    don_vi: unitName(graph, item.unit_id, today),
    noi_dung_tom_tat: item.summary,
    linh_vuc: topic?.name_vi ?? null,
    ngay_hom_nay: formatDate(today),
  };
  const rendered = renderTemplate(template.body, values);
  const nameShown = name !== null && listPlaceholders(template.body).includes('ten_nguoi_gui');
  if (nameShown) {
    await inTx(ctx.database, (trx, engine) => appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.contact_view', entityType: 'feedback_item', entityId: item.id, unitId: item.unit_id,
      after: { submitterId: item.submitter_id, via: 'template', templateId },
    }));
  }
  return { itemId, templateId, title: template.title, ...rendered, nameShown };
}
