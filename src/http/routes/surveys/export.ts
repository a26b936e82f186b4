// Downloads of a campaign's responses (anonymous) for the focus unit and the participants below it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { resolveFocus } from '../../../commands/surveys/results.ts';
import { exportCsv, exportJson, exportXlsx, type ExportContext } from '../../../commands/surveys/export.ts';
import { criteriaOf } from '../../../core/surveys/results.ts';
import { errors } from '../../../core/errors.ts';
import { resultRows } from '../../../db/repos/surveys.ts';
import { inTx } from '../../../db/tx.ts';
import { appendAudit } from '../../../db/repos/audit.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { XLSX_TYPE } from '../../content-types.ts';
import { Id, IdParam } from '../units/schema.ts';

const Query = z.object({ unit: z.coerce.number().pipe(Id).optional(), lang: z.string().optional() });
const TYPES = { xlsx: XLSX_TYPE, csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const;

export function exportRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/campaigns/:id/export.:format', async (req, reply) => {
    const ctx = requireActor(req, services);
    const { format } = req.params as { format: string };
    const id = IdParam.safeParse(req.params);
    if (!id.success || !(format in TYPES)) throw errors.notFound();
    const q = parseWith(Query, req.query);
    const f = await resolveFocus(services, ctx.actor, id.data.id, q.unit);
    const unitIds = [...f.inFocus];
    const rows = await resultRows(services.database.db, f.campaign.id, unitIds);
    const exportCtx: ExportContext = {
      q: services.database.db, campaignId: f.campaign.id, unitIds, form: f.form,
      unitNames: new Map(unitIds.map((u) => [u, f.nameOf(u)])), summary: criteriaOf(f.form, rows.counts, f.inFocus),
    };
    // Taking the answers out of the system is recorded, like a change.
    await inTx(services.database, (trx, engine) => appendAudit(trx, engine, ctx.audit, {
      action: 'campaign.export', entityType: 'campaign', entityId: f.campaign.id, unitId: f.focus, after: { format, units: unitIds.length },
    }));
    const stream = format === 'xlsx' ? exportXlsx(exportCtx) : format === 'csv' ? exportCsv(exportCtx) : exportJson(exportCtx);
    return reply.type(TYPES[format as keyof typeof TYPES])
      .header('content-disposition', `attachment; filename="ket-qua-${f.campaign.period}-${f.focus}.${format}"`)
      .send(stream);
  });
}
