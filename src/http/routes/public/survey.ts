// The citizen's survey form at a short public URL (/s/<code>): the HTML form (works without JavaScript),
// its submission as a form post or as JSON from the offline queue, the thank-you page, the script.
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AppServices } from '../../../commands/context.ts';
import { newClientKey } from '../../../core/surveys/client-key.ts';
import { definitionOf, submitOnline } from '../../../commands/surveys/submit.ts';
import { tokenStatus } from '../../../commands/surveys/tokens.ts';
import { AppError } from '../../../core/errors.ts';
import { todayVN } from '../../../core/dates.ts';
import { acceptance } from '../../../core/surveys/campaign.ts';
import { t } from '../../../i18n/index.ts';
import { formEntry } from '../../../commands/surveys/form-entries.ts';
import { errorBody, retryAfter } from '../../plugins/errors.ts';
import { messagePage, surveyFormPage } from '../../pages/survey-form.ts';
import { ClientLimit } from './rate-window.ts';
import { sendHtml } from '../../pages/send.ts';
import QRCode from 'qrcode';

export const FORM_BODY_LIMIT = 64 * 1024;
const SCRIPT = fs.readFileSync(new URL('../../pages/assets/form.js', import.meta.url), 'utf8');
const SCRIPT_GZ = zlib.gzipSync(SCRIPT, { level: 9 });
const SLUG = /^[a-z0-9]{4,12}$/;
/** Per client and form: generous, since a whole conference may share one Wi-Fi address. */
const perClient = new ClientLimit(10 * 60 * 1000, 120);

const wantsJson = (req: FastifyRequest) => String(req.headers['content-type'] ?? '').startsWith('application/json');

/** The form's absolute address for QR codes: PUBLIC_URL when set, otherwise the address the request came to. */
function formUrl(req: FastifyRequest, publicUrl: string | null, slug: string) {
  const base = publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  return `${base.replace(/\/$/, '')}/s/${slug}`;
}

