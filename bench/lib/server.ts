// Starts the real server on 127.0.0.1 (port 0) with logging off: in a child process (default) or in
// this process (`--inproc`, for comparison; see README.md for why the child is the default).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/engine.ts';
import { AccessCache } from '../../src/db/access.ts';
import { SYSTEM_CONTEXT } from '../../src/db/repos/audit.ts';
import { buildApp } from '../../src/http/app.ts';
import { addBenchRoutes } from './bench-routes.ts';

export interface RunningServer {
  base: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  inproc?: boolean;
  /** Extra node flags for the child, e.g. ['--cpu-prof', '--cpu-prof-dir=prof']. */
  execArgv?: string[];
  /**
   * Fastify's trustProxy: the client address is taken from X-Forwarded-For, so a load generator on
   * 127.0.0.1 can look like many phones to the per-address limit of the public form.
   */
  trustProxy?: boolean;
}

export async function startServer(databaseUrl: string, opts: ServerOptions = {}): Promise<RunningServer> {
  if (opts.inproc) {
    const database = openDatabase(databaseUrl);
    const services = { database, access: new AccessCache(database), audit: SYSTEM_CONTEXT };
    const app = await buildApp({ config: { trustProxy: !!opts.trustProxy, logLevel: 'silent', webDist: '/nonexistent' }, services, logger: false });
    addBenchRoutes(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { base: `http://127.0.0.1:${port}`, stop: async () => { await app.close(); await database.close(); } };
  }
  const child = fork(fileURLToPath(new URL('./server-child.ts', import.meta.url)), [], {
    execArgv: [...process.execArgv, ...(opts.execArgv ?? [])],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_TRUST_PROXY: opts.trustProxy ? '1' : '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`benchmark server exited early (${code})`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send('stop');
      setTimeout(() => child.kill('SIGKILL'), 10000).unref();
    }),
  };
}
