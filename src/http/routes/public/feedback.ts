// The citizen's side of the feedback register (HTML, works without JavaScript; JSON accepted on the form post):
//   GET  /y                       choose the commune police (?q= filters by name, with or without diacritics)
//   GET  /y/:unitCode             the form (?src=qr: opened from a QR code); POST it (multipart, with up to 5 photos)
//   GET  /tra-cuu, POST /tra-cuu              look up a tracking code
//   GET  /tra-cuu/:code/receipt         what the citizen is given after sending
//   GET  /tra-cuu/:code/status          status, public history, published answer, the rating form once closed
//   POST /tra-cuu/:code/rating          1–5 once per closing; ≤ 2 asks the unit above to look again
//   GET  /tra-cuu/:code/data…           data-subject requests and consent withdrawal (data-requests.ts)
// (/t/:token is the printed survey cards' address; tracking lives under its own /tra-cuu.)
// Any code that names nothing gets one answer — same status, same bytes, at least MIN_LOOKUP_MS — and lookups and
// submissions are rate-limited per address.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { AppServices } from '../../../commands/context.ts';
import { itemByCode, publicStatus, publishedFile, rateItem, type CitizenCtx } from '../../../commands/feedback/citizen.ts';
import { receiveFeedback, type PhotoInput } from '../../../commands/feedback/intake.ts';
import { maskEmail, maskPhone } from '../../../commands/feedback/data-requests.ts';
import { compareVi } from '../../../core/collate.ts';
import { todayVN } from '../../../core/dates.ts';
import { AppError, type FieldIssue } from '../../../core/errors.ts';
import type { ConsentPurpose } from '../../../core/feedback/kinds.ts';
import { foldVi } from '../../../core/feedback/normalize.ts';
import { formatTrackingCode } from '../../../core/feedback/tracking.ts';
import { t } from '../../../i18n/index.ts';
import type { ItemRow } from '../../../db/repos/feedback.ts';
import { reencodePhoto } from '../../../media/images.ts';
import { errorBody, retryAfter } from '../../plugins/errors.ts';
import {
  codeNotFoundPage, feedbackFormPage, messagePage, receiptPage, statusPage, trackEntryPage, unitListPage, withLang,
  type StatusNotice, type UnitGroup,
} from '../../pages/feedback-pages.ts';
import { ClientLimit } from './rate-window.ts';
import { sendSlowDown } from './slow-down.ts';
import { fieldsOf, first, formValues, MULTIPART_LIMITS, readForm, validateForm } from './feedback-form.ts';
import { sendHtml as sendPage } from '../../pages/send.ts';
import { publicDataRequestRoutes } from './data-requests.ts';

/** Every answer to a code lookup takes at least this long, found or not, well-formed or not. */
export const MIN_LOOKUP_MS = 150;
/** JSON and urlencoded posts (multipart has its own limits below). */
const POST_BODY_LIMIT = 256 * 1024;
const RECEIPT_COOKIE = 'ln_fb';
const UNIT_CODE = /^[A-Z0-9][A-Z0-9.-]{0,79}$/;
const TEN_MIN = 10 * 60_000;

const wantsJson = (req: FastifyRequest) => String(req.headers['content-type'] ?? '').startsWith('application/json');

/** Citizen pages about one item: never cached, never leaking the code in the Referer. */
function sendHtml(req: FastifyRequest, reply: FastifyReply, status: number, body: string) {
  return sendPage(req, reply, status, body, { noReferrer: true });
}

// ---------------------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------------------

