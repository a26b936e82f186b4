// The conferences API (docs/CONFERENCES.md): list, plan, one, edit, state, self check-in switch, publish, staff
// check-in, the paper batch handed out, drafts of its documents. Delegates, opinions and the provincial overview
// have their own modules.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { staffCheckIn } from '../../../commands/conferences/checkin.ts';
import { draftConferenceDocument } from '../../../commands/conferences/documents.ts';
import { linkPaperBatch } from '../../../commands/conferences/paper-batch.ts';
import { createConference, getConference, listConferences, updateConference } from '../../../commands/conferences/plan.ts';
import { changeConferenceState, publishConference, setCheckinOpen } from '../../../commands/conferences/state.ts';
import { errors } from '../../../core/errors.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { idOr404 } from '../units/schema.ts';
import { CheckinBody, CheckinOpenBody, DocumentParams, DocumentQuery, EditBody, ListQuery, PaperBatchBody, PlanBody, PublishBody, StateBody } from './schema.ts';

/** Registers the conference routes (the plan, its state, check-in, paper batch, documents). */
export function conferenceRoutes(app: FastifyInstance, services: AppServices, publicUrl: string | null = null) {
  app.get('/api/conferences', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(ListQuery, req.query);
    return listConferences(ctx, { unitId: q.unitId, year: q.year, state: q.state, limit: q.limit, offset: q.offset });
  });

  app.post('/api/conferences', async (req, reply) => {
    const ctx = requireActor(req, services);
    const r = await createConference(ctx, parseWith(PlanBody, req.body));
    void reply.status(201);
    return r;
  });

  app.get('/api/conferences/:id', async (req) => getConference(requireActor(req, services), idOr404(req.params)));

  app.patch('/api/conferences/:id', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    return updateConference(ctx, id, parseWith(EditBody, req.body));
  });

  app.post('/api/conferences/:id/state', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const b = parseWith(StateBody, req.body);
    return changeConferenceState(ctx, id, b.action, b.reason);
  });

  app.post('/api/conferences/:id/checkin-open', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    return setCheckinOpen(ctx, id, parseWith(CheckinOpenBody, req.body).open);
  });

  app.post('/api/conferences/:id/publish', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    return publishConference(ctx, id, parseWith(PublishBody, req.body).publicSummary);
  });

  app.post('/api/conferences/:id/checkin', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    return staffCheckIn(ctx, id, parseWith(CheckinBody, req.body));
  });

  app.post('/api/conferences/:id/paper-batch', async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    return linkPaperBatch(ctx, id, parseWith(PaperBatchBody, req.body).batchId);
  });

  app.post('/api/conferences/:id/documents/:kind', async (req, reply) => {
    const ctx = requireActor(req, services);
    const p = DocumentParams.safeParse(req.params);
    if (!p.success) throw errors.notFound();
    const q = parseWith(DocumentQuery, req.query);
    const baseUrl = publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const r = await draftConferenceDocument(ctx, p.data.id, p.data.kind, { delegateId: q.delegateId, baseUrl });
    void reply.status(201);
    return r;
  });
}
