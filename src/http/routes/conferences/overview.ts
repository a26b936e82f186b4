// The provincial view of a year's conferences per commune or ward.
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../../../commands/context.ts';
import { conferenceOverview } from '../../../commands/conferences/overview.ts';
import { todayVN } from '../../../core/dates.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { OverviewQuery } from './schema.ts';

/** Registers the provincial overview. */
export function conferenceOverviewRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/conferences/overview', async (req) => {
    const ctx = requireActor(req, services);
    const q = parseWith(OverviewQuery, req.query);
    return conferenceOverview(ctx, q.unitId, q.year ?? Number(todayVN().slice(0, 4)));
  });
}
