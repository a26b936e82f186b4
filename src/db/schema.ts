// Table types for Kysely. Timestamps are ISO-8601 UTC strings and calendar dates are 'YYYY-MM-DD'
// strings on both engines, so rows look identical whichever engine produced them.
import type { Generated } from 'kysely';

export type UnitLevel = 'ministry' | 'province' | 'district' | 'commune' | 'division';

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  level: UnitLevel;
  valid_from: string;
  /** Last day the unit existed (inclusive); null while it exists. */
  valid_to: string | null;
  created_at: string;
  updated_at: string;
}

/** Name and parent of a unit over a period; a rename or re-parent closes one version and opens the next. */
export interface UnitVersionsTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  short_name: string | null;
  /** Place used in official documents ("Thiệu Hóa, ngày ..."). */
  place: string | null;
  parent_id: number | null;
  valid_from: string;
  valid_to: string | null;
}

export type LineageKind = 'merge' | 'split' | 'rename' | 'reparent' | 'establish' | 'dissolve';

export interface UnitEventsTable {
  id: Generated<number>;
  kind: LineageKind;
  effective_date: string;
  note: string | null;
  created_at: string;
}

/** One edge of history: data of from_unit rolls up into to_unit from the event's date. */
export interface UnitLineageTable {
  id: Generated<number>;
  event_id: number;
  from_unit_id: number;
  to_unit_id: number;
}

export type Role = 'admin' | 'leader' | 'officer' | 'clerk' | 'viewer';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  phone: string | null;
  email: string | null;
  /** Home unit: the user record belongs to it for scope. */
  unit_id: number;
  password_hash: string;
  /** Vietnamese list order (given name first), from core/collate.ts personSortKey. */
  sort_key: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface GrantsTable {
  id: Generated<number>;
  user_id: number;
  unit_id: number;
  role: Role;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  success: number;
  at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  unit_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

/** Counters bumped when units or grants change, so cached scopes know when to reload. */
export interface RevisionsTable {
  name: string;
  value: number;
}

export type VersionStatus = 'draft' | 'published';
export type CampaignState = 'draft' | 'open' | 'closed' | 'archived';
export type CampaignMode = 'open' | 'token';
export type ResponseChannel = 'web' | 'paper' | 'import';
export type ResponseStatus = 'valid' | 'invalid';

export interface QuestionnairesTable {
  id: Generated<number>;
  unit_id: number;
  code: string;
  created_at: string;
  updated_at: string;
}

/** A published version never changes; an edit makes the next draft. */
export interface QuestionnaireVersionsTable {
  id: Generated<number>;
  questionnaire_id: number;
  version: number;
  status: VersionStatus;
  title: string;
  /** The Questionnaire (core/surveys/questionnaire.ts) as JSON. */
  definition: string;
  created_at: string;
  published_at: string | null;
}

export interface CampaignsTable {
  id: Generated<number>;
  /** The organising unit; participants are units of its subtree listed in campaign_units. */
  unit_id: number;
  name: string;
  period: string;
  questionnaire_version_id: number;
  opens_on: string;
  closes_on: string;
  state: CampaignState;
  mode: CampaignMode;
  /** JSON array of ResponseChannel. */
  channels: string;
  margin_permille: number;
  min_cell: number;
  previous_campaign_id: number | null;
  /** Share of paper sheets keyed twice by different clerks, in permille (0: none, 1000: all). */
  double_entry_permille: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type BatchState = 'printed' | 'handed_out' | 'returned' | 'keyed';
export type SheetState = 'printed' | 'awaiting_second' | 'disagreement' | 'keyed';
export type KeyingStatus = 'valid' | 'blank' | 'spoiled';

export interface PaperBatchesTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  sheet_count: number;
  /** The PaperLayout (documents/paper-form/types.ts) the sheets were printed from, for machine reading later. */
  layout: string;
  state: BatchState;
  note: string | null;
  /** The conference the batch was handed out at, if any. */
  conference_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface PaperSheetsTable {
  sheet_id: string;
  batch_id: number;
  campaign_id: number;
  unit_id: number;
  state: SheetState;
  response_id: number | null;
}

export interface KeyingsTable {
  id: Generated<number>;
  sheet_id: string;
  round: number;
  user_id: number;
  status: KeyingStatus;
  /** The answers as keyed (JSON), kept to compare double entry. */
  answers: string;
  created_at: string;
}

export interface CampaignUnitsTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  /** Short public code in the form's URL and QR code. */
  slug: string;
  population: number | null;
  target: number | null;
  suspected_duplicates: Generated<number>;
  blocked_duplicates: Generated<number>;
}

export interface ResponsesTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  channel: ResponseChannel;
  status: ResponseStatus;
  sheet_id: string | null;
  /** The client's idempotency key: a retried submission never makes a second response. */
  client_key: string | null;
  submitted_on: string;
}

