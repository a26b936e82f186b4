// Planning a conference: create and edit it (time in Vietnam, venue, partners, agenda, presiding and secretary),
// never overlapping another conference in the same venue (venue compared folded), and the list and one record.
import { cleanOrNull } from '../../core/text.ts';
import { sql, type Updateable } from 'kysely';
import { clockVN, conferenceTimes, rangesOverlap, venueKey } from '../../core/conferences/times.ts';
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors, type FieldIssue } from '../../core/errors.ts';
import { conferencePolicy } from '../../core/policy/conferences.ts';
import type { ConferenceState, ConferencesTable } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { unitCondition, unitSetFilter } from '../../db/repos/feedback.ts';
import { inTx, type Q } from '../../db/tx.ts';
import type { Engine } from '../../db/engine.ts';
import type { ActorContext } from '../context.ts';
import { assertNotCancelled, conferenceFor, presentMany, presentOne, randomCode, type ConferenceRow } from './shared.ts';

export interface AgendaEntry {
  time: string | null;
  title: string;
  presenter: string | null;
}

export interface PlanInput {
  unitId: number;
  campaignId?: number | null;
  title: string;
  period: string;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  coOrganisers?: string[];
  agenda?: AgendaEntry[];
  presiding?: { name: string; title: string } | null;
  secretary?: { name: string; title: string } | null;
}

export type EditInput = Partial<Omit<PlanInput, 'unitId'>> & {
  extraAttendance?: number;
  proceedings?: string | null;
  conclusion?: string | null;
  publicSummary?: string | null;
};

const clean = cleanOrNull;

async function checkCampaign(q: Q, campaignId: number, unitId: number): Promise<void> {
  const row = await q.selectFrom('campaign_units').select('id').where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst();
  if (!row) throw errors.field('campaignId', 'conference.campaign_unknown');
}

