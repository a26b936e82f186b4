// The feedback register's SQL: register numbers, items, submitters, events, attachments.
import { sql, type Insertable, type RawBuilder, type SqlBool } from 'kysely';
import { prepared } from '../prepared.ts';
import type { FeedbackActorKind, FeedbackConsentsTable, FeedbackItemsTable, FeedbackState, FeedbackSubmittersTable } from '../schema.ts';
import type { Q, Tx } from '../tx.ts';
import type { Engine } from '../engine.ts';
import { columnValues, insertJsonRows, type JsonColumn } from './json-rows.ts';

const COUNTER_COLUMNS = [['unit_id', 'int'], ['year', 'int'], ['last_no', 'int']] as const satisfies readonly JsonColumn[];

/**
 * Reserves consecutive register numbers (sổ tiếp nhận) for several units and years in one statement, inside the
 * caller's transaction: each (unit, year), given once, gets `n` numbers; returns the first of each, keyed `unit|year`.
 */
export async function reserveRegisterNos(trx: Tx, engine: Engine, wanted: readonly { unitId: number; year: number; n: number }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!wanted.length) return out;
  const { rows } = await insertJsonRows<{ unit_id: number; year: number; last_no: number }>(engine, 'feedback_counters', COUNTER_COLUMNS,
    wanted.map((w) => [w.unitId, w.year, w.n]),
    'on conflict (unit_id, year) do update set last_no = feedback_counters.last_no + excluded.last_no returning unit_id, year, last_no').execute(trx);
  const n = new Map(wanted.map((w) => [`${w.unitId}|${w.year}`, w.n]));
  for (const r of rows) out.set(`${r.unit_id}|${r.year}`, Number(r.last_no) - n.get(`${r.unit_id}|${r.year}`)! + 1);
  return out;
}

/** A person as stored with an item: the contact fields, cleaned, and when they were written. */
export type SubmitterRow = Pick<Insertable<FeedbackSubmittersTable>, 'full_name' | 'phone' | 'email' | 'address' | 'role_title' | 'organisation' | 'created_at'>;
const SUBMITTER_COLUMNS = [
  ['full_name', 'text'], ['phone', 'text'], ['email', 'text'], ['address', 'text'], ['role_title', 'text'], ['organisation', 'text'], ['created_at', 'text'],
] as const satisfies readonly JsonColumn[];

/**
 * Several people in one statement; returns their ids in the order given. Neither engine promises RETURNING rows in
 * insertion order, but both number one insert's rows in the order its SELECT yields them (json-rows.ts keeps the
 * array's order), so the sorted ids are the rows' ids in order.
 */
export async function insertSubmitters(trx: Tx, engine: Engine, rows: readonly SubmitterRow[]): Promise<number[]> {
  if (!rows.length) return [];
  const inserted = await insertJsonRows<{ id: number }>(engine, 'feedback_submitters', SUBMITTER_COLUMNS,
    columnValues(SUBMITTER_COLUMNS, rows), 'returning id').execute(trx);
  return inserted.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export type ConsentRow = Pick<Insertable<FeedbackConsentsTable>, 'submitter_id' | 'purpose' | 'text_version' | 'given_at'>;
const CONSENT_COLUMNS = [['submitter_id', 'int'], ['purpose', 'text'], ['text_version', 'text'], ['given_at', 'text']] as const satisfies readonly JsonColumn[];

/** Consents given with new items, in one statement (withdrawn_at starts empty). */
export async function insertConsents(trx: Tx, engine: Engine, rows: readonly ConsentRow[]): Promise<void> {
  if (!rows.length) return;
  await insertJsonRows(engine, 'feedback_consents', CONSENT_COLUMNS, columnValues(CONSENT_COLUMNS, rows)).execute(trx);
}

export function findItem(q: Q, id: number) {
  return q.selectFrom('feedback_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findItemByCode(q: Q, trackingCode: string) {
  return q.selectFrom('feedback_items').selectAll().where('tracking_code', '=', trackingCode).executeTakeFirst();
}

export type ItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

export interface EventInput {
  itemId: number;
  actorKind: FeedbackActorKind;
  actorUserId: number | null;
  action: string;
  from?: FeedbackState | null;
  to?: FeedbackState | null;
  reason?: string | null;
  publicMessage?: string | null;
  internalNote?: string | null;
  data?: unknown;
  at: string;
}

const EVENT_COLUMNS = ['item_id', 'at', 'actor_kind', 'actor_user_id', 'action', 'from_state', 'to_state', 'reason', 'public_message', 'internal_note', 'data'] as const;
// Every intake and step writes one: compiled once per transaction (prepared.ts).
const insertEventRow = prepared((q: Q, ...values: unknown[]) =>
  q.insertInto('feedback_events').values(Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, values[i]])) as never).returning('id'));

