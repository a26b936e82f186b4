// Every call to the JSON API goes through here: the CSRF token on writes, errors as ApiError carrying the
// server's already-translated message and per-field messages, and session events (expired, must change password).

export interface RowError {
  line: number;
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly rows: RowError[] = [],
  ) {
    super(message);
  }
}

export type SessionEvent = 'unauthenticated' | 'password_change_required';

let csrfToken: string | null = null;
let onSessionEvent: (e: SessionEvent) => void = () => undefined;

/** The token the server gave at login or /me; sent back on every state-changing request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The app shell listens so any screen's 401/403 can bring back the login or change-password form. */
export function listenSession(fn: (e: SessionEvent) => void) {
  onSessionEvent = fn;
}

/** Calls the API; resolves with the parsed JSON (or text), rejects with ApiError. A Blob body is sent as is. */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: string | Blob | undefined;
  if (method !== 'GET') {
    // Writes always carry a body and a content type: the server rejects writes without them.
    headers['content-type'] = contentType;
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    // A file (photo, PDF) goes as itself, with its own type.
    payload = body instanceof Blob ? body : typeof body === 'string' ? body : JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const data: unknown = isJson ? await res.json().catch(() => null) : await res.text();
  if (res.ok) return data as T;
  const e = (data && typeof data === 'object' ? data : {}) as { code?: string; message?: string; fields?: Record<string, string>; rows?: RowError[] };
  const err = new ApiError(res.status, e.code ?? 'internal', e.message ?? '', e.fields ?? {}, e.rows ?? []);
  if (res.status === 401 && url !== '/api/auth/login') onSessionEvent('unauthenticated');
  if (err.code === 'password_change_required') onSessionEvent('password_change_required');
  throw err;
}

/** Query string from the non-empty entries of params. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
