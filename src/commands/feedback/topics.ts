// The topic taxonomy (lĩnh vực): the default list ships with the schema; a root administrator adds topics, renames
// them, gives them keywords for suggestions, and retires them (a retired topic stays on the items that have it,
// and is no longer offered). Codes never change, so old items, templates and reports keep their meaning.
import { errors } from '../../core/errors.ts';
import type { Actor } from '../../core/roles.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { CommandContext } from '../context.ts';

type Ctx = CommandContext & { actor: Actor };

export interface TopicInput {
  code?: string;
  parent?: string | null;
  vi?: string;
  en?: string;
  keywords?: string[];
  active?: boolean;
  sort?: number;
}

export async function listTopics(ctx: Ctx, includeRetired: boolean) {
  let q = ctx.database.db.selectFrom('feedback_topics').selectAll().orderBy('sort').orderBy('id');
  if (!includeRetired) q = q.where('active', '=', 1);
  const rows = await q.execute();
  return {
    canEdit: ctx.actor.rootAdmin,
    topics: rows.map((t) => ({
      code: t.code, parent: t.parent_code, vi: t.name_vi, en: t.name_en, active: t.active === 1, sort: t.sort,
      keywords: t.keywords ? t.keywords.split(',').map((k) => k.trim()).filter(Boolean) : [],
    })),
  };
}

const clean = (s: string | undefined) => s?.normalize('NFC').replace(/\s+/g, ' ').trim();

async function checkParent(ctx: Ctx, parent: string | null | undefined, self?: string) {
  if (!parent) return;
  if (parent === self) throw errors.field('parent', 'feedback.topic_parent_self');
  const p = await ctx.database.db.selectFrom('feedback_topics').select(['code', 'parent_code']).where('code', '=', parent).executeTakeFirst();
  if (!p) throw errors.field('parent', 'feedback.topic_unknown');
  // Two levels, as the default taxonomy: a topic under a topic that is itself under another is refused.
  if (p.parent_code) throw errors.field('parent', 'feedback.topic_too_deep');
}

export async function createTopic(ctx: Ctx, input: TopicInput & { code: string; vi: string; en: string }) {
  if (!ctx.actor.rootAdmin) throw errors.forbidden();
  const vi = clean(input.vi);
  const en = clean(input.en);
  if (!vi) throw errors.field('vi', 'validation.required');
  if (!en) throw errors.field('en', 'validation.required');
  await checkParent(ctx, input.parent);
  return inTx(ctx.database, async (trx, engine) => {
    const exists = await trx.selectFrom('feedback_topics').select('id').where('code', '=', input.code).executeTakeFirst();
    if (exists) throw errors.conflict('duplicate_code', { code: { key: 'feedback.topic_code_taken' } });
    const last = await trx.selectFrom('feedback_topics').select((eb) => eb.fn.max('sort').as('m')).executeTakeFirst();
    const sort = input.sort ?? Number(last?.m ?? 0) + 10;
    await trx.insertInto('feedback_topics').values({
      code: input.code, parent_code: input.parent ?? null, name_vi: vi, name_en: en,
      keywords: input.keywords?.length ? input.keywords.map((k) => k.trim()).filter(Boolean).join(', ') : null, sort, active: 1,
    }).execute();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.topic_create', entityType: 'feedback_topic', entityId: input.code, unitId: null, after: { ...input, vi, en, sort },
    });
    return { code: input.code };
  });
}

export async function updateTopic(ctx: Ctx, code: string, input: TopicInput) {
  if (!ctx.actor.rootAdmin) throw errors.forbidden();
  const old = await ctx.database.db.selectFrom('feedback_topics').selectAll().where('code', '=', code).executeTakeFirst();
  if (!old) throw errors.notFound();
  if (input.parent !== undefined) await checkParent(ctx, input.parent, code);
  const set: { name_vi?: string; name_en?: string; parent_code?: string | null; keywords?: string | null; active?: number; sort?: number } = {};
  if (input.vi !== undefined) {
    const v = clean(input.vi);
    if (!v) throw errors.field('vi', 'validation.required');
    set.name_vi = v;
  }
  if (input.en !== undefined) {
    const v = clean(input.en);
    if (!v) throw errors.field('en', 'validation.required');
    set.name_en = v;
  }
  if (input.parent !== undefined) set.parent_code = input.parent;
  if (input.keywords !== undefined) set.keywords = input.keywords.map((k) => k.trim()).filter(Boolean).join(', ') || null;
  if (input.active !== undefined) set.active = input.active ? 1 : 0;
  if (input.sort !== undefined) set.sort = input.sort;
  if (!Object.keys(set).length) return { code, changed: false };
  await inTx(ctx.database, async (trx, engine) => {
    await trx.updateTable('feedback_topics').set(set).where('code', '=', code).execute();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.topic_update', entityType: 'feedback_topic', entityId: code, unitId: null,
      before: { vi: old.name_vi, en: old.name_en, parent: old.parent_code, keywords: old.keywords, active: old.active === 1, sort: old.sort }, after: set,
    });
  });
  return { code, changed: true };
}
