// Opinions raised at a conference: live capture (each one a register item), the list, the follow-up.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { conferenceOpinionFollowUp } from '../../../commands/conferences/follow-up.ts';
import { captureOpinion, listOpinions } from '../../../commands/conferences/opinions.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { idOr404 } from '../units/schema.ts';
import { OpinionBody } from './schema.ts';

/** Registers live capture, the opinion list and the follow-up. */
export function conferenceOpinionRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/conferences/:id/opinions', async (req) => listOpinions(requireActor(req, services), idOr404(req.params)));

  app.post('/api/conferences/:id/opinions', async (req, reply) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const r = await captureOpinion(ctx, id, parseWith(OpinionBody, req.body));
    void reply.status(201);
    return r;
  });

  app.get('/api/conferences/:id/follow-up', async (req) => conferenceOpinionFollowUp(requireActor(req, services), idOr404(req.params)));
}
