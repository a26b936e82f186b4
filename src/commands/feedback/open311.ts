// Open311 GeoReport v2 intake for partner platforms (city apps that forward their users' reports).
//
// - A partner is a row of api_partners: a name, the unit its reports land in, the SHA-256 of its key.
// - A report becomes a phản ánh (kind 'report') on channel 'partner', with source {type: 'partner', ref:
//   '<partner id>:<partner_ref>'}; the unit is jurisdiction_id (a unit code within the partner's subtree) or else
//   the partner's own unit.
// - No consent to updates is recorded and no notice is sent: the partner platform tells its own user (it reads
//   the status back with GET requests/<id>), so the contact details given are kept for the officers only.
// - A partner reads back only its own reports; anything else is 404, like a code that does not exist.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { todayVN } from '../../core/dates.ts';
import { AppError, errors, type FieldIssue } from '../../core/errors.ts';
import { OPEN_STATES } from '../../core/feedback/lifecycle.ts';
import { citizenMessages } from '../../core/feedback/messages.ts';
import {
  fullNameOf, hashApiKey, locationText, looksLikeApiKey, requestView, servicesOf, type Open311Created, type Open311Request,
  type Open311Service,
} from '../../core/feedback/open311.ts';
import { normalizeTrackingCode } from '../../core/feedback/tracking.ts';
import type { Db } from '../../db/engine.ts';
import type { Tx } from '../../db/tx.ts';
import { inTx } from '../../db/tx.ts';
import type { CommandContext } from '../context.ts';
import { planIntake, writeIntake, type IntakeInput } from './intake.ts';

export interface Partner {
  id: number;
  name: string;
  unitId: number;
}

/** How often last_used_at is written (a write per request would cost more than the request). */
const TOUCH_EVERY_MS = 60_000;

function authError(code: 'unauthenticated' | 'forbidden', key: string): AppError {
  return new AppError(code, { fields: { api_key: { key } } });
}

/** The partner of an api_key, or 401 (no key) / 403 (unknown or deactivated key). */
export async function authenticatePartner(database: Db, key: string | undefined | null): Promise<Partner> {
  if (!key) throw authError('unauthenticated', 'open311.key_missing');
  if (!looksLikeApiKey(key)) throw authError('forbidden', 'open311.key_invalid');
  const p = await database.db.selectFrom('api_partners').select(['id', 'name', 'unit_id', 'active', 'last_used_at'])
    .where('key_hash', '=', hashApiKey(key)).executeTakeFirst();
  if (!p || p.active !== 1) throw authError('forbidden', 'open311.key_invalid');
  const now = Date.now();
  if (!p.last_used_at || now - Date.parse(p.last_used_at) > TOUCH_EVERY_MS) {
    await database.db.updateTable('api_partners').set({ last_used_at: new Date(now).toISOString() }).where('id', '=', p.id).execute();
  }
  return { id: p.id, name: p.name, unitId: p.unit_id };
}

async function activeTopics(database: Db) {
  return database.db.selectFrom('feedback_topics').select(['code', 'parent_code', 'name_vi', 'name_en', 'keywords'])
    .where('active', '=', 1).orderBy('sort').orderBy('id').execute();
}

export async function listServices(database: Db): Promise<Open311Service[]> {
  return servicesOf(await activeTopics(database));
}

export interface Open311Post {
  serviceCode: string;
  description: string;
  jurisdictionId: string | null;
  lat: number | null;
  long: number | null;
  address: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  partnerRef: string | null;
}

/**
 * '<partner id>:<partner_ref>'; a report without a reference gets '<partner id>:*<uuid>' (a partner_ref never holds
 * '*', so the two never meet; every partner report has its own source, which a unique index holds to).
 */
const sourceRefOf = (partner: Partner, ref: string | null) => `${partner.id}:${ref ?? `*${randomUUID()}`}`;

async function findBySource(q: Db['db'] | Tx, sourceRef: string) {
  return q.selectFrom('feedback_items').select(['id', 'tracking_code']).where('source_type', '=', 'partner')
    .where('source_ref', '=', sourceRef).orderBy('id').limit(1).executeTakeFirst();
}

async function replay(q: Db['db'] | Tx, item: { id: number; tracking_code: string }): Promise<Open311Created> {
  const ev = await q.selectFrom('feedback_events').select('public_message').where('item_id', '=', item.id)
    .where('action', '=', 'receive').orderBy('id').limit(1).executeTakeFirst();
  return { service_request_id: item.tracking_code, service_notice: ev?.public_message ?? '', account_id: null };
}

/** Renames the intake's field names to the spec's, so the partner sees which of its parameters is wrong. */
function asOpen311Fields(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'validation' || !err.fields) return err;
  const names: Record<string, string> = { unitId: 'jurisdiction_id', content: 'description', topicCode: 'service_code' };
  const fields: Record<string, FieldIssue> = {};
  for (const [k, v] of Object.entries(err.fields)) fields[names[k] ?? k] = v;
  return new AppError('validation', { fields });
}

/**
 * Creates the item for a POST, or finds the one an earlier POST with the same partner_ref created.
 * `created` is false for such a replay (the route answers 200 instead of 201).
 */
