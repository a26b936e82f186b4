// Every error leaves as {code, message, fields?, rows?} in the request's language; 5xx never shows internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import { t, type Lang } from '../../i18n/index.ts';

/** Maps Fastify's own errors (body too large, bad JSON, wrong content type) to our codes. */
function fromFastify(err: FastifyError): AppError | null {
  const map: Record<string, ErrorCode> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
    FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
    FST_ERR_VALIDATION: 'bad_request',
    FST_ERR_BAD_URL: 'bad_request',
    FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
  };
  const code = err.code ? map[err.code] : undefined;
  if (code) return new AppError(code);
  if (err instanceof SyntaxError || err.statusCode === 400) return new AppError('bad_request');
  if (err.statusCode === 413) return new AppError('payload_too_large');
  if (err.statusCode === 415) return new AppError('unsupported_media_type');
  if (err.statusCode === 429) return new AppError('rate_limited');
  return null;
}

/** Sets Retry-After when the error says when to send again (a rate limit's window, a refused submission under load). */
export function retryAfter(reply: FastifyReply, err: AppError): FastifyReply {
  return err.retryAfterS ? reply.header('retry-after', String(err.retryAfterS)) : reply;
}

/** The JSON body of an error in lang. */
export function errorBody(err: AppError, lang: Lang) {
  const body: Record<string, unknown> = { code: err.code, message: t(lang, `errors.${err.code}`, err.params) };
  if (err.fields) {
    body.fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, t(lang, v.key, v.params)]));
  }
  if (err.rows) {
    body.rows = err.rows.map((r) => ({ ...(r.sheet !== undefined ? { sheet: r.sheet } : {}), line: r.line, field: r.field, message: t(lang, r.key, r.params) }));
  }
  return body;
}

export function installErrors(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    let appErr = err instanceof AppError ? err : fromFastify(err);
    if (!appErr) {
      req.log.error({ err }, 'unhandled error');
      appErr = new AppError('internal');
    }
    if (appErr.code === 'session_expired' || appErr.code === 'unauthenticated') reply.clearCookie('ln_session', { path: '/' });
    void retryAfter(reply, appErr).status(appErr.status).type('application/json; charset=utf-8').send(errorBody(appErr, req.lang));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).type('application/json; charset=utf-8').send(errorBody(new AppError('not_found'), req.lang));
  });
}
