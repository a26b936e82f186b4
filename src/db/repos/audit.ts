// Append-only audit events, hash-chained; written inside the caller's transaction.
import { CompiledQuery, sql } from 'kysely';
import { auditHash, GENESIS_HASH, type AuditContent, type ChainLink } from '../../core/audit-chain.ts';
import { nowIso } from '../../core/dates.ts';
import type { Engine } from '../engine.ts';
import { insertJsonRows, type JsonColumn } from './json-rows.ts';
import type { Q, Tx } from '../tx.ts';

/** Who did it and from where; null actor for the system and for anonymous requests. */
export interface AuditContext {
  actor: { userId: number; username: string } | null;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = { actor: null, ip: null, userAgent: 'langnghe-cli' };

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | number | null;
  unitId: number | null;
  before?: unknown;
  after?: unknown;
}

const chainEnd = new WeakMap<Tx, string>();

const AUDIT_COLUMNS = [
  ['at', 'text'], ['actor_user_id', 'int'], ['actor_username', 'text'], ['unit_id', 'int'], ['action', 'text'], ['entity_type', 'text'],
  ['entity_id', 'text'], ['before_json', 'text'], ['after_json', 'text'], ['ip', 'text'], ['user_agent', 'text'], ['prev_hash', 'text'], ['hash', 'text'],
] as const satisfies readonly JsonColumn[];
const CONTENT_COLUMNS = AUDIT_COLUMNS.slice(0, -2).map(([c]) => c as keyof AuditContent);
// Read by every transaction that audits (each batch of submissions), so not built by Kysely each time.
const LAST_HASH = CompiledQuery.raw('select hash from audit_events order by id desc limit 1');

/** Appends one event to the chain. On PostgreSQL an advisory lock serialises writers so the chain never forks. */
export function appendAudit(trx: Tx, engine: Engine, ctx: AuditContext, input: AuditInput): Promise<void> {
  return appendAudits(trx, engine, [{ ctx, input }]);
}

/** Appends events in order, linked in memory and written as multi-row inserts (a batch of intakes). */
export async function appendAudits(trx: Tx, engine: Engine, events: readonly { ctx: AuditContext; input: AuditInput }[]): Promise<void> {
  if (!events.length) return;
  // Within one transaction the chain's end is ours (the lock, or SQLite's single writer, holds until commit), so
  // a batch of events (group commit) reads it once and links the rest in memory.
  let prev = chainEnd.get(trx);
  if (prev === undefined) {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
    prev = (await trx.executeQuery<{ hash: string }>(LAST_HASH)).rows[0]?.hash ?? GENESIS_HASH;
  }
  // One time for the transaction's events: they are committed together.
  const at = nowIso();
  const rows: unknown[][] = [];
  for (const { ctx, input } of events) {
    const content = auditContent(ctx, input, at);
    const hash = auditHash(prev, content);
    rows.push([...CONTENT_COLUMNS.map((c) => content[c]), prev, hash]);
    prev = hash;
  }
  // The rows go in the order given, so ids follow the chain (verification walks it by id).
  await insertJsonRows(engine, 'audit_events', AUDIT_COLUMNS, rows).execute(trx);
  chainEnd.set(trx, prev);
}

function auditContent(ctx: AuditContext, input: AuditInput, at: string): AuditContent {
  return {
    at,
    actor_user_id: ctx.actor?.userId ?? null,
    actor_username: ctx.actor?.username ?? null,
    unit_id: input.unitId,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId === null ? null : String(input.entityId),
    before_json: input.before === undefined ? null : JSON.stringify(input.before),
    after_json: input.after === undefined ? null : JSON.stringify(input.after),
    ip: ctx.ip,
    user_agent: ctx.userAgent ? ctx.userAgent.slice(0, 300) : null,
  };
}

export interface AuditFilter {
  unitIds: number[] | 'all';
  includeUnitless: boolean;
  action?: string;
  entityType?: string;
  actor?: string;
  beforeId?: number;
  limit: number;
}

/** A page of events in scope, newest first (keyset on id). */
export async function listAudit(q: Q, f: AuditFilter) {
  let query = q.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(f.limit);
  if (f.unitIds !== 'all') {
    const ids = f.unitIds;
    query = query.where((eb) => {
      const inScope = ids.length ? eb('unit_id', 'in', ids) : sql<boolean>`1 = 0`;
      return f.includeUnitless ? eb.or([inScope, eb('unit_id', 'is', null)]) : inScope;
    });
  }
  if (f.action) query = query.where('action', '=', f.action);
  if (f.entityType) query = query.where('entity_type', '=', f.entityType);
  if (f.actor) query = query.where('actor_username', '=', f.actor);
  if (f.beforeId) query = query.where('id', '<', f.beforeId);
  return query.execute();
}

/** Streams the whole chain in id order, in pages, for verification. */
export async function* chainLinks(q: Q, pageSize = 5000): AsyncGenerator<ChainLink> {
  let after = 0;
  for (;;) {
    const page = await q.selectFrom('audit_events').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    for (const row of page) yield row;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}
