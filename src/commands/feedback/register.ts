// Reading the register: the list (scoped, filtered, sorted by due date), one item for staff, the contact details
// (each view logged), and per-unit figures: on-time %, median working days to close, overdue count.
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { sql, type SqlBool } from 'kysely';
import { tokensVi } from '../../core/feedback/normalize.ts';
import { ACTION_SPECS, availableActions, OPEN_STATES, OWING_STATES } from '../../core/feedback/lifecycle.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { Actor } from '../../core/roles.ts';
import type { FeedbackChannel, FeedbackKind, FeedbackState } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import { attachmentsOf, eventsOf, handlerCandidates, stateLiterals, unitCondition, unitSetFilter } from '../../db/repos/feedback.ts';
import { closingDays, unitYearCounts } from '../../db/repos/feedback-stats.ts';
import { inTx } from '../../db/tx.ts';
import type { CommandContext } from '../context.ts';
import { itemInScope } from './handle.ts';

type Ctx = CommandContext & { actor: Actor };

/** The owing and the open states as literals (partial indexes feedback_items_owing_due, feedback_items_open_unit). */
const OWING_SQL = sql<SqlBool>`i.state in (${stateLiterals(OWING_STATES)})`;
const OPEN_SQL = sql<SqlBool>`i.state in (${stateLiterals(OPEN_STATES)})`;

export interface RegisterFilter {
  unitId?: number;
  states?: FeedbackState[];
  open?: boolean;
  overdue?: boolean;
  dueSoon?: boolean;
  kind?: FeedbackKind;
  topicCode?: string;
  channel?: FeedbackChannel;
  assignedToMe?: boolean;
  rereview?: boolean;
  year?: number;
  q?: string;
  sort?: 'due' | 'received' | 'register';
  offset?: number;
  limit?: number;
}

/** Units the actor may read, narrowed to a chosen unit's subtree; 'all' when nothing narrows (no IN list). */
async function scopeFilter(ctx: Ctx, unitId: number | undefined): Promise<number[]> {
  const readable = feedbackPolicy.unitIds(ctx.actor, 'read');
  if (unitId === undefined) return readable;
  const graph = await ctx.access.unitGraph();
  const sub = graph.scopeOf(unitId, todayVN());
  return readable.filter((id) => sub.has(id));
}

