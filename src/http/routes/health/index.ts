// Liveness (the process answers) and readiness (the database answers and we are not shutting down).
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppServices } from '../../../commands/context.ts';

export interface Lifecycle {
  shuttingDown: boolean;
}

export function healthRoutes(app: FastifyInstance, services: AppServices, lifecycle: Lifecycle) {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    if (lifecycle.shuttingDown) return reply.status(503).send({ status: 'shutting_down' });
    try {
      await sql`select 1`.execute(services.database.db);
      return { status: 'ready', engine: services.database.engine };
    } catch {
      return reply.status(503).send({ status: 'database_unavailable' });
    }
  });

  // The benchmark baseline: the same plugins and hooks, no session, no database.
  app.get('/api/hello', { config: { public: true } }, async () => ({ hello: 'xin chào' }));
}
