// The conference follow-up (staff API): the opinions raised at a unit's conferences in a year with what was done,
// as JSON for the console and as a draft BÁO CÁO (official layout, number and signature left for the unit head)
// to read out at the next year's conference. Scoped like the register: a unit outside the reader's scope is 404.
//   GET /api/feedback-report/conference?unitId=&year=        (year: last year when omitted)
//   GET /api/feedback-report/conference.pdf?unitId=&year=
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { conferenceFollowUp } from '../../../commands/feedback/report-back.ts';
import { todayVN } from '../../../core/dates.ts';
import { renderConferencePdf } from '../../../documents/report-back/render.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { Id } from '../units/schema.ts';

export const ConferenceQuery = z.object({
  unitId: z.coerce.number().pipe(Id),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  lang: z.string().optional(),
}).strict();

export function feedbackReportRoutes(app: FastifyInstance, services: AppServices) {
  const lastYear = () => Number(todayVN().slice(0, 4)) - 1;

  app.get('/api/feedback-report/conference', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(ConferenceQuery, req.query);
    return conferenceFollowUp(ctx, q.unitId, q.year ?? lastYear());
  });

  app.get('/api/feedback-report/conference.pdf', async (req, reply) => {
    const ctx = requireActor(req, services);
    const q = parseWith(ConferenceQuery, req.query);
    const report = await conferenceFollowUp(ctx, q.unitId, q.year ?? lastYear());
    const pdf = await renderConferencePdf(report, todayVN());
    return reply.type('application/pdf').header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="bao-cao-hoi-nghi-${report.unit.code.toLowerCase()}-${report.year}.pdf"`).send(pdf);
  });
}
