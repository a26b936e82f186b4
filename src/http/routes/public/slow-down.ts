// The answer to a client over a public page's limit (rate-window.ts): 429, Retry-After with the seconds left of its
// window, and a page asking to slow down. Never cached, never indexed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../../i18n/index.ts';
import { messagePage } from '../../pages/feedback-pages.ts';
import { sendHtml } from '../../pages/send.ts';

export function sendSlowDown(req: FastifyRequest, reply: FastifyReply, waitS: number) {
  return sendHtml(req, reply.header('retry-after', String(waitS)), 429,
    messagePage(req.lang, t(req.lang, 'citizen.slow_down_title'), t(req.lang, 'citizen.slow_down'), { noindex: true }));
}
