// Partner API keys for the Open311 intake (configure right): create (the key is shown once), list, deactivate.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { createPartner, deactivatePartner, listPartners } from '../../../commands/feedback/partners.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { Id, idOr404 } from '../units/schema.ts';

const CreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  unitId: Id,
}).strict();

const ListQuery = z.object({
  unitId: z.coerce.number().pipe(Id).optional(),
  lang: z.string().optional(),
}).strict();

export function partnerRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/feedback-partners', async (req) => {
    const ctx = requireActor(req, services);
    return listPartners(ctx, parseWith(ListQuery, req.query).unitId);
  });

  app.post('/api/feedback-partners', async (req, reply) => {
    const ctx = requireActor(req, services);
    const r = await createPartner(ctx, parseWith(CreateBody, req.body));
    void reply.status(201).header('cache-control', 'no-store');
    return r;
  });

  app.post('/api/feedback-partners/:id/deactivate', async (req) => {
    const ctx = requireActor(req, services);
    return deactivatePartner(ctx, idOr404(req.params));
  });
}
