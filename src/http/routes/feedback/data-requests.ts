// Data-subject requests (staff API): the verified requests of units in scope with their due dates, one request
// with the data held (a logged view of personal data), and answering it — see, correct, delete (anonymise),
// restrict, object, or refuse with a reason. Only roles with the `contact` right (leaders, officers).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { completeDataRequest, dataRequestDetail, listDataRequests } from '../../../commands/feedback/data-request-answers.ts';
import { parseWith } from '../../validate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { Id, idOr404 } from '../units/schema.ts';

const STATES = ['unverified', 'open', 'done', 'refused'] as const;

export const DataRequestQuery = z.object({
  state: z.enum(STATES).optional(),
  unitId: z.coerce.number().pipe(Id).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  lang: z.string().optional(),
}).strict();

const optText = (max: number) => z.string().max(max).nullable().optional();

export const CompleteBody = z.object({
  answer: optText(4000),
  refuse: z.boolean().optional(),
  corrections: z.object({
    fullName: optText(200),
    phone: z.string().trim().regex(/^([+0-9 .()-]{6,20})?$/, { message: 'key:validation.phone' }).nullable().optional(),
    email: z.union([z.email().max(200), z.literal('')]).nullable().optional(),
    address: optText(300),
  }).strict().nullable().optional(),
}).strict();

export function dataRequestRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/feedback-data-requests', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(DataRequestQuery, req.query);
    return listDataRequests(ctx, { state: q.state, unitId: q.unitId, offset: q.offset, limit: q.limit });
  });

  app.get('/api/feedback-data-requests/:id', async (req) => dataRequestDetail(requireActor(req, services), idOr404(req.params)));

  app.post('/api/feedback-data-requests/:id/complete', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    return completeDataRequest(ctx, id, parseWith(CompleteBody, req.body));
  });
}
