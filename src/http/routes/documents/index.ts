// Official documents (staff API, docs/CONFERENCES.md "Official documents"): the unit's header, drafts (edit,
// unnumbered previews, issue) and issued documents with their stored DOCX and PDF.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { getDraft, listDrafts, previewDraft, updateDraft } from '../../../commands/documents/drafts.ts';
import { getHeader, updateHeader } from '../../../commands/documents/headers.ts';
import { getIssued, issueDraft, issuedFile, listIssued } from '../../../commands/documents/issue.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { idOr404 } from '../units/schema.ts';
import { DOCX_TYPE, DRAFT_BODY_LIMIT, DraftEditSchema, DraftsQuery, HeaderBody, IssuedQuery, fileParam } from './schema.ts';

function sendFile(reply: FastifyReply, f: { body: Buffer; fileName: string }, format: 'docx' | 'pdf', inline: boolean) {
  return reply.type(format === 'docx' ? DOCX_TYPE : 'application/pdf').header('cache-control', 'private, no-store')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${f.fileName}"`).send(f.body);
}

/** Registers the documents API: header, drafts (edit, previews, issue), issued documents and their files. */
export function documentRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/documents/header/:id', async (req) => getHeader(requireActor(req, services), idOr404(req.params)));

  app.put('/api/documents/header/:id', async (req) => {
    const ctx = requireActor(req, services);
    const unitId = idOr404(req.params);
    return updateHeader(ctx, unitId, parseWith(HeaderBody, req.body));
  });

  app.get('/api/documents/drafts', async (req) => {
    const q = parseWith(DraftsQuery, req.query);
    return listDrafts(requireActor(req, services), { unitId: q.unitId, entityType: q.entityType, entityId: q.entityId, limit: q.limit ?? 50 });
  });

  app.get('/api/documents/drafts/:id', async (req) => getDraft(requireActor(req, services), idOr404(req.params)));

  app.put('/api/documents/drafts/:id', { bodyLimit: DRAFT_BODY_LIMIT }, async (req) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    return updateDraft(ctx, id, parseWith(DraftEditSchema, req.body));
  });

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/api/documents/drafts/:id/preview.${format}`, async (req, reply) => {
      const ctx = requireActor(req, services);
      return sendFile(reply, await previewDraft(ctx, idOr404(req.params), format), format, format === 'pdf');
    });
  }

  app.post('/api/documents/drafts/:id/issue', async (req) => issueDraft(requireActor(req, services), idOr404(req.params)));

  app.get('/api/documents', async (req) => {
    const q = parseWith(IssuedQuery, req.query);
    return listIssued(requireActor(req, services), { unitId: q.unitId, type: q.type, year: q.year, limit: q.limit ?? 50, offset: q.offset ?? 0 });
  });

  // "/api/documents/12" (metadata), "/api/documents/12.docx", "/api/documents/12.pdf" (the stored files).
  app.get('/api/documents/:file', async (req, reply) => {
    const ctx = requireActor(req, services);
    const { id, format } = fileParam(req.params);
    if (!format) return getIssued(ctx, id);
    return sendFile(reply, await issuedFile(ctx, id, format), format, false);
  });
}
