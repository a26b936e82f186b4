// Open311 GeoReport v2 under /open311/v2 for partner platforms: services (the topic taxonomy), POST requests
// (form-encoded as the spec says; JSON accepted too), GET one request or a list. Every answer, errors included,
// is in the format the URL names (.json or .xml); errors use the spec's shape: [{code, description}] or
// <errors><error><code/><description/></error></errors>. No session, no cookie: the partner's api_key.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices, CommandContext } from '../../../commands/context.ts';
import {
  authenticatePartner, listServices, partnerRequest, partnerRequests, submitRequest, type Partner,
} from '../../../commands/feedback/open311.ts';
import { AppError } from '../../../core/errors.ts';
import {
  formatOfUrl, readRequestBody, splitFormat, xml, type Open311Error, type Open311Format,
} from '../../../core/feedback/open311.ts';
import { t, type Lang } from '../../../i18n/index.ts';
import { parseWith } from '../../validate.ts';
import { retryAfter } from '../../plugins/errors.ts';
import { ClientLimit, SlidingWindow } from '../public/rate-window.ts';
import { CONTENT_MAX } from '../feedback/schema.ts';

export const OPEN311_PREFIX = '/open311/v2';
/** Requests per minute per partner key, and failed key attempts per minute per address. */
export const PER_KEY_PER_MINUTE = 120;
export const FAILED_KEYS_PER_MINUTE = 20;
const SERVICES_PER_MINUTE = 300;
const BODY_LIMIT = 1024 * 1024;

const optText = (max: number) => z.string().max(max).transform((s) => s.normalize('NFC').trim() || null).optional();
const coordinate = (limit: number) => z.string().trim().max(30)
  .refine((s) => s === '' || (/^-?\d+(\.\d+)?$/.test(s) && Math.abs(Number(s)) <= limit), { message: 'key:validation.format' })
  .transform((s) => (s === '' ? null : Number(s))).optional();

const PostBody = z.object({
  api_key: z.string().optional(),
  service_code: z.string().trim().min(1).max(40),
  description: z.string().max(CONTENT_MAX).transform((s) => s.normalize('NFC'))
    .refine((s) => s.trim().length > 0, { message: 'key:validation.required' }),
  jurisdiction_id: optText(40),
  lat: coordinate(90),
  long: coordinate(180),
  address_string: optText(300),
  address_id: z.string().max(100).optional(),
  email: z.union([z.literal('').transform(() => null), z.email().max(200)]).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: optText(100),
  last_name: optText(100),
  phone: z.union([z.literal('').transform(() => null), z.string().trim().regex(/^[+0-9 .()-]{6,20}$/, { message: 'key:feedback.phone_format' })]).optional(),
  media_url: z.string().max(2000).optional(),
  // An identifier, compared byte for byte: letters, digits and . _ - : / # @ (never '*': see sourceRefOf).
  partner_ref: z.string().trim().max(100).regex(/^[A-Za-z0-9._:/#@-]*$/, { message: 'key:validation.format' }).optional(),
});

const isoInstant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), { message: 'key:validation.date' })
  .transform((s) => new Date(s).toISOString());
const ListQuery = z.object({
  api_key: z.string().optional(),
  jurisdiction_id: z.string().max(40).optional(),
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(40).optional(),
  start_date: isoInstant.optional(),
  end_date: isoInstant.optional(),
  status: z.enum(['open', 'closed']).optional(),
  lang: z.string().optional(),
});

/** The spec's error list for an error (one entry per wrong parameter). */
export function open311Errors(err: AppError, lang: Lang): Open311Error[] {
  if (err.fields && Object.keys(err.fields).length) {
    return Object.entries(err.fields).map(([field, issue]) => ({
      code: err.status,
      description: err.code === 'validation' ? `${field}: ${t(lang, issue.key, issue.params)}` : t(lang, issue.key, issue.params),
    }));
  }
  return [{ code: err.status, description: t(lang, `errors.${err.code}`, err.params) }];
}

function send(reply: FastifyReply, format: Open311Format, status: number, json: unknown, xmlText: () => string) {
  void reply.status(status).header('cache-control', 'no-store');
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlText());
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
}

function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const list = open311Errors(err, req.lang);
  return send(retryAfter(reply, err), formatOfUrl(req.url), err.status, list, () => xml.errors(list));
}

/** Fastify's own failures (body too large, bad JSON, unknown content type) as our codes; anything else is internal. */
function fromFastify(err: FastifyError): AppError {
  const s = err.statusCode ?? 500;
  if (s === 413) return new AppError('payload_too_large');
  if (s === 415) return new AppError('unsupported_media_type');
  if (s === 429) return new AppError('rate_limited');
  if (s === 404) return new AppError('not_found');
  if (s >= 400 && s < 500) return new AppError('bad_request');
  return new AppError('internal');
}

