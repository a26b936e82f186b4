// The citizen's data-subject requests on an item (Luật 91/2025), under its tracking code:
//   GET  /tra-cuu/:code/data, POST      ask to see, correct, delete, restrict or object, or withdraw a consent: a
//                                       6-digit code goes to the contact on file
//   GET  /tra-cuu/:code/data/:id, POST  the right code opens the request, with its 2-working-day clock
// Registered inside the feedback routes' scope (feedback.ts), whose code lookup, limits and pages they share.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import type { CitizenCtx } from '../../../commands/feedback/citizen.ts';
import {
  contactOf, dataRequestOf, dataRequestsOf, maskEmail, maskPhone, startDataRequest, verifyDataRequest,
} from '../../../commands/feedback/data-requests.ts';
import type { FieldIssue } from '../../../core/errors.ts';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../../core/feedback/kinds.ts';
import { formatTrackingCode } from '../../../core/feedback/tracking.ts';
import type { ItemRow } from '../../../db/repos/feedback.ts';
import { t } from '../../../i18n/index.ts';
import { codeNotFoundPage, dataPage, DATA_KINDS, verifiedPage, verifyPage, withLang } from '../../pages/feedback-pages.ts';
import { fieldsOf, first } from './feedback-form.ts';
import { ClientLimit } from './rate-window.ts';

/** What the feedback routes share with these: the services, the code lookup (timed, limited) and their pages. */
export interface CitizenRouteKit {
  services: AppServices;
  citizen(req: FastifyRequest): CitizenCtx;
  lookup(req: FastifyRequest, reply: FastifyReply, raw: string): Promise<ItemRow | null>;
  unitName(unitId: number): Promise<string>;
  tooMany(req: FastifyRequest, reply: FastifyReply, waitS: number): unknown;
  codeParam(req: FastifyRequest): string;
  /** A citizen page: never cached, no Referer. */
  sendHtml(req: FastifyRequest, reply: FastifyReply, status: number, body: string): unknown;
}

export function publicDataRequestRoutes(app: FastifyInstance, { services, citizen, lookup, unitName, tooMany, codeParam, sendHtml }: CitizenRouteKit) {
  // Per address: each post sends a code to someone's phone or mailbox.
  const dataPosts = new ClientLimit(60 * 60_000, 20);

  async function renderData(req: FastifyRequest, reply: FastifyReply, item: ItemRow, status: number,
    extra: { issues?: Record<string, FieldIssue>; values?: { kind?: string; details?: string }; problem?: string | null } = {}) {
    const [contact, requests, name] = await Promise.all([contactOf(services.database.db, item), dataRequestsOf(services, item.id), unitName(item.unit_id)]);
    return sendHtml(req, reply, status, dataPage({ lang: req.lang, code: item.tracking_code, unitName: name, verifiable: contact !== null, requests, ...extra }));
  }

  app.get('/tra-cuu/:code/data', async (req, reply) => {
    const item = await lookup(req, reply, codeParam(req));
    if (!item) return reply;
    return renderData(req, reply, item, 200);
  });

  app.post('/tra-cuu/:code/data', { bodyLimit: 16 * 1024 }, async (req, reply) => {
    const wait = dataPosts.hit(req.ip);
    if (wait) return tooMany(req, reply, wait);
    const item = await lookup(req, reply, codeParam(req));
    if (!item) return reply;
    const fields = fieldsOf(req.body) ?? {};
    const withdraw = first(fields.withdraw);
    const kind = first(fields.request);
    const details = String(first(fields.details) ?? '');
    let input: Parameters<typeof startDataRequest>[2];
    if (withdraw !== undefined) {
      if (!(CONSENT_PURPOSES as readonly string[]).includes(withdraw)) return renderData(req, reply, item, 400, { problem: t(req.lang, 'validation.format') });
      input = { withdraw: withdraw as ConsentPurpose };
    } else {
      const issues: Record<string, FieldIssue> = {};
      if (!kind || !(DATA_KINDS as readonly string[]).includes(kind)) issues.request = { key: 'citizen.dr_required' };
      if (details.length > 2000) issues.details = { key: 'validation.too_long', params: { max: 2000 } };
      else if (kind === 'correct' && !details.trim()) issues.details = { key: 'citizen.dr_details_required' };
      if (Object.keys(issues).length) return renderData(req, reply, item, 400, { issues, values: { kind, details: details.slice(0, 2000) } });
      input = { kind: kind as (typeof DATA_KINDS)[number], details };
    }
    const r = await startDataRequest(citizen(req), item, input);
    if (!r.ok) {
      if (r.reason === 'too_many') return renderData(req, reply, item, 429, { problem: t(req.lang, 'citizen.too_many_requests') });
      return renderData(req, reply, item, 400);
    }
    return reply.redirect(withLang(`/tra-cuu/${formatTrackingCode(item.tracking_code)}/data/${r.requestId}`, req.lang), 303);
  });

  const requestParam = (req: FastifyRequest) => {
    const id = String((req.params as { rid?: string }).rid ?? '');
    return /^[1-9][0-9]{0,9}$/.test(id) ? Number(id) : null;
  };

  app.get('/tra-cuu/:code/data/:rid', async (req, reply) => {
    const item = await lookup(req, reply, codeParam(req));
    if (!item) return reply;
    const rid = requestParam(req);
    const request = rid === null ? null : await dataRequestOf(services, item.id, rid);
    if (!request) return sendHtml(req, reply, 404, codeNotFoundPage(req.lang));
    const contact = await contactOf(services.database.db, item);
    const sentTo = contact ? [contact.email ? maskEmail(contact.email) : '', contact.phone ? maskPhone(contact.phone) : ''].filter(Boolean) : [];
    return sendHtml(req, reply, 200, verifyPage({ lang: req.lang, code: item.tracking_code, unitName: await unitName(item.unit_id), request, sentTo }));
  });

  app.post('/tra-cuu/:code/data/:rid', { bodyLimit: 4096 }, async (req, reply) => {
    const wait = dataPosts.hit(req.ip);
    if (wait) return tooMany(req, reply, wait);
    const item = await lookup(req, reply, codeParam(req));
    if (!item) return reply;
    const rid = requestParam(req);
    if (rid === null) return sendHtml(req, reply, 404, codeNotFoundPage(req.lang));
    const typed = String(first(fieldsOf(req.body)?.verify) ?? '').slice(0, 20);
    const r = await verifyDataRequest(citizen(req), item, rid, typed);
    const name = await unitName(item.unit_id);
    if (r.ok) {
      return sendHtml(req, reply, 200, verifiedPage({ lang: req.lang, code: item.tracking_code, unitName: name, request: r.request, withdrawn: r.withdrawn, data: r.data }));
    }
    if (r.reason === 'not_found') return sendHtml(req, reply, 404, codeNotFoundPage(req.lang));
    const request = (await dataRequestOf(services, item.id, rid))!;
    const [status, issue]: [number, FieldIssue] =
      r.reason === 'wrong' ? [400, { key: 'citizen.verify_wrong', params: { n: r.attemptsLeft } }]
        : r.reason === 'locked' ? [429, { key: 'citizen.verify_locked' }]
          : r.reason === 'expired' ? [410, { key: 'citizen.verify_expired' }]
            : [409, { key: 'citizen.verify_not_pending' }];
    return sendHtml(req, reply, status, verifyPage({ lang: req.lang, code: item.tracking_code, unitName: name, request, issue }));
  });
}