export async function listRegister(ctx: Ctx, f: RegisterFilter) {
  const unitIds = await scopeFilter(ctx, f.unitId);
  const limit = Math.min(f.limit ?? 50, 200);
  const offset = f.offset ?? 0;
  if (!unitIds.length) return { items: [], hasMore: false };
  const today = todayVN();
  const { calendar } = await feedbackConfig(ctx.database);
  const graph = await ctx.access.unitGraph();
  const units = unitSetFilter(graph.units.keys(), graph.units.size, unitIds);
  // The assignee's name as a subquery, not a join: SQLite reads a list of states in due order one state at a time and
  // stops each once the page is full (migration 015) only when the query reads one table.
  let q = ctx.database.db.selectFrom('feedback_items as i')
    .select(['i.id', 'i.unit_id', 'i.register_year', 'i.register_no', 'i.tracking_code', 'i.channel', 'i.kind', 'i.topic_code',
      'i.state', 'i.outcome', 'i.summary', 'i.received_on', 'i.ack_due_on', 'i.due_on', 'i.closed_on', 'i.anonymous',
      'i.rereview', 'i.procedure', 'i.rating', 'i.assignee_id'])
    .select((eb) => eb.selectFrom('users as a').select('a.full_name').whereRef('a.id', '=', 'i.assignee_id').as('assignee_name'))
    .where(unitCondition('i.unit_id', units));
  if (f.states?.length) q = q.where('i.state', 'in', f.states);
  else if (f.open) q = q.where(OPEN_SQL);
  if (f.overdue) q = q.where(OWING_SQL).where('i.due_on', '<', today);
  if (f.dueSoon) q = q.where(OWING_SQL).where('i.due_on', '>=', today).where('i.due_on', '<=', calendar.addWorkingDays(today, 2));
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.topicCode) q = q.where('i.topic_code', '=', f.topicCode);
  if (f.channel) q = q.where('i.channel', '=', f.channel);
  if (f.assignedToMe) q = q.where('i.assignee_id', '=', ctx.actor.userId);
  if (f.rereview) q = q.where('i.rereview', '=', 1);
  if (f.year) q = q.where('i.register_year', '=', f.year);
  if (f.q?.trim()) {
    const code = f.q.trim().toUpperCase().replace(/[\s-]/g, '');
    const words = tokensVi(f.q).slice(0, 6);
    // Both branches read only what SQLite's order index holds (id, search_key; migration 016): a search for a word few
    // items have then walks that index without reading each item's row. The code's item is found by its own index.
    q = q.where((eb) => eb.or([
      eb('i.id', '=', eb.selectFrom('feedback_items as c').select('c.id').where('c.tracking_code', '=', code)),
      eb.and(words.map((w) => eb('i.search_key', 'like', `%${w.replace(/[%_\\]/g, '')}%`))),
    ]));
  }
  // By due date only where due dates mean something (items still owed); otherwise newest first.
  const owedOnly = f.overdue || f.dueSoon || f.open || (f.states?.length && f.states.every((st) => OPEN_STATES.includes(st)));
  const sort = f.sort ?? (owedOnly ? 'due' : 'received');
  // Newest by the day received, the date the list shows: a letter entered today that arrived last week sits with
  // last week's items. Within a day, the one entered last comes first.
  if (sort === 'received') q = q.orderBy('i.received_on', 'desc').orderBy('i.received_at', 'desc').orderBy('i.id', 'desc');
  else if (sort === 'register') q = q.orderBy('i.register_year', 'desc').orderBy('i.register_no', 'desc');
  // Overdue rows all have a due date, so the plain order reads the partial index (feedback_items_owing_due) in
  // order. Other lists put undated items last (the engines' default NULL orders differ), in one of two spellings of
  // the same order. Over most units, `(due_on is null), due_on, id`: the order the state index holds (migration 015)
  // and, on PostgreSQL, the open items' index, walked until the page is full. Over a few units (a commune), NULLS
  // LAST, which no index holds: their open items (feedback_items_open_unit, unit first) are few and sorted, where
  // PostgreSQL would otherwise walk the province's open items in due order looking for the commune's (register-list's
  // commune case on one slow machine: p95 85.6 ms walking, 74.4 ms sorting).
  else if (f.overdue || f.dueSoon) q = q.orderBy('i.due_on').orderBy('i.id');
  else if ('in' in units) q = q.orderBy('i.due_on', (ob) => ob.asc().nullsLast()).orderBy('i.id');
  else q = q.orderBy(sql`(i.due_on is null)`).orderBy('i.due_on').orderBy('i.id');
  const rows = await q.limit(limit + 1).offset(offset).execute();
  return {
    // The order applied, asked for or not: the console's sort field shows it, so it never names another.
    sort,
    hasMore: rows.length > limit,
    items: rows.slice(0, limit).map((r) => ({
      id: r.id, unitId: r.unit_id, unitName: graph.nameOn(r.unit_id, today) ?? '',
      register: { year: r.register_year, no: r.register_no }, trackingCode: r.tracking_code, channel: r.channel, kind: r.kind,
      topicCode: r.topic_code, state: r.state, outcome: r.outcome, procedure: r.procedure, summary: r.summary,
      receivedOn: r.received_on, dueOn: r.due_on, closedOn: r.closed_on, anonymous: r.anonymous === 1, rereview: r.rereview === 1,
      rating: r.rating, assignee: r.assignee_id ? { id: r.assignee_id, fullName: r.assignee_name } : null,
      overdue: !!r.due_on && OWING_STATES.includes(r.state) && r.due_on < today,
      workingDaysLeft: r.due_on && OWING_STATES.includes(r.state) ? calendar.workingDaysBetween(today, r.due_on) : null,
    })),
  };
}