export interface AnswersTable {
  response_id: number;
  question_id: string;
  value: string;
}

export interface ResultCountsTable {
  campaign_id: number;
  unit_id: number;
  question_id: string;
  value: string;
  n: number;
}

export interface ResultTotalsTable {
  campaign_id: number;
  unit_id: number;
  channel: ResponseChannel;
  status: ResponseStatus;
  n: number;
}

export interface SurveyTokensTable {
  /** sha256 of the token printed on the card. */
  token_hash: string;
  campaign_id: number;
  unit_id: number;
  batch_no: number;
  used_on: string | null;
}

export type ImportState = 'uploaded' | 'importing' | 'done' | 'failed';

export interface ResponseImportsTable {
  id: Generated<number>;
  campaign_id: number;
  unit_id: number;
  user_id: number;
  filename: string | null;
  /** The parsed file: {header, rows} as JSON. Removed once imported. */
  content: string;
  total: number;
  state: ImportState;
  imported: number | null;
  created_at: string;
  updated_at: string;
}

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

export type ConferenceState = 'planned' | 'held' | 'cancelled';
export type DelegateCategory = 'official' | 'mass_org' | 'village_head' | 'resident' | 'police' | 'guest';

export interface ConferencesTable {
  id: Generated<number>;
  unit_id: number;
  campaign_id: number | null;
  title: string;
  period: string;
  starts_at: string;
  ends_at: string;
  held_on: string;
  venue: string;
  venue_key: string;
  /** JSON string[] */
  co_organisers: string;
  /** JSON {time: string | null; title: string; presenter: string | null}[] */
  agenda: string;
  presiding_name: string | null;
  presiding_title: string | null;
  secretary_name: string | null;
  secretary_title: string | null;
  state: ConferenceState;
  public_code: string;
  checkin_open: number;
  extra_attendance: number;
  proceedings: string | null;
  conclusion: string | null;
  public_summary: string | null;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ConferenceDelegatesTable {
  id: Generated<number>;
  conference_id: number;
  full_name: string;
  title: string | null;
  organisation: string | null;
  village: string | null;
  phone: string | null;
  email: string | null;
  category: DelegateCategory;
  checkin_token: string;
  checked_in_at: string | null;
  checkin_method: 'staff' | 'self' | null;
  walk_in: number;
  created_at: string;
  anonymised_at: string | null;
}

export interface ConferenceOpinionsTable {
  id: Generated<number>;
  conference_id: number;
  item_id: number;
  seq: number;
  delegate_id: number | null;
  answer_mode: 'spot' | 'writing';
  spot_answer: string | null;
  answered_by: string | null;
  created_by: number | null;
  created_at: string;
}

export interface ConferencePhotosTable {
  id: Generated<number>;
  conference_id: number;
  mime: string;
  bytes: Buffer;
  width: number;
  height: number;
  sha256: string;
  caption: string | null;
  public: number;
  created_by: number | null;
  created_at: string;
}

export interface DB {
  units: UnitsTable;
  unit_versions: UnitVersionsTable;
  unit_events: UnitEventsTable;
  unit_lineage: UnitLineageTable;
  users: UsersTable;
  grants: GrantsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
  revisions: RevisionsTable;
  questionnaires: QuestionnairesTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  campaigns: CampaignsTable;
  campaign_units: CampaignUnitsTable;
  responses: ResponsesTable;
  answers: AnswersTable;
  result_counts: ResultCountsTable;
  result_totals: ResultTotalsTable;
  paper_batches: PaperBatchesTable;
  paper_sheets: PaperSheetsTable;
  keyings: KeyingsTable;
  survey_tokens: SurveyTokensTable;
  response_imports: ResponseImportsTable;
  feedback_topics: FeedbackTopicsTable;
  feedback_submitters: FeedbackSubmittersTable;
  feedback_consents: FeedbackConsentsTable;
  feedback_items: FeedbackItemsTable;
  feedback_counters: FeedbackCountersTable;
  feedback_events: FeedbackEventsTable;
  feedback_attachments: FeedbackAttachmentsTable;
  feedback_templates: FeedbackTemplatesTable;
  calendar_days: CalendarDaysTable;
  settings: SettingsTable;
  notification_outbox: NotificationOutboxTable;
  api_partners: ApiPartnersTable;
  data_requests: DataRequestsTable;
  conferences: ConferencesTable;
  conference_delegates: ConferenceDelegatesTable;
  conference_opinions: ConferenceOpinionsTable;
  conference_photos: ConferencePhotosTable;
  document_headers: DocumentHeadersTable;
  document_counters: DocumentCountersTable;
  document_drafts: DocumentDraftsTable;
  issued_documents: IssuedDocumentsTable;
  work_indicators: WorkIndicatorsTable;
  work_results: WorkResultsTable;
}

/** An indicator of work results (chỉ tiêu); codes never change, so figures and reports keep their meaning. */
export interface WorkIndicatorsTable {
  id: Generated<number>;
  code: string;
  name_vi: string;
  name_en: string;
  /** What is counted: 'vụ', 'người', 'hồ sơ'... */
  measure: string;
  /** One of core/work-results/indicators.ts INDICATOR_GROUPS. */
  group: string;
  sort: number;
  active: number;
}

/** A unit's figure for one indicator and period ('2026', '2026-H1', '2026-Q3', '2026-11'). */
export interface WorkResultsTable {
  id: Generated<number>;
  unit_id: number;
  indicator_id: number;
  period: string;
  value: number;
  source: 'manual' | 'import';
  updated_by: number | null;
  updated_at: string;
}

/** A unit's header for official documents; without a row it is derived from the unit graph. */
export interface DocumentHeadersTable {
  unit_id: number;
  parent_body: string | null;
  issuing_body: string;
  symbol_suffix: string;
  place: string;
  signer_authority: string | null;
  signer_title: string;
  signer_name: string | null;
  /** JSON string[] */
  recipients: string;
  updated_at: string;
}

/** The last number issued per unit, document type and year. */
export interface DocumentCountersTable {
  unit_id: number;
  doc_type: string;
  year: number;
  last_no: number;
}

export interface DocumentDraftsTable {
  id: Generated<number>;
  unit_id: number;
  doc_type: string;
  entity_type: string | null;
  entity_id: number | null;
  /** JSON OfficialModel */
  model: string;
  state: 'draft' | 'issued';
  issued_document_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface IssuedDocumentsTable {
  id: Generated<number>;
  unit_id: number;
  doc_type: string;
  year: number;
  number: number;
  symbol: string;
  title: string;
  entity_type: string | null;
  entity_id: number | null;
  issued_on: string;
  /** JSON OfficialModel, as issued */
  model: string;
  docx: Buffer;
  pdf: Buffer;
  issued_by: number | null;
  created_at: string;
}
