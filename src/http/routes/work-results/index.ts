// Work results (kết quả công tác): the indicator list, a unit's figures for a period beside the previous year,
// entry by hand and import from a spreadsheet. Thin: parse -> command (scope, transaction, audit) -> answer.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { createIndicator, listIndicators, updateIndicator } from '../../../commands/work-results/indicators.ts';
import { importWorkResults } from '../../../commands/work-results/import.ts';
import { readWorkResults } from '../../../commands/work-results/read.ts';
import { saveWorkResults } from '../../../commands/work-results/save.ts';
import { errors } from '../../../core/errors.ts';
import { WORK_IMPORT_MAX_BYTES } from '../../../core/work-results/import-rows.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { idOr404 } from '../units/schema.ts';
import { ImportQuery, IndicatorBody, IndicatorListQuery, IndicatorPatch, ReadQuery, SaveBody } from './schema.ts';

/** Registers /api/work-results routes. */
export function workResultsRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/work-results/indicators', async (req) => {
    const q = parseWith(IndicatorListQuery, req.query);
    return listIndicators(requireActor(req, services), q.all === '1');
  });

  app.post('/api/work-results/indicators', async (req, reply) => {
    const r = await createIndicator(requireActor(req, services), parseWith(IndicatorBody, req.body));
    void reply.status(201);
    return r;
  });

  app.patch('/api/work-results/indicators/:id', async (req) => {
    const ctx = requireActor(req, services);
    return updateIndicator(ctx, idOr404(req.params), parseWith(IndicatorPatch, req.body));
  });

  app.get('/api/work-results', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(ReadQuery, req.query);
    return readWorkResults(ctx, q.unitId, q.period, req.lang);
  });

  app.put('/api/work-results', async (req) => {
    const ctx = requireActor(req, services);
    return saveWorkResults(ctx, parseWith(SaveBody, req.body));
  });

  app.post('/api/work-results/import', { bodyLimit: WORK_IMPORT_MAX_BYTES }, async (req, reply) => {
    const ctx = requireActor(req, services);
    const q = parseWith(ImportQuery, req.query);
    if (!Buffer.isBuffer(req.body) && typeof req.body !== 'string') throw errors.field('file', 'import.unreadable');
    const r = await importWorkResults(ctx, { data: req.body, filename: q.filename ?? null, dryRun: q.dryRun ?? false, lang: req.lang });
    void reply.status(r.dryRun ? 200 : 201);
    return r;
  });
}
