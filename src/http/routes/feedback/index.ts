// The feedback register (staff API): list, officer entry, one item, contact (logged), steps, classification,
// notes, splitting, suggestions, attachments, per-unit figures.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { actOnItem, itemInScope } from '../../../commands/feedback/handle.ts';
import { addNote, classifyItem, splitItem } from '../../../commands/feedback/edit.ts';
import { receiveFeedback } from '../../../commands/feedback/intake.ts';
import { itemContact, itemDetail, listRegister, registerStats } from '../../../commands/feedback/register.ts';
import { campaignComments, copyCommentToRegister } from '../../../commands/feedback/from-survey.ts';
import { itemSuggestions } from '../../../commands/feedback/suggestions.ts';
import { addStaffFile, removeStaffFile, STAFF_FILE_MAX_BYTES } from '../../../commands/feedback/attachments.ts';
import { todayVN } from '../../../core/dates.ts';
import type { TreeNode } from '../../../core/units/graph.ts';
import { errors } from '../../../core/errors.ts';
import { parseWith } from '../../validate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { idOr404 } from '../units/schema.ts';
import { ActionBody, AttachmentParams, ClassifyBody, CommentsQuery, CopyCommentBody, ListQuery, NoteBody, OfficerEntryBody, SplitBody, StaffFileQuery, StatsQuery } from './schema.ts';

export function feedbackRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/feedback', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(ListQuery, req.query);
    return listRegister(ctx, {
      unitId: q.unitId, states: q.state === undefined ? undefined : Array.isArray(q.state) ? q.state : [q.state], open: q.open,
      overdue: q.overdue, dueSoon: q.dueSoon, kind: q.kind, topicCode: q.topicCode, channel: q.channel, assignedToMe: q.mine,
      rereview: q.rereview, year: q.year, q: q.q, sort: q.sort, offset: q.offset, limit: q.limit,
    });
  });

  app.post('/api/feedback', async (req, reply) => {
    const ctx = requireActor(req, services);
    const body = parseWith(OfficerEntryBody, req.body);
    const r = await receiveFeedback(ctx, { ...body, source: body.source ?? null });
    void reply.status(201);
    return r;
  });

  app.get('/api/feedback/:id', async (req) => itemDetail(requireActor(req, services), idOr404(req.params)));

  app.get('/api/feedback/:id/contact', async (req) => itemContact(requireActor(req, services), idOr404(req.params)));

  app.get('/api/feedback/:id/suggestions', async (req) => itemSuggestions(requireActor(req, services), idOr404(req.params)));

  app.post('/api/feedback/:id/actions', async (req) => {
    const ctx = requireActor(req, services);
    return actOnItem(ctx, idOr404(req.params), parseWith(ActionBody, req.body));
  });

  app.patch('/api/feedback/:id', async (req) => {
    const ctx = requireActor(req, services);
    return classifyItem(ctx, idOr404(req.params), parseWith(ClassifyBody, req.body));
  });

  app.post('/api/feedback/:id/notes', async (req, reply) => {
    const ctx = requireActor(req, services);
    const r = await addNote(ctx, idOr404(req.params), parseWith(NoteBody, req.body).note);
    void reply.status(201);
    return r;
  });

  app.post('/api/feedback/:id/split', async (req, reply) => {
    const ctx = requireActor(req, services);
    const r = await splitItem(ctx, idOr404(req.params), parseWith(SplitBody, req.body).parts);
    void reply.status(201);
    return r;
  });

  app.get('/api/feedback/:id/attachments/:attachmentId', async (req, reply) => {
    const ctx = requireActor(req, services);
    const p = AttachmentParams.safeParse(req.params);
    if (!p.success) throw errors.notFound();
    const item = await itemInScope(ctx, p.data.id);
    const a = await services.database.db.selectFrom('feedback_attachments').select(['mime', 'content', 'filename'])
      .where('id', '=', p.data.attachmentId).where('item_id', '=', item.id).executeTakeFirst();
    if (!a) throw errors.notFound();
    void reply.header('content-type', a.mime).header('cache-control', 'private, max-age=3600')
      .header('content-disposition', `inline; filename="attachment-${p.data.attachmentId}.${a.mime === 'image/jpeg' ? 'jpg' : a.mime === 'application/pdf' ? 'pdf' : 'bin'}"`);
    return reply.send(a.content);
  });

  // Staff files: the body is the file itself (application/pdf or an image); ?filename=&public=1 (sent with the answer).
  app.post('/api/feedback/:id/attachments', { bodyLimit: STAFF_FILE_MAX_BYTES + 1024 * 1024 }, async (req, reply) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const q = parseWith(StaffFileQuery, req.query);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw errors.field('file', 'validation.required');
    const file = await addStaffFile(ctx, id, { bytes: req.body, filename: q.filename ?? null, public: q.public === '1' || q.public === 'true' });
    void reply.status(201);
    return file;
  });

  app.delete('/api/feedback/:id/attachments/:attachmentId', async (req, reply) => {
    const ctx = requireActor(req, services);
    const p = AttachmentParams.safeParse(req.params);
    if (!p.success) throw errors.notFound();
    await removeStaffFile(ctx, p.data.id, p.data.attachmentId);
    return reply.status(204).send();
  });

  app.get('/api/feedback-stats', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(StatsQuery, req.query);
    return registerStats(ctx, q.unitId, q.year ?? Number(todayVN().slice(0, 4)));
  });


  // Survey comments: read them, and copy one that asks for action into the register (issue 3 meets issue 4).
  app.get('/api/campaigns/:id/comments', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(CommentsQuery, req.query);
    return campaignComments(ctx, idOr404(req.params), q);
  });

  app.post('/api/campaigns/:id/comments/copy', async (req, reply) => {
    const ctx = requireActor(req, services);
    const b = parseWith(CopyCommentBody, req.body);
    const r = await copyCommentToRegister(ctx, idOr404(req.params), b.responseId, b.questionId);
    void reply.status(r.created ? 201 : 200);
    return r;
  });

  // Where an item can be forwarded: every police unit that exists today (names of units are public; a commune
  // officer must be able to hand a matter to the neighbouring commune, outside their own scope).
  app.get('/api/feedback-forward-targets', async (req) => {
    requireActor(req, services);
    const graph = await services.access.unitGraph();
    const strip = (nodes: TreeNode[]): unknown[] => nodes.map((n) => ({ ...n, children: strip(n.children) }));
    return { roots: strip(graph.treeAsOf(todayVN())) };
  });
}
