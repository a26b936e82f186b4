// Importing a register from CSV (text/csv) or XLSX: POST /api/feedback-imports?unitId=..[&dryRun=1][&filename=..].
// A dry run checks every row and answers a preview; errors answer 400 csv_invalid with {line, field, message} rows.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { importFeedback } from '../../../commands/feedback/import.ts';
import { errors } from '../../../core/errors.ts';
import { FEEDBACK_IMPORT_MAX_BYTES } from '../../../core/feedback/import-rows.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { Id } from '../units/schema.ts';

const ImportQuery = z.object({
  unitId: z.coerce.number().pipe(Id),
  dryRun: z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  filename: z.string().max(200).optional(),
  lang: z.string().optional(),
}).strict();

export function feedbackImportRoutes(app: FastifyInstance, services: AppServices) {
  app.post('/api/feedback-imports', { bodyLimit: FEEDBACK_IMPORT_MAX_BYTES }, async (req, reply) => {
    const ctx = requireActor(req, services);
    const q = parseWith(ImportQuery, req.query);
    if (!Buffer.isBuffer(req.body) && typeof req.body !== 'string') throw errors.field('file', 'import.unreadable');
    const r = await importFeedback(ctx, { unitId: q.unitId, data: req.body, filename: q.filename ?? null, dryRun: q.dryRun ?? false });
    void reply.status(r.dryRun ? 200 : 201);
    return r;
  });
}