export function publicFeedbackRoutes(app: FastifyInstance, services: AppServices) {
  // Per client (an address, an IPv6 /64). A commune office's Wi-Fi may carry many honest people, so the limits are
  // roomy; a code lookup that names nothing counts much more than one that does, which is what guessing looks like.
  const submissions = new ClientLimit(TEN_MIN, 20);
  const lookups = new ClientLimit(TEN_MIN, 300);
  const misses = new ClientLimit(TEN_MIN, 30);

  const citizen = (req: FastifyRequest): CitizenCtx => ({
    ...services, audit: { actor: null, ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
  });

  function tooMany(req: FastifyRequest, reply: FastifyReply, waitS: number) {
    if (!wantsJson(req)) return sendSlowDown(req, reply, waitS);
    const err = new AppError('rate_limited', { retryAfterS: waitS });
    return retryAfter(reply, err).status(429).header('cache-control', 'no-store').send(errorBody(err, req.lang));
  }

  function errorPage(req: FastifyRequest, reply: FastifyReply, err: AppError) {
    void retryAfter(reply, err);
    if (wantsJson(req)) return reply.status(err.status).header('cache-control', 'no-store').send(errorBody(err, req.lang));
    return sendHtml(req, reply, err.status, messagePage(req.lang, t(req.lang, 'citizen.error_title'), t(req.lang, `errors.${err.code}`, err.params), { noindex: true }));
  }

  async function unitName(unitId: number) {
    const graph = await services.access.unitGraph();
    const today = todayVN();
    return graph.nameOn(unitId, today) ?? '';
  }

  /**
   * The unit a form address names: today's unit (with the access revision its graph was read at, which the intake
   * reuses), the one successor of a unit that has ended, or nothing.
   */
  async function unitOf(param: string): Promise<{ id: number; code: string; name: string; revision: number } | { successors: { code: string; name: string }[] } | null> {
    const code = param.toUpperCase();
    if (!UNIT_CODE.test(code)) return null;
    // A unit renamed or merged reaches the public form within a second.
    const revision = await services.access.currentRevision(1000);
    const graph = await services.access.unitGraph(revision);
    const id = graph.idOf(code);
    if (id === undefined) return null;
    const today = todayVN();
    const v = graph.versionAt(id, today);
    if (v) return { id, code, name: v.name, revision };
    // An old commune's QR code: today's commune(s) that took over its area.
    const level = graph.units.get(id)?.level;
    const successors = graph.successorsOn(id, today).filter((s) => graph.units.get(s)?.level === level)
      .map((s) => ({ code: graph.units.get(s)!.code, name: graph.versionAt(s, today)!.name }))
      .sort((a, b) => compareVi(a.name, b.name));
    return successors.length ? { successors } : null;
  }

  /**
   * The item a code names, or null once the answer (not found, too many) has been sent. Every call counts
   * towards the address's limit and takes at least MIN_LOOKUP_MS.
   */
  async function lookup(req: FastifyRequest, reply: FastifyReply, raw: string): Promise<ItemRow | null> {
    const start = performance.now();
    const wait = misses.full(req.ip) || lookups.hit(req.ip);
    if (wait) {
      await tooMany(req, reply, wait);
      return null;
    }
    const item = await itemByCode(services, raw);
    if (!item) misses.hit(req.ip);
    const left = MIN_LOOKUP_MS - (performance.now() - start);
    if (left > 0) await sleep(left);
    if (!item) {
      await sendHtml(req, reply, 404, codeNotFoundPage(req.lang));
      return null;
    }
    return item;
  }

  // Today's commune police, sorted, with their folded names: built once per unit graph and day.
  let communeList: { graph: object; day: string; rows: { code: string; name: string; parentName: string; fold: string }[] } | null = null;
  async function communes() {
    const graph = await services.access.unitGraph();
    const today = todayVN();
    if (communeList?.graph !== graph || communeList.day !== today) {
      const rows = [];
      for (const u of graph.units.values()) {
        const v = u.level === 'commune' ? graph.versionAt(u.id, today) : undefined;
        if (!v) continue;
        const parentName = v.parentId === null ? '' : graph.versionAt(v.parentId, today)?.name ?? '';
        rows.push({ code: u.code, name: v.name, parentName, fold: `${foldVi(v.name)} ${foldVi(v.place ?? '')}` });
      }
      rows.sort((a, b) => compareVi(a.parentName, b.parentName) || compareVi(a.name, b.name));
      communeList = { graph, day: today, rows };
    }
    return communeList.rows;
  }

  const codeParam = (req: FastifyRequest) => String((req.params as { code?: string }).code ?? '');

  void app.register(async (scope) => {
    await scope.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });

    // Whatever escapes a handler (an unreadable body, one too large) still gets a page, not a bare JSON error.
    scope.setErrorHandler((error: FastifyError, req, reply) => {
      let err: AppError;
      if (error instanceof AppError) err = error;
      else if (error.statusCode === 413) err = new AppError('payload_too_large');
      else if (error.statusCode === 415 || error.statusCode === 406) err = new AppError('unsupported_media_type');
      else if (error.statusCode === 429) err = new AppError('rate_limited');
      else if (error instanceof SyntaxError || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)) err = new AppError('bad_request');
      else {
        req.log.error({ err: error }, 'unhandled error');
        err = new AppError('internal');
      }
      return errorPage(req, reply, err);
    });

    // ----- choosing the unit -----

    scope.get('/y', async (req, reply) => {
      const q = String((req.query as Record<string, unknown>).q ?? '').slice(0, 100).trim();
      const needle = q ? foldVi(q).replace(/\s+/g, ' ').trim() : '';
      const groups = new Map<string, UnitGroup>();
      for (const u of await communes()) {
        if (needle && !u.fold.includes(needle)) continue;
        let g = groups.get(u.parentName);
        if (!g) groups.set(u.parentName, (g = { parentName: u.parentName, units: [] }));
        g.units.push({ code: u.code, name: u.name });
      }
      return sendHtml(req, reply, 200, unitListPage(req.lang, q, [...groups.values()]));
    });

    function unitNotFound(req: FastifyRequest, reply: FastifyReply) {
      if (wantsJson(req)) return reply.status(404).send(errorBody(new AppError('not_found'), req.lang));
      return sendHtml(req, reply, 404, messagePage(req.lang, t(req.lang, 'citizen.unit_not_found_title'), t(req.lang, 'citizen.unit_not_found'),
        { link: { href: withLang('/y', req.lang), label: t(req.lang, 'citizen.units_title') } }));
    }

    const fromQr = (req: FastifyRequest) => (req.query as Record<string, unknown>).src === 'qr';

    scope.get('/y/:unitCode', async (req, reply) => {
      const unit = await unitOf(String((req.params as { unitCode: string }).unitCode));
      if (!unit) return unitNotFound(req, reply);
      const qs = [fromQr(req) ? 'src=qr' : '', req.lang === 'en' ? 'lang=en' : ''].filter(Boolean).join('&');
      if ('successors' in unit) {
        if (unit.successors.length === 1) return reply.redirect(`/y/${unit.successors[0]!.code}${qs ? `?${qs}` : ''}`, 302);
        return sendHtml(req, reply, 200, unitListPage(req.lang, '', [{ parentName: t(req.lang, 'citizen.unit_reorganised'), units: unit.successors }]));
      }
      return sendHtml(req, reply, 200, feedbackFormPage({ lang: req.lang, unitCode: unit.code, unitName: unit.name, qr: fromQr(req) }));
    });

    scope.post('/y/:unitCode', { bodyLimit: POST_BODY_LIMIT }, async (req, reply) => {
      const json = wantsJson(req);
      const unit = await unitOf(String((req.params as { unitCode: string }).unitCode));
      // An upload left unread is discarded by Node once the answer is sent.
      if (!unit || 'successors' in unit) return unitNotFound(req, reply);
      const wait = submissions.hit(req.ip);
      if (wait) return tooMany(req, reply, wait);
      const qr = fromQr(req);
      const form = await readForm(req);
      if (form.fatal) return errorPage(req, reply, form.fatal);
      const lang = req.lang;
      // The form again, with what was typed: refused fields marked, or the whole form refused for now (problem).
      const again = (status: number, issues: Record<string, FieldIssue>, problem?: AppError) => {
        if (problem) void retryAfter(reply, problem);
        if (json) return reply.status(status).header('cache-control', 'no-store').send(errorBody(problem ?? new AppError('validation', { fields: issues }), lang));
        return sendHtml(req, reply, status, feedbackFormPage({
          lang, unitCode: unit.code, unitName: unit.name, qr, values: formValues(form.fields), issues, photosDropped: form.files.length > 0 || !!issues.photos,
          problem: problem ? t(lang, `errors.${problem.code}`) : undefined,
        }));
      };

      const { data, issues } = validateForm(form);
      if (!data) return again(400, issues);

      // Photos last: decoding is the expensive part, and a refused form must not cost it.
      const photos: PhotoInput[] = [];
      for (const [i, f] of form.files.entries()) {
        try {
          const p = await reencodePhoto(f.bytes, 'photos');
          photos.push({ bytes: p.bytes, mime: p.mime, sha256: p.sha256, filename: null });
        } catch (e) {
          if (!(e instanceof AppError) || !e.fields) throw e;
          const inner = Object.values(e.fields)[0]!;
          return again(400, { photos: { key: 'citizen.photo_issue', params: { name: f.filename || `#${i + 1}`, message: t(lang, inner.key, inner.params) } } });
        }
      }

      // Consent is for using a contact: without a phone or an email there is nothing to consent to.
      const hasContact = !!(data.phone || data.email);
      const consents: ConsentPurpose[] = hasContact ? [...new Set(data.consents ?? [])] : [];
      try {
        const r = await receiveFeedback({ ...citizen(req), actor: null, actorKind: 'citizen', revision: unit.revision }, {
          unitId: unit.id, channel: qr ? 'qr' : 'web', kind: data.kind, content: data.content, location: data.location,
          submitter: { fullName: data.fullName, phone: data.phone ?? null, email: data.email ?? null, address: data.address },
          consents, photos,
        });
        const code = formatTrackingCode(r.trackingCode);
        if (json) {
          return reply.status(201).header('cache-control', 'no-store').send({
            trackingCode: code, registerNo: r.registerNo, registerYear: r.registerYear, ackDueOn: r.ackDueOn, statusUrl: `/tra-cuu/${code}/status`,
          });
        }
        // Only this browser, for a while, sees who sent it on the receipt.
        void reply.setCookie(RECEIPT_COOKIE, r.trackingCode, { path: '/tra-cuu/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 3600 });
        return reply.redirect(withLang(`/tra-cuu/${code}/receipt`, lang), 303);
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation' && e.fields) return again(400, e.fields);
        // Too much waiting to be written: nothing of it was, and the sender keeps what they typed.
        if (e instanceof AppError && e.code === 'overloaded') return again(503, {}, e);
        throw e;
      }
    });

    // ----- receipt, lookup, status -----

    scope.get('/tra-cuu', async (req, reply) => sendHtml(req, reply, 200, trackEntryPage(req.lang)));

    scope.post('/tra-cuu', { bodyLimit: 4096 }, async (req, reply) => {
      const raw = String(first(fieldsOf(req.body)?.code) ?? '').trim();
      if (!raw) return sendHtml(req, reply, 400, trackEntryPage(req.lang, { key: 'validation.required' }));
      const item = await lookup(req, reply, raw);
      if (!item) return reply;
      return sendHtml(req, reply, 200, statusPage({ lang: req.lang, status: await publicStatus(services, item) }));
    });

    scope.get('/tra-cuu/:code/receipt', async (req, reply) => {
      const item = await lookup(req, reply, codeParam(req));
      if (!item) return reply;
      const status = await publicStatus(services, item);
      let sender: { fullName: string | null; notifyTo: string[] } | null = null;
      if (req.cookies[RECEIPT_COOKIE] === item.tracking_code && item.submitter_id !== null) {
        const s = await services.database.db.selectFrom('feedback_submitters').select(['full_name', 'email', 'phone', 'anonymised_at'])
          .where('id', '=', item.submitter_id).executeTakeFirst();
        const consent = await services.database.db.selectFrom('feedback_consents').select('id').where('submitter_id', '=', item.submitter_id)
          .where('purpose', '=', 'contact_updates').where('withdrawn_at', 'is', null).executeTakeFirst();
        if (s && !s.anonymised_at) {
          const to = consent ? [s.email ? maskEmail(s.email) : '', s.phone ? maskPhone(s.phone) : ''].filter(Boolean) : [];
          sender = { fullName: s.full_name, notifyTo: to };
        }
      }
      return sendHtml(req, reply, 200, receiptPage({ lang: req.lang, status, sender }));
    });

    // The short address printed in notices and on receipts: /tra-cuu/<code>.
    scope.get('/tra-cuu/:code', async (req, reply) => reply.redirect(`/tra-cuu/${encodeURIComponent(codeParam(req))}/status`, 302));

    scope.get('/tra-cuu/:code/status', async (req, reply) => {
      const item = await lookup(req, reply, codeParam(req));
      if (!item) return reply;
      const n = String((req.query as Record<string, unknown>).notice ?? '');
      const notice = n === 'rated' || n === 'rereview' ? (n as StatusNotice) : null;
      return sendHtml(req, reply, 200, statusPage({ lang: req.lang, status: await publicStatus(services, item), notice }));
    });

    scope.get('/tra-cuu/:code/tep/:fileId', async (req, reply) => {
      const item = await lookup(req, reply, codeParam(req));
      if (!item) return reply;
      const fileId = Number((req.params as { fileId?: string }).fileId);
      const f = Number.isSafeInteger(fileId) && fileId > 0 ? await publishedFile(services, item, fileId) : null;
      if (!f) return sendHtml(req, reply, 404, codeNotFoundPage(req.lang));
      const name = f.filename ?? `tep-${fileId}`;
      return reply.header('content-type', f.mime).header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer')
        .header('content-disposition', `inline; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(Buffer.from(f.content));
    });

    scope.post('/tra-cuu/:code/rating', { bodyLimit: 16 * 1024 }, async (req, reply) => {
      const item = await lookup(req, reply, codeParam(req));
      if (!item) return reply;
      const fields = fieldsOf(req.body) ?? {};
      const ratingRaw = String(first(fields.rating) ?? '').trim();
      const comment = String(first(fields.comment) ?? '');
      const issues: Record<string, FieldIssue> = {};
      if (!/^[1-5]$/.test(ratingRaw)) issues.rating = { key: 'citizen.rating_required' };
      if (comment.length > 1000) issues.comment = { key: 'validation.too_long', params: { max: 1000 } };
      const status = () => publicStatus(services, item);
      if (Object.keys(issues).length) {
        return sendHtml(req, reply, 400, statusPage({ lang: req.lang, status: await status(), issues, values: { rating: ratingRaw, comment: comment.slice(0, 1000) } }));
      }
      const r = await rateItem(citizen(req), item, Number(ratingRaw), comment);
      if (!r.ok) {
        const fresh = (await itemByCode(services, item.tracking_code)) ?? item;
        return sendHtml(req, reply, 409, statusPage({ lang: req.lang, status: await publicStatus(services, fresh), notice: r.reason === 'already_rated' ? 'already_rated' : 'not_rateable' }));
      }
      return reply.redirect(withLang(`/tra-cuu/${formatTrackingCode(item.tracking_code)}/status?notice=${r.rereview ? 'rereview' : 'rated'}`, req.lang), 303);
    });

    publicDataRequestRoutes(scope, { services, citizen, lookup, unitName, tooMany, codeParam, sendHtml });
  });
}