export function publicSurveyRoutes(app: FastifyInstance, services: AppServices, publicUrl: string | null = null) {
  const qrCache = new Map<string, string | Buffer>();
  app.get('/s/:slug/qr.:format', async (req, reply) => {
    const { format } = req.params as { format: string };
    const entry = (format === 'svg' || format === 'png') ? await entryOr(req) : null;
    if (!entry) return notFound(req, reply);
    const url = formUrl(req, publicUrl, entry.slug);
    const key = `${format}|${url}`;
    let out = qrCache.get(key);
    if (!out) {
      // Error correction M survives a printed code with a little damage; a quiet zone of 4 modules as the standard asks.
      out = format === 'svg'
        ? await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
        : await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 1024 });
      if (qrCache.size > 5000) qrCache.clear();
      qrCache.set(key, out);
    }
    void reply.header('cache-control', 'public, max-age=3600');
    if (format === 'png') void reply.header('content-disposition', `inline; filename="qr-${entry.slug}.png"`);
    return reply.type(format === 'svg' ? 'image/svg+xml' : 'image/png').send(out);
  });

  app.get('/s/assets/form.js', async (req, reply) => {
    void reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(SCRIPT_GZ);
    return SCRIPT;
  });

  function notFound(req: FastifyRequest, reply: FastifyReply) {
    return sendHtml(req, reply, 404, messagePage(req.lang, t(req.lang, 'form.not_found_title'), t(req.lang, 'form.not_found')));
  }

  async function entryOr(req: FastifyRequest) {
    const slug = (req.params as { slug: string }).slug;
    if (!SLUG.test(slug)) return null;
    return (await formEntry(services.database, slug)) ?? null;
  }

  async function unitName(unitId: number) {
    const graph = await services.access.unitGraph();
    return graph.nameOn(unitId, todayVN()) ?? '';
  }

  app.get('/s/:slug', async (req, reply) => {
    const entry = await entryOr(req);
    if (!entry) return notFound(req, reply);
    const name = await unitName(entry.unit_id);
    const state = acceptance(entry.state, entry.opens_on, entry.closes_on, todayVN());
    if (state !== 'accepting') {
      return sendHtml(req, reply, state === 'not_open_yet' ? 403 : 410, messagePage(req.lang, t(req.lang, `form.${state}_title`), t(req.lang, `form.${state}`, { opens: entry.opens_on.split('-').reverse().join('/') }), name));
    }
    let token: string | null = null;
    if (entry.mode === 'token') {
      token = String((req.query as Record<string, unknown>).t ?? '').slice(0, 20) || null;
      const problem = token ? await tokenProblem(token, entry.slug) : 'token_required';
      if (problem) return tokenPage(req, reply, problem, name);
    }
    const form = definitionOf(entry.version_id, entry.definition);
    return sendHtml(req, reply, 200, surveyFormPage({ lang: req.lang, slug: entry.slug, unitName: name, campaignName: entry.name, form, clientKey: newClientKey(), token }));
  });

  /** Why a card's token cannot open this form, or null when it can. */
  async function tokenProblem(token: string, slug: string): Promise<'token_unknown' | 'token_used' | null> {
    const s = await tokenStatus(services, token);
    if (s.state === 'unknown' || s.slug !== slug) return 'token_unknown';
    return s.state === 'used' ? 'token_used' : null;
  }

  function tokenPage(req: FastifyRequest, reply: FastifyReply, problem: 'token_required' | 'token_unknown' | 'token_used', unit?: string) {
    const status = problem === 'token_used' ? 409 : problem === 'token_required' ? 403 : 404;
    return sendHtml(req, reply, status, messagePage(req.lang, t(req.lang, `form.${problem}_title`), t(req.lang, `form.${problem}`), unit));
  }

  // The address on a printed card: opens the form of its unit with the token.
  app.get('/t/:token', async (req, reply) => {
    const token = String((req.params as { token: string }).token).slice(0, 20);
    const s = await tokenStatus(services, token);
    if (s.state === 'unknown') return tokenPage(req, reply, 'token_unknown');
    if (s.state === 'used') return tokenPage(req, reply, 'token_used');
    return reply.redirect(`/s/${s.slug}?t=${encodeURIComponent(token.toUpperCase())}`, 302);
  });

  app.get('/s/:slug/cam-on', async (req, reply) => {
    const entry = await entryOr(req);
    if (!entry) return notFound(req, reply);
    return sendHtml(req, reply, 200, messagePage(req.lang, t(req.lang, 'form.thanks_title'), t(req.lang, 'form.thanks'), await unitName(entry.unit_id)));
  });

  app.post('/s/:slug', { bodyLimit: FORM_BODY_LIMIT, config: { public: true } }, async (req, reply) => {
    const entry = await entryOr(req);
    if (!entry) {
      if (wantsJson(req)) return reply.status(404).send(errorBody(new AppError('not_found'), req.lang));
      return notFound(req, reply);
    }
    const wait = perClient.hit(req.ip, entry.slug);
    if (wait) {
      await sql`update campaign_units set blocked_duplicates = blocked_duplicates + 1 where id = ${entry.campaign_unit_id}`.execute(services.database.db);
      const err = new AppError('rate_limited', { retryAfterS: wait });
      void retryAfter(reply, err);
      if (wantsJson(req)) return reply.status(429).send(errorBody(err, req.lang));
      return sendHtml(req, reply, 429, messagePage(req.lang, t(req.lang, 'form.slow_down_title'), t(req.lang, 'errors.rate_limited')));
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const json = wantsJson(req);
    const raw = (json ? body.answers : body) as Record<string, string | string[]> | undefined;
    const clientKey = String((json ? body.clientKey : body._k) ?? '').slice(0, 64) || null;
    const token = String((json ? body.token : body._t) ?? '').slice(0, 20) || null;
    const answered = req.cookies.ln_sv?.split('.') ?? [];
    try {
      const r = await submitOnline(services, { slug: entry.slug, raw: raw && typeof raw === 'object' ? raw : {}, clientKey, token, entry });
      // A soft guard: the same browser answering again is counted, not refused (families share phones).
      if (!r.duplicate && answered.includes(String(entry.campaign_id))) {
        await sql`update campaign_units set suspected_duplicates = suspected_duplicates + 1 where id = ${entry.campaign_unit_id}`.execute(services.database.db);
      }
      void reply.setCookie('ln_sv', [...new Set([...answered, String(entry.campaign_id)])].slice(-20).join('.'), {
        path: '/s/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 400 * 24 * 3600,
      });
      if (json) return reply.status(r.duplicate ? 200 : 201).send({ ok: true, duplicate: r.duplicate });
      return reply.redirect(`/s/${entry.slug}/cam-on${req.lang === 'en' ? '?lang=en' : ''}`, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      void retryAfter(reply, err);
      if (json) return reply.status(err.status).send(errorBody(err, req.lang));
      // Refused fields, or the whole form refused for now (overloaded): the form again with what was answered.
      if (err.code === 'validation' || err.code === 'overloaded') {
        const form = definitionOf(entry.version_id, entry.definition);
        const values = Object.fromEntries(Object.entries(raw ?? {}).filter(([k]) => k !== '_k').map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
        return sendHtml(req, reply, err.status, surveyFormPage({
          lang: req.lang, slug: entry.slug, unitName: await unitName(entry.unit_id), campaignName: entry.name, form, clientKey: clientKey ?? newClientKey(), token, values,
          ...(err.code === 'validation' ? { issues: err.fields } : { problem: t(req.lang, 'errors.overloaded') }),
        }));
      }
      if (err.code === 'token_used' || err.code === 'token_required') return tokenPage(req, reply, err.code, await unitName(entry.unit_id));
      return sendHtml(req, reply, err.status, messagePage(req.lang, t(req.lang, 'form.closed_title'), t(req.lang, 'form.closed'), await unitName(entry.unit_id)));
    }
  });
}
