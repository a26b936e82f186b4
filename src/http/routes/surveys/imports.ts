// Response imports: upload -> suggested mapping -> check -> run (all or nothing) -> progress.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { checkImport, importStatus, runImport, uploadImport } from '../../../commands/surveys/imports.ts';
import { errors } from '../../../core/errors.ts';
import { t } from '../../../i18n/index.ts';
import { parseWith } from '../../validate.ts';
import { requireActor } from '../../plugins/auth.ts';
import { Id, idOr404 } from '../units/schema.ts';

export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
const UploadQuery = z.object({ unitId: z.coerce.number().pipe(Id), filename: z.string().max(200).optional(), lang: z.string().optional() });
const Mapping = z.object({
  columns: z.record(z.string().max(300), z.string().max(40)),
  values: z.record(z.string().max(40), z.record(z.string().max(300), z.string().max(20))).default({}),
}).strict();


export function importRoutes(app: FastifyInstance, services: AppServices) {
  app.post('/api/campaigns/:id/imports', { bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
    const ctx = requireActor(req, services);
    const q = parseWith(UploadQuery, req.query);
    if (!Buffer.isBuffer(req.body) && typeof req.body !== 'string') throw errors.field('file', 'import.unreadable');
    const r = await uploadImport(ctx, idOr404(req.params), q.unitId, q.filename ?? null, req.body);
    void reply.status(201);
    return r;
  });

  app.post('/api/imports/:id/check', async (req) => {
    const ctx = requireActor(req, services);
    const r = await checkImport(ctx, idOr404(req.params), parseWith(Mapping, req.body));
    return { total: r.total, valid: r.valid, rows: r.issues.slice(0, 200).map((i) => ({ line: i.line, field: i.field, message: t(req.lang, i.key, i.params) })), more: Math.max(0, r.issues.length - 200) };
  });

  app.post('/api/imports/:id/run', async (req) => {
    const ctx = requireActor(req, services);
    return runImport(ctx, idOr404(req.params), parseWith(Mapping, req.body));
  });

  app.get('/api/imports/:id', async (req) => {
    const ctx = requireActor(req, services);
    return importStatus(ctx, idOr404(req.params));
  });
}
