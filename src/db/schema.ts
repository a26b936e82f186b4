// Table types for Kysely. Timestamps are ISO-8601 UTC strings and calendar dates are 'YYYY-MM-DD'
// strings on both engines, so rows look identical whichever engine produced them. The units, people and audit
// tables are here with DB, the whole database; each domain's tables are in schema/, re-exported below.
import type { Generated } from 'kysely';
import type { QuestionnairesTable, QuestionnaireVersionsTable, CampaignsTable, PaperBatchesTable, PaperSheetsTable, KeyingsTable, CampaignUnitsTable, ResponsesTable, AnswersTable, ResultCountsTable, ResultTotalsTable, SurveyTokensTable, ResponseImportsTable } from './schema/surveys.ts';
import type { FeedbackTopicsTable, FeedbackSubmittersTable, FeedbackConsentsTable, FeedbackItemsTable, FeedbackCountersTable, FeedbackEventsTable, FeedbackAttachmentsTable, FeedbackTemplatesTable, CalendarDaysTable, SettingsTable, NotificationOutboxTable, ApiPartnersTable, DataRequestsTable } from './schema/feedback.ts';
import type { ConferencesTable, ConferenceDelegatesTable, ConferenceOpinionsTable, ConferencePhotosTable, WorkIndicatorsTable, WorkResultsTable } from './schema/conferences.ts';
import type { DocumentHeadersTable, DocumentCountersTable, DocumentDraftsTable, IssuedDocumentsTable } from './schema/documents.ts';

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

export type * from './schema/surveys.ts';
export type * from './schema/feedback.ts';
export type * from './schema/conferences.ts';
export type * from './schema/documents.ts';

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