/** A single string parameter (a repeated one is refused rather than guessed). */
function param(source: unknown, name: string): string | undefined {
  const v = source && typeof source === 'object' ? (source as Record<string, unknown>)[name] : undefined;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  throw new AppError('validation', { fields: { [name]: { key: 'validation.type' } } });
}

export function open311Routes(app: FastifyInstance, services: AppServices) {
  const perKey = new SlidingWindow(60_000, PER_KEY_PER_MINUTE);
  const failures = new ClientLimit(60_000, FAILED_KEYS_PER_MINUTE);
  const perAddress = new ClientLimit(60_000, SERVICES_PER_MINUTE);

  const ctxOf = (req: FastifyRequest): CommandContext => ({
    ...services, audit: { actor: null, ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
  });

  /** The partner of the request's api_key (body, then query string), rate-limited per key. */
  async function partnerOf(req: FastifyRequest, bodyKey?: string): Promise<Partner> {
    let partner: Partner;
    try {
      partner = await authenticatePartner(services.database, bodyKey ?? param(req.query, 'api_key'));
    } catch (err) {
      const wait = err instanceof AppError ? failures.hit(req.ip) : 0;
      if (wait) throw new AppError('rate_limited', { retryAfterS: wait });
      throw err;
    }
    const wait = perKey.hit(String(partner.id));
    if (wait) throw new AppError('rate_limited', { retryAfterS: wait });
    return partner;
  }

  void app.register(async (scope) => {
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      const appErr = err instanceof AppError ? err : fromFastify(err);
      if (appErr.code === 'internal') req.log.error({ err }, 'unhandled error (open311)');
      return sendError(req, reply, appErr);
    });
    scope.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('not_found')));

    for (const format of ['json', 'xml'] as const) {
      scope.get(`/services.${format}`, async (req, reply) => {
        const wait = perAddress.hit(req.ip);
        if (wait) throw new AppError('rate_limited', { retryAfterS: wait });
        const list = await listServices(services.database);
        return send(reply, format, 200, list, () => xml.services(list));
      });

      scope.post(`/requests.${format}`, { bodyLimit: BODY_LIMIT }, async (req, reply) => {
        const { raw, bad } = readRequestBody(req.body);
        if (bad.length) throw new AppError('validation', { fields: Object.fromEntries(bad.map((f) => [f, { key: 'validation.type' }])) });
        const partner = await partnerOf(req, raw.api_key);
        const idem = req.headers['idempotency-key'];
        const body = parseWith(PostBody, { ...raw, partner_ref: raw.partner_ref ?? (typeof idem === 'string' ? idem : undefined) });
        if ((body.lat == null) !== (body.long == null)) {
          throw new AppError('validation', { fields: { [body.lat == null ? 'lat' : 'long']: { key: 'open311.location_pair' } } });
        }
        const r = await submitRequest(ctxOf(req), partner, {
          serviceCode: body.service_code, description: body.description, jurisdictionId: body.jurisdiction_id ?? null,
          lat: body.lat ?? null, long: body.long ?? null, address: body.address_string ?? null,
          firstName: body.first_name ?? null, lastName: body.last_name ?? null, email: body.email ?? null, phone: body.phone ?? null,
          partnerRef: body.partner_ref || null,
        });
        return send(reply, format, r.created ? 201 : 200, [r.body], () => xml.requests([r.body]));
      });

      scope.get(`/requests.${format}`, async (req, reply) => {
        const partner = await partnerOf(req);
        const q = parseWith(ListQuery, req.query);
        const codes = q.service_request_id?.split(',').map((s) => s.trim()).filter(Boolean);
        if (codes && codes.length > 50) throw new AppError('validation', { fields: { service_request_id: { key: 'validation.too_big', params: { max: 50 } } } });
        const list = await partnerRequests(ctxOf(req), partner, {
          codes, serviceCode: q.service_code, status: q.status, start: q.start_date, end: q.end_date,
        });
        return send(reply, format, 200, list, () => xml.requests(list));
      });
    }

    scope.get('/requests/:file', async (req, reply) => {
      const file = splitFormat(String((req.params as { file: string }).file).slice(0, 100));
      if (!file) throw new AppError('not_found');
      const partner = await partnerOf(req);
      const r = await partnerRequest(ctxOf(req), partner, file.name);
      return send(reply, file.format, 200, [r], () => xml.requests([r]));
    });
  }, { prefix: OPEN311_PREFIX });
}
