// Shapes of the API's answers, as the console reads them (see src/http/routes/*/index.ts).

export type Role = 'admin' | 'leader' | 'officer' | 'clerk' | 'viewer';
export const ROLES: Role[] = ['admin', 'leader', 'officer', 'clerk', 'viewer'];
export const LEVELS = ['ministry', 'province', 'district', 'division', 'commune'] as const;

export interface User {
  id: number;
  username: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  unitId: number;
  mustChangePassword: boolean;
  disabled: boolean;
}

export interface Me {
  user: User;
  grants: { role: Role; unitId: number; unitName: string | null }[];
  csrfToken: string;
  can: {
    manageUnits: boolean; manageUsers: boolean; readUsers: boolean; readAudit: boolean; exportUnits: boolean;
    /** Survey roles somewhere in scope (src/core/policy/surveys.ts): organise campaigns; key paper sheets. */
    manageSurveys?: boolean; enterSurveys?: boolean;
    /** The feedback register (src/core/policy/feedback.ts): read items somewhere in scope; key items in by hand. */
    readFeedback?: boolean; enterFeedback?: boolean;
    /** Work results (src/core/policy/work-results.ts): read figures somewhere in scope; enter them. */
    readWorkResults?: boolean; enterWorkResults?: boolean;
    /** Conferences (src/core/policy/conferences.ts): read them somewhere in scope; plan them. */
    readConferences?: boolean; planConferences?: boolean;
    /** Official documents (src/core/policy/documents.ts): read drafts and issued documents somewhere in scope. */
    readDocuments?: boolean;
  };
}

export interface UnitNode {
  id: number;
  code: string;
  level: string;
  name: string;
  shortName: string | null;
  place: string | null;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
  children: UnitNode[];
}

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  level: string;
  validFrom: string;
  validTo: string | null;
}

export interface UnitDetail {
  id: number;
  code: string;
  level: string;
  validFrom: string;
  validTo: string | null;
  existsOnDate: boolean;
  name: string;
  shortName: string | null;
  place: string | null;
  parent: UnitRef | null;
  versions: { name: string; shortName: string | null; place: string | null; validFrom: string; validTo: string | null; parent: UnitRef | null }[];
  history: { eventId: number; kind: string; date: string; from: UnitRef | null; to: UnitRef | null }[];
  successors: UnitRef[];
  predecessors: UnitRef[];
  allowed: string[];
}

export interface UserGrant {
  id: number;
  role: Role;
  unitId: number;
  unitName: string | null;
  canRevoke: boolean;
}

export interface UserRow extends User {
  unitName: string | null;
  grants: UserGrant[];
  allowed: string[];
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string | null;
  unitId: number | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  hash: string;
}

// Surveys (src/http/routes/surveys/index.ts; the questionnaire is src/core/surveys/questionnaire.ts).

export interface LocalText {
  vi: string;
  en?: string;
}

export interface SurveyChoice {
  code: string;
  label: LocalText;
}

export interface SurveyScale {
  id: string;
  levels: SurveyChoice[];
  satisfied: string[];
  noOpinion: SurveyChoice | null;
}

