// The audit browser: admins and leaders see the events of units in their scope, newest first.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { dateVN } from '../../../core/dates.ts';
import { errors } from '../../../core/errors.ts';
import { auditPolicy } from '../../../core/policy/audit.ts';
import { listAudit } from '../../../db/repos/audit.ts';
import { parseWith } from '../../validate.ts';
import { Id } from '../units/schema.ts';
import { requireActor } from '../../plugins/auth.ts';

const Query = z.object({
  before: z.coerce.number().pipe(Id).optional(),
  action: z.string().max(60).optional(),
  entityType: z.string().max(40).optional(),
  actor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang: z.string().optional(),
});

export function auditRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/audit', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(Query, req.query);
    const unitIds = auditPolicy.unitIds(ctx.actor, 'read');
    if (!unitIds.length) throw errors.forbidden();
    const graph = await services.access.unitGraph(ctx.revision);
    const rows = await listAudit(services.database.db, {
      unitIds, includeUnitless: ctx.actor.rootAdmin, action: q.action, entityType: q.entityType, actor: q.actor?.toLowerCase(),
      beforeId: q.before, limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    return {
      events: page.map((e) => ({
        id: e.id, at: e.at, actor: e.actor_username, unitId: e.unit_id,
        unitName: e.unit_id === null ? null : graph.structuralVersion(e.unit_id, dateVN(e.at))?.name ?? null,
        action: e.action, entityType: e.entity_type, entityId: e.entity_id,
        before: e.before_json ? JSON.parse(e.before_json) : null, after: e.after_json ? JSON.parse(e.after_json) : null,
        ip: e.ip, userAgent: e.user_agent, hash: e.hash,
      })),
      nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
    };
  });
}