export async function itemDetail(ctx: Ctx, id: number) {
  const item = await itemInScope(ctx, id);
  const db = ctx.database.db;
  const today = todayVN();
  const graph = await ctx.access.unitGraph();
  const { calendar } = await feedbackConfig(ctx.database);
  const [events, attachments, duplicates, children, candidates] = await Promise.all([
    eventsOf(db, id), attachmentsOf(db, id),
    db.selectFrom('feedback_items').select(['id', 'tracking_code', 'summary']).where('duplicate_of', '=', id).execute(),
    db.selectFrom('feedback_items').select(['id', 'tracking_code', 'summary']).where('split_from', '=', id).execute(),
    feedbackPolicy.can(ctx.actor, 'handle', item.unit_id)
      ? handlerCandidates(db, (u) => graph.scopeOf(u, today).has(item.unit_id)) : Promise.resolve([]),
  ]);
  const assignee = item.assignee_id ? candidates.find((c) => c.id === item.assignee_id)
    ?? (await db.selectFrom('users').select(['id', 'full_name as fullName']).where('id', '=', item.assignee_id).executeTakeFirst()) : null;
  const rights = feedbackPolicy.allowed(ctx.actor, item.unit_id);
  const facts = { state: item.state, kind: item.kind, assigneeId: item.assignee_id, hasDraft: !!item.answer_draft };
  const nameOf = (u: number | null) => (u === null ? null : graph.nameOn(u, today) ?? null);
  return {
    id: item.id, unitId: item.unit_id, unitName: nameOf(item.unit_id), register: { year: item.register_year, no: item.register_no },
    trackingCode: item.tracking_code, channel: item.channel, kind: item.kind, topicCode: item.topic_code, procedure: item.procedure,
    state: item.state, outcome: item.outcome, summary: item.summary, content: item.content, location: item.location,
    concernedUnit: item.concerned_unit_id ? { id: item.concerned_unit_id, name: nameOf(item.concerned_unit_id) } : null,
    concernedOfficer: rights.includes('restricted') ? item.concerned_officer : undefined,
    anonymous: item.anonymous === 1, hasContact: item.submitter_id !== null,
    source: item.source_type ? { type: item.source_type, ref: item.source_ref } : null,
    receivedOn: item.received_on, receivedAt: item.received_at, ackDueOn: item.ack_due_on, ackedOn: item.acked_on, dueOn: item.due_on,
    closedOn: item.closed_on, answeredOn: item.answered_on,
    overdue: !!item.due_on && OWING_STATES.includes(item.state) && item.due_on < today,
    workingDaysLeft: item.due_on && OWING_STATES.includes(item.state) ? calendar.workingDaysBetween(today, item.due_on) : null,
    answerDraft: item.answer_draft, publicAnswer: item.public_answer,
    rating: item.rating, ratingComment: item.rating_comment, rereview: item.rereview === 1,
    assignee: assignee ? { id: assignee.id, fullName: assignee.fullName } : null,
    duplicateOf: item.duplicate_of, duplicates, splitFrom: item.split_from, splitInto: children,
    attachments: attachments.map((a) => ({ id: a.id, role: a.role, public: a.public === 1, filename: a.filename, mime: a.mime, size: a.size })),
    events: events.map((e) => ({
      id: e.id, at: e.at, actorKind: e.actor_kind, actorName: e.actor_name, action: e.action, from: e.from_state, to: e.to_state,
      reason: e.reason, publicMessage: e.public_message, internalNote: e.internal_note, data: e.data ? JSON.parse(e.data) as unknown : null,
    })),
    allowed: rights,
    // Only the steps this person may take (an officer is not offered approval).
    actions: availableActions(facts).filter((a) => rights.includes(ACTION_SPECS[a].right)),
    candidates: candidates.map((c) => ({ id: c.id, fullName: c.fullName })),
  };
}

/** The person behind an item: only for roles that need it; every view is an audit event. */
export async function itemContact(ctx: Ctx, id: number) {
  const item = await itemInScope(ctx, id);
  if (!feedbackPolicy.can(ctx.actor, 'contact', item.unit_id)) throw errors.forbidden();
  if (item.submitter_id === null) return { anonymous: true, submitter: null, consents: [] };
  const db = ctx.database.db;
  const s = await db.selectFrom('feedback_submitters').selectAll().where('id', '=', item.submitter_id).executeTakeFirstOrThrow();
  const consents = await db.selectFrom('feedback_consents').select(['purpose', 'text_version', 'given_at', 'withdrawn_at'])
    .where('submitter_id', '=', s.id).orderBy('id').execute();
  await inTx(ctx.database, (trx, engine) => appendAudit(trx, engine, ctx.audit, {
    action: 'feedback.contact_view', entityType: 'feedback_item', entityId: id, unitId: item.unit_id, after: { submitterId: s.id, at: nowIso() },
  }));
  return {
    anonymous: false,
    submitter: {
      fullName: s.full_name, phone: s.phone, email: s.email, address: s.address, roleTitle: s.role_title,
      organisation: s.organisation, anonymisedAt: s.anonymised_at,
    },
    consents: consents.map((c) => ({ purpose: c.purpose, textVersion: c.text_version, givenAt: c.given_at, withdrawnAt: c.withdrawn_at })),
  };
}