export interface SurveyQuestion {
  id: string;
  type: 'single' | 'multiple' | 'rating' | 'text' | 'long_text' | 'integer' | 'decimal' | 'note';
  label: LocalText;
  hint?: LocalText;
  required: boolean;
  choices?: SurveyChoice[];
  scale?: string;
  criterion?: boolean;
  demographic?: boolean;
  relevant?: string;
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface QuestionnaireDefinition {
  title: LocalText;
  intro?: LocalText;
  scales: SurveyScale[];
  sections: { id: string; title: LocalText; questions: SurveyQuestion[] }[];
}

export type VersionStatus = 'draft' | 'published';

export interface QuestionnaireVersion {
  id: number;
  version: number;
  status: VersionStatus;
  title: string;
  publishedAt: string | null;
}

export interface QuestionnaireRow {
  id: number;
  code: string;
  unitId: number;
  versions: QuestionnaireVersion[];
}

export interface QuestionnaireDetail extends QuestionnaireRow {
  allowed: string[];
  versions: (QuestionnaireVersion & { definition: QuestionnaireDefinition })[];
}

export type CampaignState = 'draft' | 'open' | 'closed' | 'archived';
export type CampaignAction = 'open' | 'close' | 'reopen' | 'archive';

export interface CampaignRow {
  id: number;
  name: string;
  period: string;
  state: CampaignState;
  unitId: number;
  opensOn: string;
  closesOn: string;
  mode: 'open' | 'token';
}

export interface Participant {
  unitId: number;
  name: string | null;
  slug: string;
  formPath: string;
  population: number | null;
  target: number | null;
  suspectedDuplicates: number;
  blockedDuplicates: number;
}

export interface CampaignDetail extends CampaignRow {
  questionnaireVersionId: number;
  channels: string[];
  marginPermille: number;
  minCell: number;
  previousCampaignId: number | null;
  /** Share of paper sheets keyed twice, in ‰ (when the server sends it). */
  doubleEntryPermille?: number;
  actions: CampaignAction[];
  participants: Participant[];
}

/** Satisfied answers over valid answers (no-opinion left out), with the Wilson 95% interval. */
export interface Share {
  satisfied: number;
  denominator: number;
  share: number | null;
  low?: number | null;
  high?: number | null;
}

export interface CriterionResult extends Share {
  id: string;
  label: LocalText;
  levels: { code: string; label: LocalText; n: number; satisfied: boolean }[];
  noOpinion: number;
}

export interface ResponseTotals {
  valid: number;
  invalid: number;
  byChannel: Record<string, number>;
}

export interface CampaignResults {
  campaign: { id: number; name: string; period: string; state: CampaignState; opensOn: string; closesOn: string };
  focus: { unitId: number; name: string; units: number };
  totals: ResponseTotals & { target: number | null; rate: number | null };
  criteria: CriterionResult[];
  /** The questionnaire's headline criterion (one answer per form, so its interval is honest), if it marks one. */
  headline: CriterionResult | null;
  overall: Share;
  children: { unitId: number; name: string; slug: string | null; valid: number; invalid: number; target: number | null; rate: number | null; overall: Share; headline: Share | null }[];
  previous: null | {
    campaignId: number;
    name: string;
    period: string;
    units: number;
    totals: ResponseTotals;
    criteria: Record<string, { share: number | null; denominator: number; low: number | null; high: number | null }>;
    overall: Share;
  };
}

// Paper forms (src/http/routes/surveys/paper.ts).

export type BatchState = 'printed' | 'handed_out' | 'returned' | 'keyed';
export type SheetState = 'printed' | 'awaiting_second' | 'disagreement' | 'keyed';
export type KeyingStatus = 'valid' | 'blank' | 'spoiled';
/** One answer as the API takes it: a code, codes, or text (numbers typed as text). */
export type AnswerInput = string | string[];

export interface PaperBatch {
  id: number;
  unitId: number;
  sheetCount: number;
  state: BatchState;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  sheets: Partial<Record<SheetState, number>>;
}

export interface PaperSheet {
  sheetId: string;
  state: SheetState;
  campaignId: number;
  campaignName: string;
  unitId: number;
  unitName: string;
  definition: QuestionnaireDefinition;
  /** Both keyings, only for a manager on a disagreement. */
  keyings: { round: number; status: KeyingStatus; answers: Record<string, string | number | string[]> }[];
  nextRound: 1 | 2 | null;
}

export interface KeyingResult {
  sheetId: string;
  round?: number;
  outcome: 'stored' | 'awaiting_second' | 'disagreement';
}

// Response imports, breakdowns, XLSForm (src/http/routes/surveys/imports.ts, index.ts, xlsform.ts).

export interface ImportUpload {
  id: number;
  header: string[];
  total: number;
  /** The first rows, as text. */
  sample: string[][];
  /** Column -> question id; question id -> raw value -> code ('' when nothing matched). */
  suggestion: { columns: Record<string, string>; values: Record<string, Record<string, string>> };
}

export interface ImportCheck {
  total: number;
  valid: number;
  rows: { line: number; field: string; message: string }[];
  more: number;
}

export interface ImportStatus {
  id: number;
  state: 'uploaded' | 'importing' | 'done';
  total: number;
  processed: number | null;
  imported: number | null;
}

export interface BreakdownGroup {
  code: string;
  label: LocalText;
  /** Null, like every figure, when the group is smaller than the campaign's minimum cell. */
  responses: number | null;
  suppressed: boolean;
  overall: { satisfied: number; denominator: number; share: number | null } | null;
  criteria: { id: string; share: number | null; denominator: number; low: number | null; high: number | null }[] | null;
}

export interface Breakdown {
  by: { id: string; label: LocalText };
  minCell: number;
  focus: { unitId: number; name: string };
  groups: BreakdownGroup[];
}

export interface XlsformIssue {
  sheet: string;
  line: number;
  field: string;
  message: string;
}

export interface XlsformResult {
  questionnaireId: number;
  versionId: number;
  warnings: XlsformIssue[];
}
