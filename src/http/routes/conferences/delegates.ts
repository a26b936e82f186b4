// Delegates of a conference: list (no contact details), add, edit, remove, the contact (logged), the import
// (multipart `file`, or the file as the body: text/csv or XLSX) and its template.
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { delegateTemplateXlsx, importDelegates } from '../../../commands/conferences/delegate-import.ts';
import { addDelegate, delegateContact, editDelegate, listDelegates, removeDelegate } from '../../../commands/conferences/delegates.ts';
import { DELEGATE_IMPORT_MAX_BYTES } from '../../../core/conferences/delegate-rows.ts';
import { AppError, errors } from '../../../core/errors.ts';
import { XLSX_TYPE } from '../../content-types.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { idOr404 } from '../units/schema.ts';
import { DelegateBody, DelegateEditBody, DelegateParams, ImportQuery } from './schema.ts';

const MULTIPART_LIMITS = { fileSize: DELEGATE_IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, fieldNameSize: 64, parts: 8, headerPairs: 100 };

function delegateParams(params: unknown) {
  const r = DelegateParams.safeParse(params);
  if (!r.success) throw errors.notFound();
  return r.data;
}

/** The uploaded file: the multipart part named `file`, or the raw body (CSV text or XLSX bytes). */
async function uploaded(req: FastifyRequest): Promise<{ data: Buffer | string; filename: string | null }> {
  if (!req.isMultipart()) {
    if (Buffer.isBuffer(req.body) || typeof req.body === 'string') return { data: req.body, filename: null };
    throw errors.field('file', 'validation.required');
  }
  let found: { data: Buffer; filename: string | null } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file' && !found) found = { data: bytes, filename: part.filename ? part.filename.slice(0, 200) : null };
    }
  } catch (e) {
    const code = (e as FastifyError).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('payload_too_large');
    throw new AppError('bad_request');
  }
  if (!found || found.data.length === 0) throw errors.field('file', 'validation.required');
  return found;
}

/** Registers the delegate routes, the import (with multipart in its own scope) and the template. */
export function conferenceDelegateRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/conferences/delegates-template.xlsx', async (req, reply) => {
    requireActor(req, services);
    void reply.header('content-type', XLSX_TYPE).header('content-disposition', 'attachment; filename="dai-bieu-hoi-nghi.xlsx"');
    return reply.send(await delegateTemplateXlsx());
  });

  app.get('/api/conferences/:id/delegates', async (req) => listDelegates(requireActor(req, services), idOr404(req.params)));

  app.post('/api/conferences/:id/delegates', async (req, reply) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const r = await addDelegate(ctx, id, parseWith(DelegateBody, req.body));
    void reply.status(201);
    return r;
  });

  app.patch('/api/conferences/:id/delegates/:delegateId', async (req) => {
    const ctx = requireActor(req, services);
    const p = delegateParams(req.params);
    return editDelegate(ctx, p.id, p.delegateId, parseWith(DelegateEditBody, req.body));
  });

  app.delete('/api/conferences/:id/delegates/:delegateId', async (req) => {
    const ctx = requireActor(req, services);
    const p = delegateParams(req.params);
    return removeDelegate(ctx, p.id, p.delegateId);
  });

  app.get('/api/conferences/:id/delegates/:delegateId/contact', async (req) => {
    const ctx = requireActor(req, services);
    const p = delegateParams(req.params);
    return delegateContact(ctx, p.id, p.delegateId);
  });

  // Multipart is registered for this route only (its own limits); the raw CSV/XLSX parsers come from app.ts.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });
    scope.post('/api/conferences/:id/delegates/import', { bodyLimit: DELEGATE_IMPORT_MAX_BYTES }, async (req, reply) => {
      const ctx = requireActor(req, services);
      const id = idOr404(req.params);
      const q = parseWith(ImportQuery, req.query);
      const file = await uploaded(req);
      const r = await importDelegates(ctx, id, { data: file.data, filename: file.filename ?? q.filename ?? null, dryRun: q.dryRun ?? false });
      void reply.status(r.dryRun ? 200 : 201);
      return r;
    });
  });
}
