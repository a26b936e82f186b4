// "You said, we did": what the register publishes about itself. For a unit (its subtree through the unit graph's
// scope closure, so the old communes merged into today's commune count) and a period, the opinions received —
// góp ý, phản ánh, kiến nghị, khen ngợi only; khiếu nại, tố cáo and tố giác leave this workflow and are only
// counted — with topic, date, status in plain words, the published answer and the outcome, and the totals
// (received, answered, on time, still open, by topic). And the conference follow-up: the opinions raised at a
// year's conferences with what was done, the list the unit reads out at the next year's conference.
//
// Anonymised: no name, no contact, no address, no officer concerned, no tracking code (it opens the citizen's own
// pages). Names cannot be detected reliably in free text, so the full content is never shown: only the item's
// summary (its first line, or what staff wrote as the summary), with phone numbers, emails and ID-like numbers
// masked; the published answer is masked the same way. Both are read-only queries: nothing is written or audited.
import { formatDate, isIsoDate, parseDate, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { OWING_STATES } from '../../core/feedback/lifecycle.ts';
import { unitCondition, unitSetFilter } from '../../db/repos/feedback.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { Actor } from '../../core/roles.ts';
import type { UnitGraph } from '../../core/units/graph.ts';
import { reportUnit, type ReportUnit } from '../../core/units/official-name.ts';
import type { FeedbackChannel, FeedbackKind, FeedbackOutcome, FeedbackState } from '../../db/schema.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { AppServices } from '../context.ts';

/** The kinds a report shows item by item. */
export const REPORTED_KINDS = ['suggestion', 'report', 'request', 'praise'] as const satisfies readonly FeedbackKind[];
/** The kinds that go to their own legal procedure: counted, never listed. */
export const SEPARATE_KINDS = ['complaint', 'denunciation', 'crime_report'] as const satisfies readonly FeedbackKind[];
export type ReportedKind = (typeof REPORTED_KINDS)[number];

// ---------------------------------------------------------------------------------------------------------
// Masking personal data in free text
// ---------------------------------------------------------------------------------------------------------

const MASK = '***';
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * Runs of digits that may be broken by spaces, dots, dashes or brackets (0912 345 678, 0912.345.678,
 * (+84) 912-345-678), optionally after a +. A run with 9 digits or more is a phone number (10–11 digits, 11–12
 * with +84), an ID card (9 or 12) or an account number: masked whole. Shorter runs (dates, counts, house numbers,
 * "22 giờ") stay. A large amount written with thousands separators (15.000.000.000 đồng) is masked too: a
 * false positive we accept rather than a missed ID number.
 */
const DIGIT_RUN = /(?:\(\+|\+)?\d(?:[\s.()-]{0,3}\d)*/g;
const DIGITS_TO_MASK = 9;
/** A summary is cut at 140 characters: a number cut short right before the "…" is masked from 4 digits. */
const CUT_DIGITS_TO_MASK = 4;

/**
 * Free text with phone numbers, emails and ID-like numbers replaced by "***", and the names we know belong to the
 * item's person (an answer drafted from a template may address them by name). Other names are not detected.
 */
export function maskPersonalData(text: string, names: readonly (string | null | undefined)[] = []): string {
  let out = text.normalize('NFC');
  for (const name of names) {
    const n = name?.normalize('NFC').trim();
    if (n && n.length >= 3) out = out.replace(new RegExp(n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'), MASK);
  }
  return out
    .replace(EMAIL, MASK)
    .replace(DIGIT_RUN, (run, offset: number, whole: string) => {
      const digits = run.replace(/\D/g, '').length;
      const cut = whole.slice(offset + run.length).trim() === '…';
      return digits >= DIGITS_TO_MASK || (cut && digits >= CUT_DIGITS_TO_MASK) ? MASK : run;
    });
}

// ---------------------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------------------

export type Period =
  | { kind: 'year'; key: string; year: number; from: string; to: string }
  | { kind: 'quarter'; key: string; year: number; quarter: 1 | 2 | 3 | 4; from: string; to: string }
  | { kind: 'range'; key: string; from: string; to: string };

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
/** A from/to period longer than this is refused (the report is read on a phone and printed). */
export const MAX_RANGE_DAYS = 5 * 366;

function yearPeriod(year: number): Period {
  return { kind: 'year', key: String(year), year, from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * `ky`: "2026" or "2026-Q3" (q in any case); or `from` and `to` dates (YYYY-MM-DD or dd/MM/yyyy), which win when
 * given. Nothing at all: the current year. Null when what was given is not a period.
 */
export function parsePeriod(input: { ky?: string | null; from?: string | null; to?: string | null }, today = todayVN()): Period | null {
  const fromRaw = input.from?.trim();
  const toRaw = input.to?.trim();
  if (fromRaw || toRaw) {
    const f = fromRaw ? parseDate(fromRaw) : null;
    const e = toRaw ? parseDate(toRaw) : null;
    if (!f || !e || f > e) return null;
    const days = (Date.parse(`${e}T00:00:00Z`) - Date.parse(`${f}T00:00:00Z`)) / 86_400_000;
    if (days > MAX_RANGE_DAYS || Number(f.slice(0, 4)) < MIN_YEAR || Number(e.slice(0, 4)) > MAX_YEAR) return null;
    return { kind: 'range', key: `${f}..${e}`, from: f, to: e };
  }
  const ky = (input.ky ?? '').trim().toUpperCase();
  if (!ky) return yearPeriod(Number(today.slice(0, 4)));
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(ky);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (!m[2]) return yearPeriod(year);
  const quarter = Number(m[2]) as 1 | 2 | 3 | 4;
  const startMonth = (quarter - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const from = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const to = `${year}-${String(endMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
  if (!isIsoDate(from) || !isIsoDate(to)) return null;
  return { kind: 'quarter', key: `${year}-Q${quarter}`, year, quarter, from, to };
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** "năm 2026", "quý III năm 2026", "từ ngày 01/01/2026 đến ngày 30/06/2026" (or the English words). */
export function periodLabel(lang: Lang, p: Period): string {
  switch (p.kind) {
    case 'year': return t(lang, 'report.period.year', { year: p.year });
    case 'quarter': return t(lang, 'report.period.quarter', { year: p.year, q: lang === 'vi' ? ROMAN[p.quarter - 1]! : p.quarter });
    case 'range': return t(lang, 'report.period.range', { from: formatDate(p.from), to: formatDate(p.to) });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------------------

export interface TopicName {
  code: string;
  vi: string;
  en: string;
}

export interface ReportItem {
  receivedOn: string;
  channel: FeedbackChannel;
  kind: ReportedKind;
  topic: TopicName | null;
  /** The summary with personal data masked (never the full content). */
  summary: string;
  state: FeedbackState;
  outcome: FeedbackOutcome | null;
  /** The published answer (approved or closed only), masked. */
  answer: string | null;
  answeredOn: string | null;
}

export interface ReportTotals {
  /** Items listed (the reported kinds). */
  received: number;
  byKind: Record<ReportedKind, number>;
  /** Nothing left to do for the citizen: answered, closed, refused, forwarded. */
  answered: number;
  /** Still owed an acknowledgement or an answer. */
  open: number;
  /** Items that had a deadline and were dealt with, and of those how many by their date. */
  judged: number;
  onTime: number;
  onTimePct: number | null;
  byTopic: { topic: TopicName; received: number; answered: number }[];
  /** Khiếu nại, tố cáo, tố giác received in the period: only this number. */
  separateProcedure: number;
}

export interface ReportBack {
  unit: ReportUnit;
  period: Period;
  items: ReportItem[];
  totals: ReportTotals;
}

interface Row {
  id: number;
  register_year: number;
  register_no: number;
  role_title: string | null;
  organisation: string | null;
  anonymised_at: string | null;
  /** Only to mask it where staff wrote it into a summary or an answer; never shown. */
  full_name: string | null;
  unit_id: number;
  received_on: string;
  received_at: string;
  channel: FeedbackChannel;
  kind: FeedbackKind;
  topic_code: string | null;
  summary: string;
  state: FeedbackState;
  outcome: FeedbackOutcome | null;
  public_answer: string | null;
  answered_on: string | null;
  acked_on: string | null;
  ack_due_on: string | null;
  due_on: string | null;
}

const OWING: ReadonlySet<FeedbackState> = new Set(OWING_STATES);
const OTHER_TOPIC: TopicName = { code: '', vi: 'Khác', en: 'Other' };

/** Every topic by code with its names and sort order. */
export async function topicNames(services: AppServices): Promise<{ byCode: Map<string, TopicName & { parent: string | null }>; sort: Map<string, number> }> {
  const rows = await services.database.db.selectFrom('feedback_topics').select(['code', 'parent_code', 'name_vi', 'name_en', 'sort']).execute();
  return {
    byCode: new Map(rows.map((r) => [r.code, { code: r.code, vi: r.name_vi, en: r.name_en, parent: r.parent_code }])),
    sort: new Map(rows.map((r) => [r.code, r.sort])),
  };
}

async function loadRows(services: AppServices, graph: UnitGraph, unitIds: number[], from: string, to: string, channel?: FeedbackChannel) {
  const db = services.database.db;
  if (!unitIds.length) return { rows: [] as Row[], separate: 0 };
  let q = db.selectFrom('feedback_items as i')
    .where('i.received_on', '>=', from).where('i.received_on', '<=', to)
    .where(unitCondition('i.unit_id', unitSetFilter(graph.units.keys(), graph.units.size, unitIds)));
  if (channel) q = q.where('i.channel', '=', channel);
  const [rows, separate] = await Promise.all([
    // The speaker's role and organisation are read for the conference list only; the public report never maps them.
    // In the order of the days received (the date each row shows): a letter entered late stands among its days.
    q.leftJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
      .select(['i.id', 'i.register_year', 'i.register_no', 'i.unit_id', 'i.received_on', 'i.received_at', 'i.channel', 'i.kind',
        'i.topic_code', 'i.summary', 'i.state', 'i.outcome', 'i.public_answer', 'i.answered_on', 'i.acked_on', 'i.ack_due_on', 'i.due_on',
        's.role_title', 's.organisation', 's.anonymised_at', 's.full_name'])
      .where('i.kind', 'in', [...REPORTED_KINDS]).orderBy('i.received_on').orderBy('i.received_at').orderBy('i.id').execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).where('i.kind', 'in', [...SEPARATE_KINDS]).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as Row[], separate: Number(separate.n) };
}

/** True when the unit has nothing left to do for the citizen. */
function isAnswered(r: Pick<Row, 'state'>): boolean {
  return !OWING.has(r.state);
}

/** Same rule as the register's figures: answered by the due date, or told refused/forwarded by the acknowledgement date. */
function judgeOnTime(r: Row): boolean | null {
  const judged = r.answered_on !== null || r.state === 'refused' || r.state === 'forwarded' || r.state === 'transferred';
  if (!judged) return null;
  if (r.answered_on) return !r.due_on || r.answered_on <= r.due_on;
  return !!r.acked_on && (!r.ack_due_on || r.acked_on <= r.ack_due_on);
}

function publishedAnswer(r: Pick<Row, 'state' | 'public_answer' | 'full_name'>): string | null {
  return r.public_answer && (r.state === 'approved' || r.state === 'closed') ? maskPersonalData(r.public_answer, [r.full_name]) : null;
}

function buildTotals(rows: Row[], separate: number, topicOf: (code: string | null) => { own: TopicName | null; root: TopicName }, sortOf: (code: string) => number): ReportTotals {
  const byKind: Record<ReportedKind, number> = { suggestion: 0, report: 0, request: 0, praise: 0 };
  const byTopic = new Map<string, { topic: TopicName; received: number; answered: number }>();
  let answered = 0;
  let judged = 0;
  let onTime = 0;
  for (const r of rows) {
    byKind[r.kind as ReportedKind]++;
    const done = isAnswered(r);
    if (done) answered++;
    const j = judgeOnTime(r);
    if (j !== null) {
      judged++;
      if (j) onTime++;
    }
    const root = topicOf(r.topic_code).root;
    const g = byTopic.get(root.code) ?? { topic: root, received: 0, answered: 0 };
    g.received++;
    if (done) g.answered++;
    byTopic.set(root.code, g);
  }
  return {
    received: rows.length, byKind, answered, open: rows.length - answered, judged, onTime,
    onTimePct: judged ? Math.round((onTime / judged) * 1000) / 10 : null,
    byTopic: [...byTopic.values()].sort((a, b) => b.received - a.received || sortOf(a.topic.code) - sortOf(b.topic.code)),
    separateProcedure: separate,
  };
}

async function topicResolver(services: AppServices) {
  const { byCode, sort } = await topicNames(services);
  const topicOf = (code: string | null) => {
    const own = code ? byCode.get(code) ?? null : null;
    let root = own;
    for (let guard = 0; root?.parent && guard < 10; guard++) root = byCode.get(root.parent) ?? root;
    const strip = (x: (TopicName & { parent?: string | null }) | null) => (x ? { code: x.code, vi: x.vi, en: x.en } : null);
    return { own: strip(own), root: strip(root) ?? OTHER_TOPIC };
  };
  return { topicOf, sortOf: (code: string) => sort.get(code) ?? 9999 };
}

/**
 * The public report of a unit for a period: anyone may read it, so it takes no actor; the caller has found the
 * unit. Every unit whose data rolls up into it counts (its subtree and, through lineage, the units merged into it).
 */
export async function reportBack(services: AppServices, unitId: number, period: Period): Promise<ReportBack> {
  const graph = await services.access.unitGraph();
  const today = todayVN();
  const unit = reportUnit(graph, unitId, today);
  if (!unit) throw errors.notFound();
  const scope = [...graph.scopeOf(unitId, today)];
  const [{ rows, separate }, topics] = await Promise.all([loadRows(services, graph, scope, period.from, period.to), topicResolver(services)]);
  const items: ReportItem[] = rows.map((r) => ({
    receivedOn: r.received_on, channel: r.channel, kind: r.kind as ReportedKind, topic: topics.topicOf(r.topic_code).own,
    summary: maskPersonalData(r.summary, [r.full_name]), state: r.state, outcome: r.outcome, answer: publishedAnswer(r),
    answeredOn: publishedAnswer(r) ? r.answered_on : null,
  }));
  return { unit, period, items, totals: buildTotals(rows, separate, topics.topicOf, topics.sortOf) };
}

// ---------------------------------------------------------------------------------------------------------
// The conference follow-up (staff)
// ---------------------------------------------------------------------------------------------------------

export interface ConferenceItem extends ReportItem {
  id: number;
  register: { year: number; no: number };
  /** The speaker's public role at a public meeting; never the name or contact. */
  speaker: { roleTitle: string | null; organisation: string | null };
}

export interface ConferenceFollowUp {
  unit: ReportUnit;
  year: number;
  /** The days the conferences were held on (the days their opinions were received). */
  conferenceDays: string[];
  items: ConferenceItem[];
  totals: ReportTotals;
}

type StaffCtx = AppServices & { actor: Actor };

/**
 * The opinions raised at the unit's conferences (channel 'conference') in `year`, with their outcome and answer:
 * the list the unit reads out at the next year's conference. Scoped: a unit the actor may not read is not found.
 */
export async function conferenceFollowUp(ctx: StaffCtx, unitId: number, year: number): Promise<ConferenceFollowUp> {
  if (!feedbackPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const unit = reportUnit(graph, unitId, today);
  if (!unit) throw errors.notFound();
  const readable = new Set(feedbackPolicy.unitIds(ctx.actor, 'read'));
  const scope = [...graph.scopeOf(unitId, today)].filter((id) => readable.has(id));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [{ rows, separate }, topics] = await Promise.all([loadRows(ctx, graph, scope, from, to, 'conference'), topicResolver(ctx)]);
  const items: ConferenceItem[] = rows.map((r) => {
    const answer = publishedAnswer(r);
    return {
      id: r.id, register: { year: r.register_year, no: r.register_no },
      receivedOn: r.received_on, channel: r.channel, kind: r.kind as ReportedKind, topic: topics.topicOf(r.topic_code).own,
      summary: maskPersonalData(r.summary, [r.full_name]), state: r.state, outcome: r.outcome, answer, answeredOn: answer ? r.answered_on : null,
      speaker: r.anonymised_at ? { roleTitle: null, organisation: null } : { roleTitle: r.role_title, organisation: r.organisation },
    };
  });
  return {
    unit, year, conferenceDays: [...new Set(rows.map((r) => r.received_on))].sort(), items,
    totals: buildTotals(rows, separate, topics.topicOf, topics.sortOf),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------------------

/** Where an item stands, in the citizen pages' plain words. */
export function statusText(lang: Lang, item: Pick<ReportItem, 'state' | 'outcome'>): string {
  if (item.state === 'closed' && item.outcome) return t(lang, `citizen.outcome.${item.outcome}`);
  return t(lang, `citizen.state.${item.state}`);
}

/** "Trưởng thôn, Ban công tác Mặt trận thôn"; "Đại biểu" when nothing was recorded. */
export function speakerText(lang: Lang, s: ConferenceItem['speaker']): string {
  const parts = [s.roleTitle, s.organisation].filter((x): x is string => !!x?.trim());
  return parts.length ? parts.join(', ') : t(lang, 'report.delegate');
}