export async function submitRequest(ctx: CommandContext, partner: Partner, input: Open311Post): Promise<{ created: boolean; body: Open311Created }> {
  const topic = await ctx.database.db.selectFrom('feedback_topics').select('code').where('code', '=', input.serviceCode)
    .where('active', '=', 1).executeTakeFirst();
  if (!topic) throw errors.field('service_code', 'open311.service_unknown', { code: input.serviceCode });

  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  let unitId = partner.unitId;
  if (input.jurisdictionId !== null) {
    const id = graph.idOf(input.jurisdictionId);
    if (id === undefined) throw errors.field('jurisdiction_id', 'open311.jurisdiction_unknown', { code: input.jurisdictionId });
    if (!graph.scopeOf(partner.unitId, today).has(id) || !graph.versionAt(id, today)) {
      throw errors.field('jurisdiction_id', 'open311.jurisdiction_outside', { code: input.jurisdictionId });
    }
    unitId = id;
  }

  const sourceRef = sourceRefOf(partner, input.partnerRef);
  if (input.partnerRef !== null) {
    const seen = await findBySource(ctx.database.db, sourceRef);
    if (seen) return { created: false, body: await replay(ctx.database.db, seen) };
  }

  const name = fullNameOf(input.firstName, input.lastName);
  const intake: IntakeInput = {
    unitId, channel: 'partner', kind: 'report', topicCode: topic.code, content: input.description,
    location: locationText(input.address, input.lat, input.long),
    submitter: name || input.email || input.phone ? { fullName: name, email: input.email, phone: input.phone } : null,
    consents: [], source: { type: 'partner', ref: sourceRef },
  };
  let plan;
  try {
    plan = await planIntake(ctx, intake);
  } catch (err) {
    throw asOpen311Fields(err);
  }
  return inTx(ctx.database, async (trx, engine) => {
    if (input.partnerRef !== null) {
      // Two retries arriving together: the second waits for the first and then finds its item (SQLite already
      // runs one write transaction at a time).
      if (engine === 'postgres') await sql`select pg_advisory_xact_lock(311, hashtext(${sourceRef}))`.execute(trx);
      const seen = await findBySource(trx, sourceRef);
      if (seen) return { created: false, body: await replay(trx, seen) };
    }
    const r = await writeIntake(trx, engine, { ...ctx, actor: null, actorKind: 'partner' }, intake, plan);
    return {
      created: true,
      body: { service_request_id: r.trackingCode, service_notice: citizenMessages.received(plan.unitName, r.trackingCode, r.ackDueOn), account_id: null },
    };
  });
}

export interface RequestFilter {
  codes?: string[];
  serviceCode?: string;
  status?: 'open' | 'closed';
  start?: string;
  end?: string;
}

/** Spec defaults for the list form: the last 90 days, at most 1000 requests. */
export const LIST_DAYS = 90;
export const LIST_MAX = 1000;

/** The partner's own requests, by code or by filter, newest first. Codes that are not the partner's are left out. */
export async function partnerRequests(ctx: CommandContext, partner: Partner, f: RequestFilter): Promise<Open311Request[]> {
  let q = ctx.database.db.selectFrom('feedback_items')
    .select(['id', 'unit_id', 'tracking_code', 'state', 'topic_code', 'content', 'location', 'received_at', 'updated_at'])
    .where('source_type', '=', 'partner').where('source_ref', 'like', `${partner.id}:%`);
  if (f.codes) {
    const codes = [...new Set(f.codes.map(normalizeTrackingCode).filter((c): c is string => c !== null))];
    if (!codes.length) return [];
    q = q.where('tracking_code', 'in', codes);
  } else {
    const start = f.start ?? new Date(Date.now() - LIST_DAYS * 86_400_000).toISOString();
    q = q.where('received_at', '>=', start);
    if (f.end) q = q.where('received_at', '<=', f.end);
    if (f.serviceCode) q = q.where('topic_code', '=', f.serviceCode);
    if (f.status) q = q.where('state', f.status === 'open' ? 'in' : 'not in', [...OPEN_STATES]);
  }
  const rows = await q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(LIST_MAX).execute();
  if (!rows.length) return [];

  const notes = new Map<number, string>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const events = await ctx.database.db.selectFrom('feedback_events').select(['item_id', 'public_message'])
      .where('item_id', 'in', ids.slice(i, i + 500)).where('public_message', 'is not', null).orderBy('id').execute();
    for (const e of events) notes.set(e.item_id, e.public_message!);
  }
  const topics = new Map((await allTopics(ctx.database)).map((t) => [t.code, t.name_vi]));
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  return rows.map((r) => requestView({
    trackingCode: r.tracking_code, state: r.state, topicCode: r.topic_code, serviceName: r.topic_code ? topics.get(r.topic_code) ?? null : null,
    content: r.content, location: r.location, receivedAt: r.received_at, updatedAt: r.updated_at,
    agency: graph.nameOn(r.unit_id, today) ?? null,
    statusNotes: notes.get(r.id) ?? null,
  }));
}

/** Names of retired topics too: an old request keeps its service name. */
function allTopics(database: Db) {
  return database.db.selectFrom('feedback_topics').select(['code', 'name_vi']).execute();
}

/** One request of the partner's, or 404. */
export async function partnerRequest(ctx: CommandContext, partner: Partner, code: string): Promise<Open311Request> {
  const [r] = await partnerRequests(ctx, partner, { codes: [code] });
  if (!r) throw errors.notFound();
  return r;
}