/** Refuses a conference at the same (folded) venue whose time overlaps, other than itself and cancelled ones. */
async function assertNoOverlap(q: Q, engine: Engine, key: string, startsAt: string, endsAt: string, selfId: number | null, heldOn: string) {
  // Two plans written at once for the same hall: the second waits for the first and then sees it.
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(314, hashtext(${key}))`.execute(q);
  // Conferences last hours, not days: those held the day before, on the day or the day after are enough to check.
  const d = new Date(`${heldOn}T00:00:00Z`);
  const around = (n: number) => new Date(d.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  let query = q.selectFrom('conferences').select(['id', 'starts_at', 'ends_at']).where('venue_key', '=', key)
    .where('held_on', '>=', around(-1)).where('held_on', '<=', around(1)).where('state', '!=', 'cancelled');
  if (selfId !== null) query = query.where('id', '!=', selfId);
  const clash = (await query.execute()).find((o) => rangesOverlap(startsAt, endsAt, o.starts_at, o.ends_at));
  if (clash) throw errors.conflict('conflict', { venue: { key: 'conference.venue_taken' } });
}

/** Plans a conference: 201 with the conference, or per-field errors, or 409 when the venue is taken. */
export async function createConference(ctx: ActorContext, input: PlanInput) {
  if (!conferencePolicy.can(ctx.actor, 'read', input.unitId)) throw errors.field('unitId', 'unit.not_found');
  if (!conferencePolicy.can(ctx.actor, 'plan', input.unitId)) throw errors.forbidden();
  const graph = await ctx.access.unitGraph();
  if (!graph.versionAt(input.unitId, todayVN())) throw errors.field('unitId', 'unit.not_found');
  const issues: Record<string, FieldIssue> = {};
  const title = clean(input.title);
  const period = clean(input.period);
  const venue = clean(input.venue);
  if (!title) issues.title = { key: 'validation.required' };
  if (!period) issues.period = { key: 'validation.required' };
  if (!venue || !venueKey(venue)) issues.venue = { key: 'validation.required' };
  const t = conferenceTimes(input.date, input.startTime, input.endTime);
  Object.assign(issues, t.issues);
  if (Object.keys(issues).length || !t.times) throw errors.validation(issues);
  if (input.campaignId != null) await checkCampaign(ctx.database.db, input.campaignId, input.unitId);
  const times = t.times;
  const key = venueKey(venue!);

  const row = await inTx(ctx.database, async (trx, engine) => {
    await assertNoOverlap(trx, engine, key, times.startsAt, times.endsAt, null, times.heldOn);
    const now = nowIso();
    const inserted = await trx.insertInto('conferences').values({
      unit_id: input.unitId, campaign_id: input.campaignId ?? null, title: title!, period: period!,
      starts_at: times.startsAt, ends_at: times.endsAt, held_on: times.heldOn, venue: venue!, venue_key: key,
      co_organisers: JSON.stringify((input.coOrganisers ?? []).map(clean).filter(Boolean)),
      agenda: JSON.stringify(cleanAgenda(input.agenda ?? [])),
      presiding_name: clean(input.presiding?.name), presiding_title: clean(input.presiding?.title),
      secretary_name: clean(input.secretary?.name), secretary_title: clean(input.secretary?.title),
      state: 'planned', public_code: randomCode(8), checkin_open: 0, extra_attendance: 0, proceedings: null, conclusion: null,
      public_summary: null, published_at: null, created_by: ctx.actor.userId, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.create', entityType: 'conference', entityId: inserted.id, unitId: inserted.unit_id,
      after: { title: inserted.title, period: inserted.period, startsAt: inserted.starts_at, endsAt: inserted.ends_at, venue: inserted.venue, campaignId: inserted.campaign_id },
    });
    return inserted;
  });
  return presentOne(ctx, row);
}

function cleanAgenda(agenda: readonly AgendaEntry[]): AgendaEntry[] {
  return agenda.map((a) => ({ time: clean(a.time), title: clean(a.title) ?? '', presenter: clean(a.presenter) })).filter((a) => a.title);
}

/** Edits the plan (any field) and the record of the day (attendance, proceedings, conclusion, summary draft). */
export async function updateConference(ctx: ActorContext, id: number, input: EditInput) {
  const c = await conferenceFor(ctx, id, 'plan');
  assertNotCancelled(c);
  const set: Updateable<ConferencesTable> = {};
  const issues: Record<string, FieldIssue> = {};
  const text = (name: keyof EditInput & string, column: 'title' | 'period' | 'venue') => {
    const v = input[name] as string | undefined;
    if (v === undefined) return;
    const t = clean(v);
    if (!t) issues[name] = { key: 'validation.required' };
    else set[column] = t;
  };
  text('title', 'title');
  text('period', 'period');
  text('venue', 'venue');
  if (set.venue) set.venue_key = venueKey(set.venue);
  if (input.venue !== undefined && set.venue && !set.venue_key) issues.venue = { key: 'validation.required' };
  if (input.date !== undefined || input.startTime !== undefined || input.endTime !== undefined) {
    const t = conferenceTimes(input.date ?? c.held_on, input.startTime ?? clockVN(c.starts_at), input.endTime ?? clockVN(c.ends_at));
    Object.assign(issues, t.issues);
    if (t.times) Object.assign(set, { starts_at: t.times.startsAt, ends_at: t.times.endsAt, held_on: t.times.heldOn });
  }
  if (Object.keys(issues).length) throw errors.validation(issues);
  if (input.campaignId !== undefined) {
    if (input.campaignId !== null) await checkCampaign(ctx.database.db, input.campaignId, c.unit_id);
    set.campaign_id = input.campaignId;
  }
  if (input.coOrganisers !== undefined) set.co_organisers = JSON.stringify(input.coOrganisers.map(clean).filter(Boolean));
  if (input.agenda !== undefined) set.agenda = JSON.stringify(cleanAgenda(input.agenda));
  if (input.presiding !== undefined) Object.assign(set, { presiding_name: clean(input.presiding?.name), presiding_title: clean(input.presiding?.title) });
  if (input.secretary !== undefined) Object.assign(set, { secretary_name: clean(input.secretary?.name), secretary_title: clean(input.secretary?.title) });
  if (input.extraAttendance !== undefined) set.extra_attendance = input.extraAttendance;
  if (input.proceedings !== undefined) set.proceedings = clean(input.proceedings);
  if (input.conclusion !== undefined) set.conclusion = clean(input.conclusion);
  if (input.publicSummary !== undefined) set.public_summary = clean(input.publicSummary);
  if (!Object.keys(set).length) return presentOne(ctx, c);

  const before = Object.fromEntries(Object.keys(set).map((k) => [k, c[k as keyof ConferenceRow]]));
  const row = await inTx(ctx.database, async (trx, engine) => {
    const key = set.venue_key ?? c.venue_key;
    if (set.venue_key !== undefined || set.starts_at !== undefined) {
      await assertNoOverlap(trx, engine, key, set.starts_at ?? c.starts_at, set.ends_at ?? c.ends_at, c.id, set.held_on ?? c.held_on);
    }
    const updated = await trx.updateTable('conferences').set({ ...set, updated_at: nowIso() }).where('id', '=', id)
      .where('updated_at', '=', c.updated_at).returningAll().executeTakeFirst();
    if (!updated) throw errors.conflict();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.update', entityType: 'conference', entityId: id, unitId: c.unit_id, before, after: set,
    });
    return updated;
  });
  return presentOne(ctx, row);
}

/** One conference (404 outside the scope). */
export async function getConference(ctx: ActorContext, id: number) {
  return presentOne(ctx, await conferenceFor(ctx, id, 'read'));
}

export interface ListFilter {
  unitId?: number;
  year?: number;
  state?: ConferenceState;
  limit?: number;
  offset?: number;
}

/** Conferences in scope (of a unit's subtree when given), newest first, with the total for paging. */
export async function listConferences(ctx: ActorContext, f: ListFilter) {
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  let ids = conferencePolicy.unitIds(ctx.actor, 'read');
  if (f.unitId !== undefined) {
    if (!conferencePolicy.can(ctx.actor, 'read', f.unitId)) throw errors.notFound();
    const subtree = graph.scopeOf(f.unitId, today);
    ids = ids.filter((u) => subtree.has(u));
  }
  if (!ids.length) return { conferences: [], total: 0 };
  const db = ctx.database.db;
  let q = db.selectFrom('conferences').where(unitCondition('unit_id', unitSetFilter(graph.units.keys(), graph.units.size, ids)));
  if (f.year !== undefined) q = q.where('held_on', '>=', `${f.year}-01-01`).where('held_on', '<=', `${f.year}-12-31`);
  if (f.state) q = q.where('state', '=', f.state);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(f.limit ?? 50).offset(f.offset ?? 0).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { conferences: await presentMany(ctx, rows), total: Number(total.n) };
}
