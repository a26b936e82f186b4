// The real app, in-process, on a fresh copy of the seeded demo database — on the run's first engine, so
// CI's pass with DATABASE_URL=postgres runs the journeys on PostgreSQL — listening on a free port.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Db, type Engine } from '../../src/db/engine.ts';
import { AccessCache } from '../../src/db/access.ts';
import { SYSTEM_CONTEXT } from '../../src/db/repos/audit.ts';
import { buildApp } from '../../src/http/app.ts';
import type { CommandContext } from '../../src/commands/context.ts';
import { freshDatabase, testEngines } from '../../test/helpers/engines.ts';

export interface E2EServer {
  engine: Engine;
  /** http://127.0.0.1:PORT */
  origin: string;
  database: Db;
  services: CommandContext;
  close(): Promise<void>;
}

export async function startServer(): Promise<E2EServer> {
  const engine = testEngines()[0];
  if (!engine) throw new Error('no test engine: the global setup did not run');
  const fresh = await freshDatabase(engine, 'demo');
  const database = openDatabase(fresh.url, { poolSize: 4 });
  const services: CommandContext = { database, access: new AccessCache(database), audit: SYSTEM_CONTEXT };
  const app: FastifyInstance = await buildApp({
    config: { trustProxy: false, logLevel: 'silent', webDist: path.resolve('web/dist') },
    services,
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('server has no port');
  return {
    engine,
    origin: `http://127.0.0.1:${address.port}`,
    database,
    services,
    close: async () => {
      await app.close();
      await database.close();
      await fresh.drop();
    },
  };
}
