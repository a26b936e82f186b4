// Conferences as the console reads them (docs/CONFERENCES.md, src/http/routes/conferences): the record, its
// delegates, the opinions captured live, the follow-up, photos and the provincial overview; small helpers for
// times in Vietnam.
import type { ConferenceCounts, OverviewRow } from '../../../src/core/conferences/shapes.ts';

export type { ConferenceCounts, OverviewRow };

export type ConferenceState = 'planned' | 'held' | 'cancelled';
export type ConferenceAction = 'read' | 'plan' | 'run' | 'contact' | 'publish';
export type OpinionKind = 'suggestion' | 'report' | 'request' | 'praise' | 'complaint' | 'denunciation' | 'crime_report';

export const CONFERENCE_STATES: readonly ConferenceState[] = ['planned', 'held', 'cancelled'];
/** góp ý, phản ánh, kiến nghị, khen ngợi, khiếu nại, tố cáo, tố giác. */
export const OPINION_KINDS: readonly OpinionKind[] = ['suggestion', 'report', 'request', 'praise', 'complaint', 'denunciation', 'crime_report'];
/** Kinds with their own procedure: never answered on the spot, transferred instead. */
export const PROCEDURE_KINDS: readonly OpinionKind[] = ['complaint', 'denunciation', 'crime_report'];
/** Delegate groups, as the minutes count attendance. */
export const CATEGORIES = ['official', 'mass_org', 'village_head', 'resident', 'police', 'guest'] as const;
export type DelegateCategory = (typeof CATEGORIES)[number];
/** Co-organisers offered as chips (free text otherwise). */
export const CO_ORGANISERS = ['Ban Dân vận Đảng ủy', 'Ủy ban MTTQ xã', 'UBND xã'];

export interface AgendaItem {
  time: string | null;
  title: string;
  presenter: string | null;
}

export interface PersonRef {
  name: string;
  title: string;
}

export interface Conference {
  id: number;
  unitId: number;
  unitName: string;
  campaignId: number | null;
  campaignName: string | null;
  title: string;
  period: string;
  startsAt: string;
  endsAt: string;
  heldOn: string;
  venue: string;
  coOrganisers: string[];
  agenda: AgendaItem[];
  presiding: PersonRef | null;
  secretary: PersonRef | null;
  state: ConferenceState;
  publicCode: string;
  checkinOpen: boolean;
  extraAttendance: number;
  proceedings: string | null;
  conclusion: string | null;
  publicSummary: string | null;
  publishedAt: string | null;
  counts: ConferenceCounts;
  allowed: ConferenceAction[];
  urls: { summary: string; checkin: string; surveyQr?: string };
}

export interface Delegate {
  id: number;
  fullName: string;
  title: string | null;
  organisation: string | null;
  village: string | null;
  category: DelegateCategory;
  checkedInAt: string | null;
  checkinMethod: 'staff' | 'self' | null;
  walkIn: boolean;
  hasContact: boolean;
}

export interface Opinion {
  seq: number;
  itemId: number;
  trackingCode: string;
  registerNo: string | number;
  speaker: { name: string | null; title: string | null; organisation: string | null };
  kind: OpinionKind;
  topicCode: string | null;
  content: string;
  answerMode: 'spot' | 'writing';
  spotAnswer: string | null;
  answeredBy: string | null;
  state: string;
  outcome: string | null;
  dueOn: string | null;
  overdue: boolean;
  answeredOn: string | null;
  publicAnswer: string | null;
}

export type FollowUpStatus = 'answered_on_spot' | 'answered' | 'overdue' | 'due_soon' | 'open';

export interface FollowUpRow {
  seq: number;
  itemId: number;
  trackingCode: string;
  registerNo: string | number;
  kind: OpinionKind;
  topicCode: string | null;
  summary: string;
  answerMode: 'spot' | 'writing';
  state: string;
  outcome: string | null;
  dueOn: string | null;
  overdue: boolean;
  status: FollowUpStatus;
  answeredOn: string | null;
  publicAnswer: string | null;
}

export interface FollowUp {
  opinions: FollowUpRow[];
  totals: { raised: number; answeredOnSpot: number; answered: number; open: number; overdue: number; dueSoon: number };
}

export interface Photo {
  id: number;
  caption: string | null;
  width: number;
  height: number;
  public: boolean;
}

export interface Overview {
  unitId: number;
  year: number;
  units: OverviewRow[];
  notHeld: { unitId: number; unitName: string }[];
}

/** HH:mm in Vietnam time for an ISO instant. */
export function formatTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** The conference's day in Vietnam (YYYY-MM-DD) from heldOn, or from the start instant. */
export function dayOf(c: Pick<Conference, 'heldOn' | 'startsAt'>): string {
  if (c.heldOn) return c.heldOn;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(c.startsAt));
}

export const conferencePath = (id: number, tab?: string) => `/conferences/${id}${tab ? `?tab=${tab}` : ''}`;

/** 'HH:mm' from what people type ('8', '830', '8:30', '8h30', '08.30'), or null when it is not a time of day. */
export function parseTime(s: string): string | null {
  const m = /^(\d{1,2})(?:\s*[:h.]\s*(\d{1,2})?|(\d{2}))?\s*$/i.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? m[3] ?? 0);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
