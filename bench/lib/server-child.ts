// The server under load, in its own process so the load generator does not compete with it for a
// core inside one event loop. Started by lib/server.ts through fork(); answers {port} over IPC and
// closes on 'stop' (so --cpu-prof can write its profile).
import { openDatabase } from '../../src/db/engine.ts';
import { AccessCache } from '../../src/db/access.ts';
import { SYSTEM_CONTEXT } from '../../src/db/repos/audit.ts';
import { buildApp } from '../../src/http/app.ts';
import { addBenchRoutes } from './bench-routes.ts';

const url = process.env.BENCH_DATABASE_URL!;
const trustProxy = process.env.BENCH_TRUST_PROXY === '1';
const database = openDatabase(url);
const services = { database, access: new AccessCache(database), audit: SYSTEM_CONTEXT };
const app = await buildApp({ config: { trustProxy, logLevel: 'silent', webDist: '/nonexistent' }, services, logger: false });
addBenchRoutes(app);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (m) => {
  if (m !== 'stop') return;
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