function eventRow(e: EventInput) {
  return {
    item_id: e.itemId, at: e.at, actor_kind: e.actorKind, actor_user_id: e.actorUserId, action: e.action, from_state: e.from ?? null,
    to_state: e.to ?? null, reason: e.reason ?? null, public_message: e.publicMessage ?? null, internal_note: e.internalNote ?? null,
    data: e.data === undefined ? null : JSON.stringify(e.data),
  };
}

const EVENT_JSON_COLUMNS: readonly JsonColumn[] = EVENT_COLUMNS.map((c) => [c, c === 'item_id' || c === 'actor_user_id' ? 'int' : 'text'] as const);

/** Many events in one statement (a batch of intakes). */
export async function insertEvents(trx: Tx, engine: Engine, events: readonly EventInput[]): Promise<void> {
  if (!events.length) return;
  await insertJsonRows(engine, 'feedback_events', EVENT_JSON_COLUMNS, columnValues(EVENT_JSON_COLUMNS, events.map(eventRow))).execute(trx);
}

export async function insertEvent(trx: Tx, e: EventInput): Promise<number> {
  const [row] = await insertEventRow(trx, e.itemId, e.at, e.actorKind, e.actorUserId, e.action, e.from ?? null, e.to ?? null,
    e.reason ?? null, e.publicMessage ?? null, e.internalNote ?? null, e.data === undefined ? null : JSON.stringify(e.data));
  return (row as { id: number }).id;
}

/** The columns a new item is written with; the others (answer, rating, closure, ...) start empty. */
const NEW_ITEM_COLUMNS = [
  ['unit_id', 'int'], ['register_year', 'int'], ['register_no', 'int'], ['tracking_code', 'text'], ['channel', 'text'], ['kind', 'text'],
  ['topic_code', 'text'], ['procedure', 'text'], ['state', 'text'], ['summary', 'text'], ['content', 'text'], ['location', 'text'],
  ['submitter_id', 'int'], ['anonymous', 'int'], ['split_from', 'int'], ['source_type', 'text'], ['source_ref', 'text'],
  ['received_at', 'text'], ['received_on', 'text'], ['ack_due_on', 'text'], ['due_on', 'text'], ['search_key', 'text'],
  ['created_at', 'text'], ['updated_at', 'text'],
] as const satisfies readonly JsonColumn[];
export type NewItemRow = Pick<Insertable<FeedbackItemsTable>, (typeof NEW_ITEM_COLUMNS)[number][0]>;

/** Many new items in one statement; returns their ids in the order given (matched by their unique tracking codes). */
export async function insertItems(trx: Tx, engine: Engine, rows: readonly NewItemRow[]): Promise<number[]> {
  if (!rows.length) return [];
  const inserted = await insertJsonRows<{ id: number; tracking_code: string }>(engine, 'feedback_items', NEW_ITEM_COLUMNS,
    columnValues(NEW_ITEM_COLUMNS, rows), 'returning id, tracking_code').execute(trx);
  const ids = new Map(inserted.rows.map((r) => [r.tracking_code, Number(r.id)]));
  return rows.map((r) => ids.get(r.tracking_code)!);
}

