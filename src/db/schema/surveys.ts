// Table types: questionnaires, campaigns, responses and their roll-ups, paper forms, tokens, imports.
// Conventions (timestamps, dates) in ../schema.ts, which gathers every table into DB.
import type { Generated } from 'kysely';

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
