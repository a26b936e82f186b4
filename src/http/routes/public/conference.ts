// The conference's citizen pages (server-rendered, no JavaScript needed):
//   GET  /hn/:code                   the published summary (404 page until a leader publishes it)
//   GET  /hn/:code/anh/:photoId.jpg  a photo marked public
//   GET  /hn/:code/diem-danh         walk-in self check-in form (the QR code on the screen in the hall)
//   POST /hn/:code/diem-danh         checks the walk-in delegate in
//   GET  /hn/d/:token                a delegate's personal check-in (the QR code on the invitation)
//   POST /hn/d/:token                checks that delegate in
// Check-in works only while staff have it open and on the conference day (Vietnam time).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { selfCheckIn, walkInCheckIn } from '../../../commands/conferences/checkin.ts';
import { checkinConference, delegateCheckin, publicConference, publicPhoto } from '../../../commands/conferences/public.ts';
import { AppError, type FieldIssue } from '../../../core/errors.ts';
import { t } from '../../../i18n/index.ts';
import { checkedInPage, personalCheckinPage, summaryPage, walkInPage } from '../../pages/conference-pages.ts';
import { messagePage } from '../../pages/feedback-pages.ts';
import { sendHtml } from '../../pages/send.ts';
import { parseWith } from '../../validate.ts';
import { ClientLimit } from './rate-window.ts';
import { sendSlowDown as tooMany } from './slow-down.ts';

const TEN_MIN = 10 * 60_000;

const WalkIn = z.object({
  fullName: z.string().trim().min(1).max(200),
  title: z.string().trim().max(200).optional(),
  village: z.string().trim().max(200).optional(),
});

const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : undefined);

export function publicConferenceRoutes(app: FastifyInstance, services: AppServices) {
  const views = new ClientLimit(TEN_MIN, 300);
  const posts = new ClientLimit(TEN_MIN, 30);

  const auditOf = (req: FastifyRequest) => ({ actor: null, ip: req.ip, userAgent: str(req.headers['user-agent']) ?? null });
  const notFound = (req: FastifyRequest, reply: FastifyReply) =>
    sendHtml(req, reply, 404, messagePage(req.lang, t(req.lang, 'conf.public.not_found_title'), t(req.lang, 'conf.public.not_found'), { noindex: true }));
  const code = (params: unknown) => String((params as { code?: unknown }).code ?? '').toUpperCase();

  app.get('/hn/:code', async (req, reply) => {
    const wait = views.hit(req.ip);
    if (wait) return tooMany(req, reply, wait);
    const c = await publicConference(services, code(req.params));
    if (!c) return notFound(req, reply);
    return sendHtml(req, reply, 200, summaryPage(req.lang, c), { cache: 'public, max-age=300', vary: 'accept-language' });
  });

  app.get('/hn/:code/anh/:photoId.jpg', async (req, reply) => {
    const id = Number((req.params as { photoId?: string }).photoId);
    const bytes = Number.isSafeInteger(id) && id > 0 ? await publicPhoto(services, code(req.params), id) : null;
    if (!bytes) return notFound(req, reply);
    return reply.header('content-type', 'image/jpeg').header('cache-control', 'public, max-age=86400').send(bytes);
  });

  app.get('/hn/:code/diem-danh', async (req, reply) => {
    const wait = views.hit(req.ip);
    if (wait) return tooMany(req, reply, wait);
    const c = await checkinConference(services, code(req.params));
    if (!c) return notFound(req, reply);
    return sendHtml(req, reply, 200, walkInPage(req.lang, c));
  });

  app.post('/hn/:code/diem-danh', async (req, reply) => {
    const wait = posts.hit(req.ip);
    if (wait) return tooMany(req, reply, wait);
    const c = await checkinConference(services, code(req.params));
    if (!c) return notFound(req, reply);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { fullName: str(body.fullName), title: str(body.title), village: str(body.village) };
    try {
      const data = parseWith(WalkIn, values);
      const r = await walkInCheckIn({ ...services, audit: auditOf(req) }, c.code, {
        fullName: data.fullName, title: data.title || null, organisation: null, village: data.village || null,
      });
      return sendHtml(req, reply, 200, checkedInPage(req.lang, c, r.already ? null : r.checkedInAt));
    } catch (e) {
      if (e instanceof AppError && e.fields) return sendHtml(req, reply, 400, walkInPage(req.lang, c, values, e.fields as Record<string, FieldIssue>));
      if (e instanceof AppError && e.status < 500) return sendHtml(req, reply, 409, walkInPage(req.lang, { ...c, open: false }));
      throw e;
    }
  });

  app.get('/hn/d/:token', async (req, reply) => {
    const wait = views.hit(req.ip);
    if (wait) return tooMany(req, reply, wait);
    const token = String((req.params as { token?: unknown }).token ?? '');
    const d = await delegateCheckin(services, token);
    if (!d) return notFound(req, reply);
    return sendHtml(req, reply, 200, personalCheckinPage(req.lang, d.conference, token, d.checkedInAt), { noReferrer: true });
  });

  app.post('/hn/d/:token', async (req, reply) => {
    const wait = posts.hit(req.ip);
    if (wait) return tooMany(req, reply, wait);
    const token = String((req.params as { token?: unknown }).token ?? '');
    const d = await delegateCheckin(services, token);
    if (!d) return notFound(req, reply);
    try {
      const r = await selfCheckIn({ ...services, audit: auditOf(req) }, token);
      return sendHtml(req, reply, 200, checkedInPage(req.lang, d.conference, r.already ? null : r.checkedInAt), { noReferrer: true });
    } catch (e) {
      if (e instanceof AppError && e.status < 500) {
        return sendHtml(req, reply, 409, personalCheckinPage(req.lang, { ...d.conference, open: false }, token, d.checkedInAt), { noReferrer: true });
      }
      throw e;
    }
  });
}
