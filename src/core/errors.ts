// One errors module: every failure a client can cause has a stable code and an HTTP status.
// Messages are not stored here: the code is the i18n key (errors.<code>), translated at the edge.

export type ErrorCode =
  | 'validation'
  | 'bad_request'
  | 'unauthenticated'
  | 'session_expired'
  | 'invalid_credentials'
  | 'account_locked'
  | 'too_many_attempts'
  | 'csrf'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'duplicate_username'
  | 'duplicate_code'
  | 'password_policy'
  | 'password_change_required'
  | 'unit_cycle'
  | 'unit_overlap'
  | 'csv_invalid'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'overloaded'
  | 'method_not_allowed'
  | 'survey_closed'
  | 'xlsform_invalid'
  | 'token_required'
  | 'token_used'
  | 'import_invalid'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  account_locked: 429,
  too_many_attempts: 429,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate_username: 409,
  duplicate_code: 409,
  password_policy: 400,
  password_change_required: 403,
  unit_cycle: 400,
  unit_overlap: 400,
  csv_invalid: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  overloaded: 503,
  method_not_allowed: 405,
  survey_closed: 410,
  xlsform_invalid: 400,
  token_required: 403,
  token_used: 409,
  import_invalid: 400,
  internal: 500,
};

/** A field-level problem: the message key and its parameters, translated when the response is sent. */
export interface FieldIssue {
  key: string;
  params?: Record<string, string | number>;
}

/** A CSV row problem: line number (1-based, header is line 1), field and reason key. */
export interface RowIssue extends FieldIssue {
  line: number;
  field: string;
  /** For spreadsheets: the sheet the line is on. */
  sheet?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: Record<string, FieldIssue>;
  readonly rows?: RowIssue[];
  readonly params?: Record<string, string | number>;
  /** For a refusal that passes (rate_limited, overloaded): seconds before sending again is worth it. */
  readonly retryAfterS?: number;

  constructor(
    code: ErrorCode,
    opts: { fields?: Record<string, FieldIssue>; rows?: RowIssue[]; params?: Record<string, string | number>; retryAfterS?: number } = {},
  ) {
    super(code);
    this.code = code;
    this.status = STATUS[code];
    this.fields = opts.fields;
    this.rows = opts.rows;
    this.params = opts.params;
    this.retryAfterS = opts.retryAfterS;
  }
}

export const errors = {
  notFound: () => new AppError('not_found'),
  validation: (fields: Record<string, FieldIssue>) => new AppError('validation', { fields }),
  field: (name: string, key: string, params?: Record<string, string | number>) =>
    new AppError('validation', { fields: { [name]: { key, params } } }),
  unauthenticated: () => new AppError('unauthenticated'),
  forbidden: () => new AppError('forbidden'),
  conflict: (code: ErrorCode = 'conflict', fields?: Record<string, FieldIssue>) => new AppError(code, { fields }),
  csv: (rows: RowIssue[]) => new AppError('csv_invalid', { rows }),
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}