/** The median of values given with their counts ([value, how many]); the mean of the middle two for an even total. */
export function medianOfCounts(counts: readonly (readonly [value: number, n: number])[]): number | null {
  const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return null;
  // The values at 0-based positions lo and hi of the sorted list (the same position for an odd total).
  const lo = (total - 1) >> 1;
  const hi = total >> 1;
  let seen = 0;
  let atLo: number | null = null;
  for (const [value, n] of sorted) {
    if (atLo === null && lo < seen + n) atLo = value;
    if (hi < seen + n) return (atLo! + value) / 2;
    seen += n;
  }
  return null;
}

/**
 * Per child unit of `unitId` (or the unit itself when it has none): items received in the year, closed, on time
 * (answered by its due date, or acknowledged by its acknowledgement date when refused, forwarded or transferred),
 * median working days from receipt to closing, and what is overdue now. Counted by the database
 * (repos/feedback-stats.ts); the units' rows are summed here into today's units they roll up into.
 */
export async function registerStats(ctx: Ctx, unitId: number, year: number) {
  if (!feedbackPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const { calendar } = await feedbackConfig(ctx.database);
  const readable = new Set(feedbackPolicy.unitIds(ctx.actor, 'read'));
  // Today's units: the old ones' items count towards their successors through the scope closure.
  const children = graph.childrenOf(unitId, today).filter((c) => readable.has(c) && graph.versionAt(c, today));
  const groups = (children.length ? children : [unitId]).map((id) => ({ id, scope: graph.scopeOf(id, today) }));
  const subtree = [...graph.scopeOf(unitId, today)].filter((id) => readable.has(id));
  // Each unit counts towards the first group whose scope holds it.
  const groupOf = new Map<number, number>();
  for (const g of groups) for (const u of g.scope) if (!groupOf.has(u)) groupOf.set(u, g.id);

  // The same filter as the list's: a province's scope is "not in (the few others)", not a thousand parameters.
  const scope = unitSetFilter(graph.units.keys(), graph.units.size, subtree);
  const counts = subtree.length ? await unitYearCounts(ctx.database, scope, year, today) : [];
  // The closed items' days, numbered from the first to the last of them, let the database count working days.
  const days = counts.flatMap((c) => (c.firstDay && c.lastDay ? [c.firstDay, c.lastDay] : [])).sort();
  const closing = days.length ? await closingDays(ctx.database, scope, year, calendar.ordinals(days[0]!, days[days.length - 1]!)) : [];

  const zero = { received: 0, closed: 0, open: 0, overdue: 0, judged: 0, onTime: 0, ratings: 0, ratingSum: 0 };
  const sums = new Map(groups.map((g) => [g.id, { ...zero, days: [] as [number, number][] }]));
  for (const c of counts) {
    const sum = sums.get(groupOf.get(c.unitId) ?? -1);
    if (!sum) continue;
    for (const k of Object.keys(zero) as (keyof typeof zero)[]) sum[k] += c[k];
  }
  for (const c of closing) sums.get(groupOf.get(c.unitId) ?? -1)?.days.push([c.days, c.n]);
  const units = groups.map(({ id }) => {
    const s = sums.get(id)!;
    return {
      unitId: id, unitName: graph.versionAt(id, today)?.name ?? '',
      received: s.received, closed: s.closed, open: s.open, overdue: s.overdue,
      onTimePct: s.judged ? Math.round((s.onTime / s.judged) * 1000) / 10 : null,
      medianDaysToClose: medianOfCounts(s.days),
      meanRating: s.ratings ? Math.round((s.ratingSum / s.ratings) * 10) / 10 : null,
      ratings: s.ratings,
    };
  });
  return { unitId, year, units };
}
