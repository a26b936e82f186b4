// Table types: the feedback register, its people, consents, notices, partners and data-subject requests; the
// working-day calendar and the settings its deadlines read.
// Conventions (timestamps, dates) in ../schema.ts, which gathers every table into DB.
import type { Generated } from 'kysely';

export type FeedbackKind = 'suggestion' | 'report' | 'request' | 'praise' | 'complaint' | 'denunciation' | 'crime_report';
export type FeedbackChannel =
  | 'web' | 'qr' | 'hotline' | 'letter' | 'walk_in' | 'suggestion_box' | 'conference' | 'survey' | 'import' | 'partner';
export type FeedbackState =
  | 'received' | 'accepted' | 'refused' | 'forwarded' | 'transferred' | 'assigned' | 'in_progress' | 'answer_drafted'
  | 'approved' | 'closed';
export type FeedbackOutcome = 'resolved' | 'explained' | 'duplicate' | 'withdrawn' | 'thanked' | 'answered_on_spot';
export type FeedbackProcedure = 'complaint' | 'denunciation' | 'crime_report';

export interface FeedbackTopicsTable {
  id: Generated<number>;
  code: string;
  parent_code: string | null;
  name_vi: string;
  name_en: string;
  /** Comma-separated extra keywords for suggestions. */
  keywords: string | null;
  sort: number;
  active: number;
}

export interface FeedbackSubmittersTable {
  id: Generated<number>;
  full_name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  /** At a conference: the speaker's role and organisation. */
  role_title: string | null;
  organisation: string | null;
  created_at: string;
  anonymised_at: string | null;
}

export interface FeedbackConsentsTable {
  id: Generated<number>;
  submitter_id: number;
  purpose: string;
  text_version: string;
  given_at: string;
  withdrawn_at: string | null;
}

export interface FeedbackItemsTable {
  id: Generated<number>;
  unit_id: number;
  register_year: number;
  register_no: number;
  tracking_code: string;
  channel: FeedbackChannel;
  kind: FeedbackKind;
  topic_code: string | null;
  procedure: FeedbackProcedure | null;
  state: FeedbackState;
  outcome: FeedbackOutcome | null;
  summary: string;
  content: string;
  location: string | null;
  concerned_unit_id: number | null;
  /** Restricted: shown only to leaders and admins. */
  concerned_officer: string | null;
  assignee_id: number | null;
  submitter_id: number | null;
  anonymous: number;
  duplicate_of: number | null;
  split_from: number | null;
  /** Where it came from beyond the channel: 'conference' + id, 'survey_response' + id, 'partner' + request id. */
  source_type: string | null;
  source_ref: string | null;
  received_at: string;
  received_on: string;
  /** By when the citizen must be told accepted / forwarded / refused. */
  ack_due_on: string | null;
  /** By when it must be answered (null once there is nothing left to do). */
  due_on: string | null;
  acked_on: string | null;
  closed_on: string | null;
  answer_draft: string | null;
  public_answer: string | null;
  answered_on: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  rereview: number;
  search_key: string;
  created_at: string;
  updated_at: string;
}

export interface FeedbackCountersTable {
  unit_id: number;
  year: number;
  last_no: number;
}

export type FeedbackActorKind = 'staff' | 'citizen' | 'system' | 'partner';

export interface FeedbackEventsTable {
  id: Generated<number>;
  item_id: number;
  at: string;
  actor_kind: FeedbackActorKind;
  actor_user_id: number | null;
  action: string;
  from_state: FeedbackState | null;
  to_state: FeedbackState | null;
  reason: string | null;
  /** What the citizen is told; null when the step is internal. */
  public_message: string | null;
  internal_note: string | null;
  data: string | null;
}

export interface FeedbackAttachmentsTable {
  id: Generated<number>;
  item_id: number;
  role: 'photo' | 'answer' | 'internal';
  public: number;
  filename: string | null;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_at: string;
}

export interface FeedbackTemplatesTable {
  id: Generated<number>;
  unit_id: number;
  topic_code: string | null;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface CalendarDaysTable {
  day: string;
  kind: 'off' | 'work';
  name: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON. */
  value: string;
  updated_at: string;
}

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface NotificationOutboxTable {
  id: Generated<number>;
  item_id: number | null;
  /** 'email' | 'webhook' (SMS/Zalo gateways) */
  adapter: string;
  recipient: string;
  subject: string;
  body: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface ApiPartnersTable {
  id: Generated<number>;
  name: string;
  /** Where the partner's reports land unless they name a service area. */
  unit_id: number;
  key_hash: string;
  active: number;
  created_at: string;
  last_used_at: string | null;
}

export type DataRequestKind = 'see' | 'correct' | 'delete' | 'restrict' | 'object';
export type DataRequestState = 'unverified' | 'open' | 'done' | 'refused';

export interface DataRequestsTable {
  id: Generated<number>;
  item_id: number;
  unit_id: number;
  kind: DataRequestKind;
  details: string | null;
  state: DataRequestState;
  code_hash: string | null;
  attempts: number;
  received_at: string;
  due_on: string | null;
  answered_at: string | null;
  answer: string | null;
}
