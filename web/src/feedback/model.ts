// The feedback register as the console reads it (src/http/routes/feedback, src/commands/feedback/register.ts),
// the state machine's needs per action (a mirror of ACTION_SPECS in src/core/feedback/lifecycle.ts: the server
// still decides), and the register's filters <-> the URL query, so a filtered list can be shared as a link.

export type FeedbackKind = 'suggestion' | 'report' | 'request' | 'praise' | 'complaint' | 'denunciation' | 'crime_report';
export type FeedbackChannel = 'web' | 'qr' | 'hotline' | 'letter' | 'walk_in' | 'suggestion_box' | 'conference' | 'survey' | 'import' | 'partner';
export type FeedbackState = 'received' | 'accepted' | 'refused' | 'forwarded' | 'transferred' | 'assigned' | 'in_progress' | 'answer_drafted' | 'approved' | 'closed';
export type FeedbackOutcome = 'resolved' | 'explained' | 'duplicate' | 'withdrawn' | 'thanked' | 'answered_on_spot';
export type FeedbackProcedure = 'complaint' | 'denunciation' | 'crime_report';
export type FeedbackAction = 'accept' | 'refuse' | 'forward' | 'transfer' | 'assign' | 'start' | 'draft' | 'return' | 'approve' | 'close'
  | 'duplicate' | 'withdraw' | 'reopen';

export const KINDS: readonly FeedbackKind[] = ['suggestion', 'report', 'request', 'praise', 'complaint', 'denunciation', 'crime_report'];
export const CHANNELS: readonly FeedbackChannel[] = ['web', 'qr', 'hotline', 'letter', 'walk_in', 'suggestion_box', 'conference', 'survey', 'import', 'partner'];
/** Channels an officer keys in by hand (the public ones arrive by themselves). */
export const OFFICER_CHANNELS: readonly FeedbackChannel[] = ['hotline', 'letter', 'walk_in', 'suggestion_box', 'conference'];
/** Heard, not read: the officer reads the notes back to the citizen before saving. */
export const SPOKEN_CHANNELS: readonly FeedbackChannel[] = ['hotline', 'walk_in', 'conference'];
export const STATES: readonly FeedbackState[] = ['received', 'accepted', 'assigned', 'in_progress', 'answer_drafted', 'approved', 'closed', 'refused', 'forwarded', 'transferred'];
export const CONSENT_PURPOSES = ['contact_updates', 'followup_survey'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** What each step needs and whether the citizen is told (src/core/feedback/lifecycle.ts ACTION_SPECS). */
export const ACTION_SPECS: Readonly<Record<FeedbackAction, { reason: boolean; public: boolean; approve?: boolean }>> = {
  accept: { reason: false, public: true },
  refuse: { reason: true, public: true },
  forward: { reason: true, public: true },
  transfer: { reason: false, public: true },
  assign: { reason: false, public: false },
  start: { reason: false, public: false },
  draft: { reason: false, public: false },
  return: { reason: true, public: false, approve: true },
  approve: { reason: false, public: true, approve: true },
  close: { reason: false, public: true },
  duplicate: { reason: false, public: true },
  withdraw: { reason: true, public: true },
  reopen: { reason: true, public: true, approve: true },
};

/** States in which the unit still owes the citizen something. */
export const OPEN_STATES: readonly FeedbackState[] = ['received', 'accepted', 'assigned', 'in_progress', 'answer_drafted', 'approved'];
/** Nothing happens after these unless someone reopens (classification is refused). */
export const TERMINAL_STATES: readonly FeedbackState[] = ['refused', 'forwarded', 'transferred', 'closed'];

export interface Person {
  id: number;
  fullName: string | null;
}

/** A page of the register as the list API answers it, with the order it applied. */
export interface RegisterPage {
  items: RegisterRow[];
  hasMore: boolean;
  sort: RegisterSort;
}

export interface RegisterRow {
  id: number;
  unitId: number;
  unitName: string;
  register: { year: number; no: number };
  trackingCode: string;
  channel: FeedbackChannel;
  kind: FeedbackKind;
  topicCode: string | null;
  state: FeedbackState;
  outcome: FeedbackOutcome | null;
  procedure: FeedbackProcedure | null;
  summary: string;
  receivedOn: string;
  dueOn: string | null;
  closedOn: string | null;
  anonymous: boolean;
  rereview: boolean;
  rating: number | null;
  assignee: Person | null;
  overdue: boolean;
  workingDaysLeft: number | null;
}

export interface FeedbackEvent {
  id: number;
  at: string;
  actorKind: 'staff' | 'citizen' | 'system' | 'partner';
  actorName: string | null;
  action: string;
  from: FeedbackState | null;
  to: FeedbackState | null;
  reason: string | null;
  publicMessage: string | null;
  internalNote: string | null;
  data: unknown;
}

export interface ItemRef {
  id: number;
  tracking_code: string;
  summary: string;
}

export interface FeedbackDetail {
  id: number;
  unitId: number;
  unitName: string | null;
  register: { year: number; no: number };
  trackingCode: string;
  channel: FeedbackChannel;
  kind: FeedbackKind;
  topicCode: string | null;
  procedure: FeedbackProcedure | null;
  state: FeedbackState;
  outcome: FeedbackOutcome | null;
  summary: string;
  content: string;
  location: string | null;
  concernedUnit: { id: number; name: string | null } | null;
  /** Present only for those who may see it (leaders). */
  concernedOfficer?: string | null;
  anonymous: boolean;
  hasContact: boolean;
  source: { type: string; ref: string | null } | null;
  receivedOn: string;
  receivedAt: string;
  ackDueOn: string | null;
  ackedOn: string | null;
  dueOn: string | null;
  closedOn: string | null;
  answeredOn: string | null;
  overdue: boolean;
  workingDaysLeft: number | null;
  answerDraft: string | null;
  publicAnswer: string | null;
  rating: number | null;
  ratingComment: string | null;
  rereview: boolean;
  assignee: Person | null;
  duplicateOf: number | null;
  duplicates: ItemRef[];
  splitFrom: number | null;
  splitInto: ItemRef[];
  attachments: { id: number; role: string; public: boolean; filename: string | null; mime: string; size: number }[];
  events: FeedbackEvent[];
  allowed: string[];
  actions: FeedbackAction[];
  candidates: Person[];
}

export interface Suggestions {
  kinds: { kind: FeedbackKind; score: number; reasons: string[] }[];
  topics: { code: string; score: number; reasons: string[] }[];
  duplicates: { id: number; trackingCode: string; summary: string; state: FeedbackState; receivedOn: string; score: number }[];
}

export interface Contact {
  anonymous: boolean;
  submitter: null | {
    fullName: string | null; phone: string | null; email: string | null; address: string | null;
    roleTitle: string | null; organisation: string | null; anonymisedAt: string | null;
  };
  consents: { purpose: string; textVersion: string; givenAt: string; withdrawnAt: string | null }[];
}

export interface UnitStats {
  unitId: number;
  unitName: string;
  received: number;
  closed: number;
  open: number;
  overdue: number;
  onTimePct: number | null;
  medianDaysToClose: number | null;
  meanRating: number | null;
  ratings: number;
}

export interface RegisterStats {
  unitId: number;
  year: number;
  units: UnitStats[];
}

export interface Topic {
  code: string;
  parent: string | null;
  vi: string;
  en: string;
}

/** GET /api/feedback/:id/templates (src/commands/feedback/templates.ts): the unit chain's, best match first. */
export interface ResponseTemplate {
  id: number;
  title: string;
  body: string;
  topicCode?: string | null;
  unitName?: string | null;
  match?: 'topic' | 'parent_topic' | 'general' | 'other';
}

/** Shown as two groups, as citizens read it over the phone: K7M2Q-9XTR4. */
export function formatTrackingCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/** What a person typed as a tracking code, back to the stored form, or null. */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  return /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/.test(s) ? s : null;
}