export function eventsOf(q: Q, itemId: number) {
  return q.selectFrom('feedback_events').leftJoin('users', 'users.id', 'feedback_events.actor_user_id')
    .select(['feedback_events.id', 'at', 'actor_kind', 'action', 'from_state', 'to_state', 'reason', 'public_message',
      'internal_note', 'data', 'users.full_name as actor_name'])
    .where('item_id', '=', itemId).orderBy('feedback_events.id').execute();
}

/** Public steps only: what the citizen sees on the status page. */
export function publicEventsOf(q: Q, itemId: number) {
  return q.selectFrom('feedback_events').select(['at', 'action', 'to_state', 'public_message'])
    .where('item_id', '=', itemId).where('public_message', 'is not', null).orderBy('id').execute();
}

export function attachmentsOf(q: Q, itemId: number) {
  return q.selectFrom('feedback_attachments').select(['id', 'role', 'public', 'filename', 'mime', 'size', 'sha256', 'created_at'])
    .where('item_id', '=', itemId).orderBy('id').execute();
}

/** Everyone to tell about an item: its own submitter and those of the items merged into it as duplicates. */
export function recipientsOf(q: Q, itemId: number) {
  return q.selectFrom('feedback_items as i')
    .innerJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
    .innerJoin('feedback_consents as c', (j) => j.onRef('c.submitter_id', '=', 's.id')
      .on('c.purpose', '=', 'contact_updates').on('c.withdrawn_at', 'is', null))
    .select(['i.id as item_id', 'i.tracking_code', 's.id as submitter_id', 's.full_name', 's.email', 's.phone'])
    .where((eb) => eb.or([eb('i.id', '=', itemId), eb('i.duplicate_of', '=', itemId)]))
    .where('s.anonymised_at', 'is', null)
    .execute();
}

/** People who can be given an item: leaders and officers whose grants reach its unit (enabled accounts). */
export async function handlerCandidates(q: Q, reaches: (grantUnitId: number) => boolean) {
  const rows = await q.selectFrom('grants').innerJoin('users', 'users.id', 'grants.user_id')
    .select(['users.id', 'users.full_name', 'users.username', 'users.sort_key', 'grants.unit_id', 'grants.role'])
    .where('grants.role', 'in', ['leader', 'officer']).where('users.disabled', '=', 0).execute();
  const byUser = new Map<number, { id: number; fullName: string; username: string; sortKey: string }>();
  for (const r of rows) {
    if (reaches(r.unit_id)) byUser.set(r.id, { id: r.id, fullName: r.full_name, username: r.username, sortKey: r.sort_key });
  }
  return [...byUser.values()].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}

/**
 * How to filter items to a set of units: an IN list, or — when the set is most units, as a province leader's scope
 * is — "not in (the few others)" (empty: no filter), so no request compiles and binds a thousand parameters.
 */
export type UnitSet = { in: number[] } | { notIn: number[] };

export function unitSetFilter(allUnitIds: Iterable<number>, unitCount: number, ids: readonly number[]): UnitSet {
  if (ids.length * 2 <= unitCount) return { in: [...ids] };
  const inScope = new Set(ids);
  return { notIn: [...allUnitIds].filter((id) => !inScope.has(id)) };
}

/**
 * A list of states as SQL literals, for `state in (…)`: SQLite uses a partial index only when the query repeats the
 * index's terms, and a bound parameter is not a constant to its planner. Only for the lifecycle's own constants.
 */
export function stateLiterals(states: readonly FeedbackState[]): RawBuilder<unknown> {
  return sql.raw(states.map((s) => `'${s}'`).join(', '));
}

/** unitSetFilter's answer as a condition on `column`. */
export function unitCondition(column: string, units: UnitSet): RawBuilder<SqlBool> {
  if ('in' in units) return units.in.length ? sql<SqlBool>`${sql.ref(column)} in (${sql.join(units.in)})` : sql<SqlBool>`1 = 0`;
  return units.notIn.length ? sql<SqlBool>`${sql.ref(column)} not in (${sql.join(units.notIn)})` : sql<SqlBool>`1 = 1`;
}
