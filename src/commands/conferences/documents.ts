// Drafting a conference's documents from its data: the invitation (one delegate, or the list), the report read at
// the conference (work results against the same period last year, how last year's opinions were acted on, the
// campaign's satisfaction results) and the minutes. The builders (documents/conference/*) are pure; this gathers
// their inputs and makes an unnumbered draft (commands/documents/drafts.ts), which staff edit and a leader issues.
import { compareVi } from '../../core/collate.ts';
import { todayVN } from '../../core/dates.ts';
import { AppError, errors } from '../../core/errors.ts';
import { periodLabel, previousYear } from '../../core/work-results/period.ts';
import type { ConferenceFacts, DelegateFacts, MinutesOpinion, OpinionOutcome, SurveyCriterion } from '../../documents/conference/inputs.ts';
import { buildInvitation } from '../../documents/conference/invitation.ts';
import { buildMinutes } from '../../documents/conference/minutes.ts';
import { buildReport } from '../../documents/conference/report.ts';
import type { ActorContext } from '../context.ts';
import { createDraft } from '../documents/drafts.ts';
import { conferenceFollowUp, statusText } from '../feedback/report-back.ts';
import { campaignResults } from '../surveys/results.ts';
import { workResultsComparison } from '../work-results/read.ts';
import { delegatesOf } from './delegates.ts';
import { opinionRows } from './opinions.ts';
import { conferenceFor, type ConferenceRow } from './shared.ts';

export type ConferenceDocumentKind = 'invitation' | 'report' | 'minutes';

function parseJson<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

async function factsOf(ctx: ActorContext, c: ConferenceRow): Promise<ConferenceFacts> {
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const person = (name: string | null, title: string | null) => (name ? { name, title: title ?? '' } : null);
  return {
    title: c.title, startsAt: c.starts_at, endsAt: c.ends_at, venue: c.venue,
    coOrganisers: parseJson<string[]>(c.co_organisers, []),
    agenda: parseJson<ConferenceFacts['agenda']>(c.agenda, []),
    presiding: person(c.presiding_name, c.presiding_title), secretary: person(c.secretary_name, c.secretary_title),
    unitName: graph.nameOn(c.unit_id, today) ?? '',
  };
}

async function delegateFacts(ctx: ActorContext, conferenceId: number, opts: { withWalkIns: boolean }) {
  const rows = (await delegatesOf(ctx.database.db, conferenceId)).filter((d) => !d.anonymised_at && (opts.withWalkIns || d.walk_in === 0));
  rows.sort((a, b) => compareVi(a.full_name, b.full_name) || a.id - b.id);
  return rows.map((d) => ({
    id: d.id, token: d.checkin_token,
    facts: { fullName: d.full_name, title: d.title, organisation: d.organisation, village: d.village, category: d.category, present: !!d.checked_in_at } satisfies DelegateFacts,
  }));
}

/** Something the report can do without (no figures yet, no survey rights): left out rather than failing. */
async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return null;
    throw e;
  }
}

async function reportInput(ctx: ActorContext, c: ConferenceRow, conference: ConferenceFacts) {
  const year = Number(c.held_on.slice(0, 4));
  const [indicators, lastYear, results] = await Promise.all([
    optional(workResultsComparison(ctx, c.unit_id, c.period)),
    optional(conferenceFollowUp(ctx, c.unit_id, year - 1)),
    c.campaign_id === null ? null : optional(campaignResults(ctx, ctx.actor, c.campaign_id, c.unit_id)),
  ]);
  const lastYearOpinions: OpinionOutcome[] = (lastYear?.items ?? []).map((i) => ({
    receivedOn: i.receivedOn, summary: i.summary, topic: i.topic?.vi ?? null, outcome: statusText('vi', i), answer: i.answer,
  }));
  const criteria: SurveyCriterion[] = (results?.criteria ?? []).map((k) => ({
    label: k.label.vi, satisfied: k.satisfied, valid: k.denominator,
    pct: k.share === null ? null : Math.round(k.share * 1000) / 10,
    low: k.low === null ? null : Math.round(k.low * 1000) / 10, high: k.high === null ? null : Math.round(k.high * 1000) / 10,
  }));
  // The builder writes the period inside a sentence ("... trật tự năm 2026"): lower-case its first letter.
  const inline = (p: string) => periodLabel(p, 'vi').replace(/^\p{Lu}/u, (m) => m.toLowerCase());
  // No figure entered for either year: the report says so instead of printing a table of dashes.
  const rows = (indicators ?? []).filter((r) => r.value !== null || r.previous !== null);
  return {
    conference, period: inline(c.period), previousPeriod: inline(previousYear(c.period) ?? String(year - 1)),
    indicators: rows.map((r) => ({ name: r.name, measure: r.measure || null, current: r.value, previous: r.previous })),
    lastYearOpinions,
    survey: results ? { campaignName: results.campaign.name, responses: results.totals.valid, criteria } : null,
  };
}

async function minutesOpinions(ctx: ActorContext, conferenceId: number): Promise<MinutesOpinion[]> {
  const rows = await opinionRows(ctx, conferenceId);
  const codes = [...new Set(rows.map((r) => r.topic_code).filter((x): x is string => !!x))];
  const topics = codes.length ? await ctx.database.db.selectFrom('feedback_topics').select(['code', 'name_vi']).where('code', 'in', codes).execute() : [];
  const topicName = new Map(topics.map((t) => [t.code, t.name_vi]));
  return rows.map((r) => ({
    seq: r.seq,
    speaker: (r.anonymised_at ? [] : [r.full_name, r.role_title, r.organisation]).filter((x): x is string => !!x?.trim()).join(', ') || 'Đại biểu',
    topic: r.topic_code ? topicName.get(r.topic_code) ?? null : null, content: r.content, answerMode: r.answer_mode,
    answer: r.answer_mode === 'spot' ? r.spot_answer : null, answeredBy: r.answer_mode === 'spot' ? r.answered_by : null,
  }));
}

/** POST /api/conferences/:id/documents/:kind: builds the document from the conference's data → 201 draft (baseUrl: the public site's address, for QR codes). */
export async function draftConferenceDocument(ctx: ActorContext, id: number, kind: ConferenceDocumentKind, opts: { delegateId?: number; baseUrl?: string } = {}) {
  const c = await conferenceFor(ctx, id, 'plan');
  const conference = await factsOf(ctx, c);
  let model;
  if (kind === 'invitation') {
    const all = await delegateFacts(ctx, id, { withWalkIns: false });
    const chosen = opts.delegateId === undefined ? all : all.filter((d) => d.id === opts.delegateId);
    if (opts.delegateId !== undefined && !chosen.length) throw errors.field('delegateId', 'conference.delegate_unknown');
    // A personal invitation carries the delegate's own check-in address as a QR code.
    const checkinUrl = opts.delegateId !== undefined && opts.baseUrl ? `${opts.baseUrl.replace(/\/$/, '')}/hn/d/${chosen[0]!.token}` : null;
    model = buildInvitation({ conference, delegates: chosen.map((d) => d.facts), checkinUrl });
  } else if (kind === 'report') {
    model = buildReport(await reportInput(ctx, c, conference));
  } else {
    const delegates = (await delegateFacts(ctx, id, { withWalkIns: true })).map((d) => d.facts);
    model = buildMinutes({
      conference, delegates, extraAttendance: c.extra_attendance, proceedings: c.proceedings,
      opinions: await minutesOpinions(ctx, id), conclusion: c.conclusion,
    });
  }
  return createDraft(ctx, { unitId: c.unit_id, type: model.type, entityType: 'conference', entityId: c.id, model });
}
