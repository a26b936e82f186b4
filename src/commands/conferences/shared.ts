// What every conference use case shares: loading a conference the actor may see (outside the scope: 404; in scope
// without the right: 403), its counts, and the response shape of docs/CONFERENCES.md.
import { randomInt } from 'node:crypto';
import { todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { followUpStatus } from '../../core/conferences/follow-up.ts';
import { conferencePolicy, type ConferencePolicyAction } from '../../core/policy/conferences.ts';
import type { Actor } from '../../core/roles.ts';
import type { UnitGraph } from '../../core/units/graph.ts';
import type { ConferencesTable, FeedbackOutcome, FeedbackState } from '../../db/schema.ts';
import type { Q } from '../../db/tx.ts';
import type { Selectable } from 'kysely';
import type { ConferenceCounts } from '../../core/conferences/shapes.ts';
import type { ActorContext } from '../context.ts';

export type ConferenceRow = Selectable<ConferencesTable>;

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random code of n characters without look-alikes (0/O, 1/I/L): public URLs and QR codes. */
export function randomCode(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** The conference row, whoever may see it (callers check the scope). */
export function findConference(q: Q, id: number) {
  return q.selectFrom('conferences').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The conference if the actor may read it (else 404) and may do `action` on it (else 403). */
export async function conferenceFor(ctx: ActorContext, id: number, action: ConferencePolicyAction = 'read'): Promise<ConferenceRow> {
  const c = await findConference(ctx.database.db, id);
  if (!c || !conferencePolicy.can(ctx.actor, 'read', c.unit_id)) throw errors.notFound();
  if (!conferencePolicy.can(ctx.actor, action, c.unit_id)) throw errors.forbidden();
  return c;
}

/** A cancelled conference takes no more changes (reopen it first). */
export function assertNotCancelled(c: ConferenceRow): void {
  if (c.state === 'cancelled') throw errors.conflict('conflict', { state: { key: 'conference.cancelled' } });
}

const zero = (): ConferenceCounts => ({
  delegates: 0, checkedIn: 0, opinions: 0, answeredOnSpot: 0, toAnswer: 0, answered: 0, overdue: 0, photos: 0, formsHandedOut: 0, formsReturned: 0,
});

/** The counts of each conference, a handful of grouped queries for the whole page. */
export async function countsOf(q: Q, ids: readonly number[]): Promise<Map<number, ConferenceCounts>> {
  const out = new Map<number, ConferenceCounts>(ids.map((id) => [id, zero()]));
  if (!ids.length) return out;
  const list = [...ids];
  const today = todayVN();
  const [delegates, opinions, photos, batches, returned] = await Promise.all([
    q.selectFrom('conference_delegates').select((eb) => ['conference_id', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('checked_in_at').as('checked')])
      .where('conference_id', 'in', list).groupBy('conference_id').execute(),
    q.selectFrom('conference_opinions as o').innerJoin('feedback_items as i', 'i.id', 'o.item_id')
      .select(['o.conference_id', 'i.state', 'i.outcome', 'i.due_on']).where('o.conference_id', 'in', list).execute(),
    q.selectFrom('conference_photos').select((eb) => ['conference_id', eb.fn.countAll<number>().as('n')])
      .where('conference_id', 'in', list).groupBy('conference_id').execute(),
    q.selectFrom('paper_batches').select((eb) => ['conference_id', eb.fn.sum<number>('sheet_count').as('n')])
      .where('conference_id', 'in', list).groupBy('conference_id').execute(),
    q.selectFrom('paper_sheets as s').innerJoin('paper_batches as b', 'b.id', 's.batch_id')
      .select((eb) => ['b.conference_id', eb.fn.countAll<number>().as('n')])
      .where('b.conference_id', 'in', list).where('s.state', '=', 'keyed').groupBy('b.conference_id').execute(),
  ]);
  for (const r of delegates) Object.assign(out.get(r.conference_id)!, { delegates: Number(r.n), checkedIn: Number(r.checked) });
  for (const r of photos) out.get(r.conference_id)!.photos = Number(r.n);
  for (const r of batches) if (r.conference_id !== null) out.get(r.conference_id)!.formsHandedOut = Number(r.n ?? 0);
  for (const r of returned) if (r.conference_id !== null) out.get(r.conference_id)!.formsReturned = Number(r.n);
  for (const r of opinions) {
    const c = out.get(r.conference_id)!;
    const s = followUpStatus({ state: r.state as FeedbackState, outcome: r.outcome as FeedbackOutcome | null, dueOn: r.due_on }, today, today);
    c.opinions++;
    if (s === 'answered_on_spot') c.answeredOnSpot++;
    else if (s === 'answered') c.answered++;
    else c.toAnswer++;
    if (s === 'overdue') c.overdue++;
  }
  return out;
}

function parseJson<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

export interface PresentExtras {
  campaignName: string | null;
  surveySlug: string | null;
  counts: ConferenceCounts;
}

/** The conference as the API answers it (docs/CONFERENCES.md). */
export function presentConference(c: ConferenceRow, actor: Actor, graph: UnitGraph, extras: PresentExtras) {
  const today = todayVN();
  const unitName = graph.versionAt(c.unit_id, c.held_on)?.name ?? graph.versionAt(c.unit_id, today)?.name
    ?? graph.structuralVersion(c.unit_id, today)?.name ?? '';
  const person = (name: string | null, title: string | null) => (name ? { name, title: title ?? '' } : null);
  return {
    id: c.id, unitId: c.unit_id, unitName, campaignId: c.campaign_id, campaignName: extras.campaignName,
    title: c.title, period: c.period, startsAt: c.starts_at, endsAt: c.ends_at, heldOn: c.held_on, venue: c.venue,
    coOrganisers: parseJson<string[]>(c.co_organisers, []),
    agenda: parseJson<{ time: string | null; title: string; presenter: string | null }[]>(c.agenda, []),
    presiding: person(c.presiding_name, c.presiding_title), secretary: person(c.secretary_name, c.secretary_title),
    state: c.state, publicCode: c.public_code, checkinOpen: c.checkin_open === 1, extraAttendance: c.extra_attendance,
    proceedings: c.proceedings, conclusion: c.conclusion, publicSummary: c.public_summary, publishedAt: c.published_at,
    counts: extras.counts, allowed: conferencePolicy.allowed(actor, c.unit_id),
    urls: {
      summary: `/hn/${c.public_code}`, checkin: `/hn/${c.public_code}/diem-danh`,
      ...(extras.surveySlug ? { surveyQr: `/s/${extras.surveySlug}` } : {}),
    },
  };
}
export type ConferenceView = ReturnType<typeof presentConference>;

/** Presents several conferences with their campaign names, survey links and counts. */
export async function presentMany(ctx: ActorContext, rows: readonly ConferenceRow[]): Promise<ConferenceView[]> {
  if (!rows.length) return [];
  const db = ctx.database.db;
  const graph = await ctx.access.unitGraph();
  const campaignIds = [...new Set(rows.map((r) => r.campaign_id).filter((x): x is number => x !== null))];
  const [counts, campaigns, slugs] = await Promise.all([
    countsOf(db, rows.map((r) => r.id)),
    campaignIds.length ? db.selectFrom('campaigns').select(['id', 'name']).where('id', 'in', campaignIds).execute() : [],
    campaignIds.length ? db.selectFrom('campaign_units').select(['campaign_id', 'unit_id', 'slug']).where('campaign_id', 'in', campaignIds)
      .where('unit_id', 'in', [...new Set(rows.map((r) => r.unit_id))]).execute() : [],
  ]);
  const names = new Map(campaigns.map((c) => [c.id, c.name]));
  return rows.map((r) => presentConference(r, ctx.actor, graph, {
    campaignName: r.campaign_id === null ? null : names.get(r.campaign_id) ?? null,
    surveySlug: slugs.find((s) => s.campaign_id === r.campaign_id && s.unit_id === r.unit_id)?.slug ?? null,
    counts: counts.get(r.id)!,
  }));
}

/** One conference presented. */
export async function presentOne(ctx: ActorContext, row: ConferenceRow): Promise<ConferenceView> {
  return (await presentMany(ctx, [row]))[0]!;
}
