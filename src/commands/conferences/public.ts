// What anyone may read about a conference once its summary is published: when and where, who organised it, how
// many attended, and every opinion raised with what became of it — never who said it (names, phones and ID-like
// numbers in the text are masked, as on the report-back page).
import { dateVN, todayVN } from '../../core/dates.ts';
import { maskPersonalData, topicNames, SEPARATE_KINDS, type TopicName } from '../feedback/report-back.ts';
import type { FeedbackKind, FeedbackOutcome, FeedbackState } from '../../db/schema.ts';
import type { AppServices } from '../context.ts';

export interface PublicOpinion {
  seq: number;
  kind: FeedbackKind;
  topic: TopicName | null;
  summary: string;
  state: FeedbackState;
  outcome: FeedbackOutcome | null;
  /** Answered in the room, or the approved written answer; null while it is being handled. */
  answer: string | null;
  answeredOn: string | null;
}

export interface PublicConference {
  code: string;
  unitName: string;
  title: string;
  startsAt: string;
  endsAt: string;
  heldOn: string;
  venue: string;
  coOrganisers: string[];
  attendance: number;
  summary: string;
  publishedAt: string;
  opinions: PublicOpinion[];
  /** Complaints, denunciations and crime reports raised: counted only, they follow their own procedure. */
  separateProcedure: number;
  photos: { id: number; caption: string | null; width: number; height: number }[];
  /** The satisfaction form of the conference's campaign for this unit, when there is one. */
  surveySlug: string | null;
}

const CODE = /^[A-Za-z0-9]{6,16}$/;

/** The published summary of the conference with this public code, or null (unknown, or not published). */
export async function publicConference(services: AppServices, code: string): Promise<PublicConference | null> {
  if (!CODE.test(code)) return null;
  const db = services.database.db;
  const c = await db.selectFrom('conferences').selectAll().where('public_code', '=', code).executeTakeFirst();
  if (!c || !c.published_at || !c.public_summary || c.state === 'cancelled') return null;
  const graph = await services.access.unitGraph();
  const [rows, present, photos, topics, slug] = await Promise.all([
    db.selectFrom('conference_opinions as o').innerJoin('feedback_items as i', 'i.id', 'o.item_id')
      .leftJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
      .select(['o.seq', 'o.answer_mode', 'o.spot_answer', 'i.kind', 'i.topic_code', 'i.summary', 'i.state', 'i.outcome',
        'i.public_answer', 'i.answered_on', 'i.closed_on', 's.full_name'])
      .where('o.conference_id', '=', c.id).orderBy('o.seq').execute(),
    db.selectFrom('conference_delegates').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conference_id', '=', c.id).where('checked_in_at', 'is not', null).executeTakeFirstOrThrow(),
    db.selectFrom('conference_photos').select(['id', 'caption', 'width', 'height'])
      .where('conference_id', '=', c.id).where('public', '=', 1).orderBy('id').execute(),
    topicNames(services),
    c.campaign_id === null ? Promise.resolve(undefined)
      : db.selectFrom('campaign_units').select('slug').where('campaign_id', '=', c.campaign_id).where('unit_id', '=', c.unit_id).executeTakeFirst(),
  ]);
  const separate = new Set<FeedbackKind>(SEPARATE_KINDS);
  const opinions: PublicOpinion[] = [];
  for (const r of rows) {
    if (separate.has(r.kind)) continue;
    const t = r.topic_code ? topics.byCode.get(r.topic_code) : undefined;
    const published = r.state === 'closed' || r.state === 'approved' ? r.public_answer : null;
    const answer = r.answer_mode === 'spot' && r.outcome === 'answered_on_spot' ? r.spot_answer : published;
    opinions.push({
      seq: r.seq, kind: r.kind, topic: t ? { code: t.code, vi: t.vi, en: t.en } : null,
      summary: maskPersonalData(r.summary, [r.full_name]), state: r.state, outcome: r.outcome,
      answer: answer ? maskPersonalData(answer, [r.full_name]) : null,
      answeredOn: answer ? (r.answered_on ?? r.closed_on) : null,
    });
  }
  return {
    code: c.public_code, unitName: graph.versionAt(c.unit_id, c.held_on)?.name ?? graph.structuralVersion(c.unit_id, todayVN())?.name ?? '',
    title: c.title, startsAt: c.starts_at, endsAt: c.ends_at, heldOn: c.held_on, venue: c.venue,
    coOrganisers: JSON.parse(c.co_organisers) as string[], attendance: Number(present.n) + c.extra_attendance,
    summary: c.public_summary, publishedAt: dateVN(c.published_at), opinions, separateProcedure: rows.length - opinions.length,
    photos, surveySlug: slug?.slug ?? null,
  };
}

/** One public photo of a published conference, or null. */
export async function publicPhoto(services: AppServices, code: string, photoId: number): Promise<Buffer | null> {
  if (!CODE.test(code)) return null;
  const p = await services.database.db.selectFrom('conference_photos as p').innerJoin('conferences as c', 'c.id', 'p.conference_id')
    .select(['p.bytes']).where('c.public_code', '=', code).where('c.published_at', 'is not', null).where('c.state', '!=', 'cancelled')
    .where('p.id', '=', photoId).where('p.public', '=', 1).executeTakeFirst();
  return p ? Buffer.from(p.bytes) : null;
}

export interface CheckinConference {
  code: string;
  unitName: string;
  title: string;
  startsAt: string;
  heldOn: string;
  venue: string;
  /** Self check-in is open now: switched on by staff, and today is the conference day in Vietnam. */
  open: boolean;
}

/** The conference a check-in page is about (any state but cancelled), or null. */
export async function checkinConference(services: AppServices, code: string): Promise<CheckinConference | null> {
  if (!CODE.test(code)) return null;
  const c = await services.database.db.selectFrom('conferences')
    .select(['public_code', 'unit_id', 'title', 'starts_at', 'held_on', 'venue', 'checkin_open', 'state'])
    .where('public_code', '=', code).executeTakeFirst();
  if (!c || c.state === 'cancelled') return null;
  const graph = await services.access.unitGraph();
  return {
    code: c.public_code, unitName: graph.versionAt(c.unit_id, c.held_on)?.name ?? '', title: c.title, startsAt: c.starts_at,
    heldOn: c.held_on, venue: c.venue, open: c.checkin_open === 1 && todayVN() === c.held_on,
  };
}

const TOKEN = /^[A-Za-z0-9]{8,24}$/;

/** The conference and check-in time behind a delegate's personal QR code, or null. */
export async function delegateCheckin(services: AppServices, token: string): Promise<{ conference: CheckinConference; checkedInAt: string | null } | null> {
  if (!TOKEN.test(token)) return null;
  const d = await services.database.db.selectFrom('conference_delegates as d').innerJoin('conferences as c', 'c.id', 'd.conference_id')
    .select(['c.public_code', 'd.checked_in_at']).where('d.checkin_token', '=', token).executeTakeFirst();
  if (!d) return null;
  const conference = await checkinConference(services, d.public_code);
  return conference ? { conference, checkedInAt: d.checked_in_at } : null;
}
