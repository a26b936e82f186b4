// What the conference documents are built from: plain data gathered by the conference commands, so the builders
// (invitation.ts, report.ts, minutes.ts) stay pure and are tested without a database.

export interface ConferenceFacts {
  title: string;
  /** ISO instants. */
  startsAt: string;
  endsAt: string;
  venue: string;
  coOrganisers: string[];
  agenda: { time: string | null; title: string; presenter: string | null }[];
  presiding: { name: string; title: string } | null;
  secretary: { name: string; title: string } | null;
  /** Today's name of the organising unit, e.g. 'Công an xã Thiệu Hóa'. */
  unitName: string;
}

export interface DelegateFacts {
  fullName: string;
  title: string | null;
  organisation: string | null;
  village: string | null;
  category: 'official' | 'mass_org' | 'village_head' | 'resident' | 'police' | 'guest';
  present: boolean;
}

/** Giấy mời: one per delegate, or one for the whole list (then `delegates` lists everyone invited). */
export interface InvitationInput {
  conference: ConferenceFacts;
  /** One delegate: a personal invitation; several: one invitation with the list attached. */
  delegates: DelegateFacts[];
  /** A personal invitation's check-in address (/hn/d/<token>), printed as a QR code. */
  checkinUrl?: string | null;
}

export interface IndicatorRow {
  name: string;
  measure: string | null;
  current: number | null;
  previous: number | null;
}

export interface OpinionOutcome {
  receivedOn: string;
  summary: string;
  topic: string | null;
  /** e.g. 'Đã giải quyết', 'Đang giải quyết (hạn 05/12/2026)'. */
  outcome: string;
  answer: string | null;
}

export interface SurveyCriterion {
  label: string;
  satisfied: number;
  valid: number;
  /** % satisfied with its Wilson 95% interval, already computed by core/surveys/statistics. */
  pct: number | null;
  low: number | null;
  high: number | null;
}

/** Báo cáo read at the conference: work results against the same period last year, last year's opinions, the survey. */
export interface ReportInput {
  conference: ConferenceFacts;
  period: string;
  previousPeriod: string;
  indicators: IndicatorRow[];
  /** Opinions from last year's conference and register with what was done. */
  lastYearOpinions: OpinionOutcome[];
  survey: { campaignName: string; responses: number; criteria: SurveyCriterion[] } | null;
}

export interface MinutesOpinion {
  seq: number;
  speaker: string;
  topic: string | null;
  content: string;
  /** 'spot': answered in the room (answer and who answered); 'writing': to be answered in writing later. */
  answerMode: 'spot' | 'writing';
  answer: string | null;
  answeredBy: string | null;
}

/** Biên bản: time, place, attendance, presiding, secretary, proceedings, each opinion with its answer or commitment. */
export interface MinutesInput {
  conference: ConferenceFacts;
  delegates: DelegateFacts[];
  extraAttendance: number;
  proceedings: string | null;
  opinions: MinutesOpinion[];
  conclusion: string | null;
}