// ---- The register's filters, kept in the URL query under the API's own names. ----

/** One choice for "what state": everything, the open ones, overdue, due soon, or one state. */
export type StatusFilter = '' | 'open' | 'overdue' | 'dueSoon' | `state:${FeedbackState}`;

/** The orders the register list takes (`sort`), as the list API names them. */
export const SORTS = ['due', 'received', 'register'] as const;
export type RegisterSort = (typeof SORTS)[number];

export interface RegisterFilters {
  unitId: string;
  status: StatusFilter;
  kind: string;
  topicCode: string;
  channel: string;
  mine: boolean;
  rereview: boolean;
  year: string;
  q: string;
  /** '' is the list's own order (the server chooses it and says which): the URL stays clean until someone picks another. */
  sort: '' | RegisterSort;
}

export const NO_FILTERS: RegisterFilters = {
  unitId: '', status: '', kind: '', topicCode: '', channel: '', mine: false, rereview: false, year: '', q: '', sort: '',
};

const oneOf = <T extends string>(v: string | null, allowed: readonly T[]): T | '' => ((allowed as readonly string[]).includes(v ?? '') ? v as T : '');

export function filtersFromQuery(query: URLSearchParams): RegisterFilters {
  const state = oneOf(query.get('state'), STATES);
  const status: StatusFilter = state ? `state:${state}`
    : query.get('overdue') === '1' ? 'overdue' : query.get('dueSoon') === '1' ? 'dueSoon' : query.get('open') === '1' ? 'open' : '';
  return {
    unitId: /^\d{1,9}$/.test(query.get('unitId') ?? '') ? query.get('unitId')! : '',
    status,
    kind: oneOf(query.get('kind'), KINDS),
    topicCode: (query.get('topicCode') ?? '').slice(0, 40),
    channel: oneOf(query.get('channel'), CHANNELS),
    mine: query.get('mine') === '1',
    rereview: query.get('rereview') === '1',
    year: /^20\d\d$/.test(query.get('year') ?? '') ? query.get('year')! : '',
    q: (query.get('q') ?? '').slice(0, 200),
    sort: oneOf(query.get('sort'), SORTS),
  };
}

/** The filters as query parameters (also what the list API takes), empty ones left out. */
export function filtersToParams(f: RegisterFilters): Record<string, string> {
  const p: Record<string, string> = {};
  if (f.unitId) p.unitId = f.unitId;
  if (f.status.startsWith('state:')) p.state = f.status.slice(6);
  else if (f.status) p[f.status] = '1';
  if (f.kind) p.kind = f.kind;
  if (f.topicCode) p.topicCode = f.topicCode;
  if (f.channel) p.channel = f.channel;
  if (f.mine) p.mine = '1';
  if (f.rereview) p.rereview = '1';
  if (f.year) p.year = f.year;
  if (f.q.trim()) p.q = f.q.trim();
  if (f.sort) p.sort = f.sort;
  return p;
}
