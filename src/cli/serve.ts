// `langnghe start`: migrate, seed the demo into an empty database, build the console if needed, serve,
// and shut down gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the database).
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../http/app.ts';
import type { Lifecycle } from '../http/routes/health/index.ts';
import { isEmpty, seedDemo } from '../seed/index.ts';
import { DEMO_PASSWORD, PERSONAS } from '../seed/personas.ts';
import { purgeExpiredSessions } from '../db/repos/sessions.ts';
import { purgeOldAttempts } from '../db/repos/login-attempts.ts';
import { openForCli, redactUrl } from './open.ts';
import { adaptersFromConfig } from '../notify/adapter.ts';
import { startOutboxWorker } from '../notify/outbox.ts';
import { remindIfDue } from '../commands/feedback/reminders.ts';
import { walBufferState } from '../db/walbuf.ts';

/**
 * Builds the staff console when its sources are newer than the last build. Only web/dist is ours to
 * build (vite's outDir): a WEB_DIST elsewhere is a console someone else built (or none, in tests),
 * served as it is — building would write web/dist and still leave that directory without index.html.
 */
export async function ensureConsoleBuilt(webDist: string): Promise<void> {
  if (path.resolve(webDist) !== path.resolve('web/dist')) return;
  const index = path.join(webDist, 'index.html');
  const srcDir = path.resolve('web/src');
  if (!fs.existsSync(srcDir)) return;
  const newest = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }, 0);
  const i18n = path.resolve('src/i18n');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= Math.max(newest(srcDir), newest(i18n))) return;
  console.log('Đang dựng giao diện quản trị (vite build)… / Building the staff console…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn' });
}

export async function serve(opts: { seed: boolean }): Promise<number> {
  const { config, database, ctx, applied } = await openForCli();
  if (applied.length) console.log(`Đã cập nhật cơ sở dữ liệu / migrations applied: ${applied.join(', ')}`);
  let seeded = false;
  if (opts.seed && (await isEmpty(ctx))) {
    console.log('Đang tạo dữ liệu mẫu tỉnh Thanh Hóa… / Seeding the demo province…');
    await seedDemo(ctx);
    seeded = true;
  }
  const adapters = adaptersFromConfig(config); // before listening: a half-configured gateway stops the start
  await ensureConsoleBuilt(config.webDist);
  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = await buildApp({ config, services: ctx, lifecycle });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  // Hourly: expired sessions and old login attempts go; officers get the day's deadline reminders once it has begun.
  const remind = () => remindIfDue(ctx, config.publicUrl).catch((err) => app.log.error({ err }, 'deadline reminders failed'));
  const housekeeping = setInterval(() => {
    const now = new Date();
    void purgeExpiredSessions(database.db, now).then(() => purgeOldAttempts(database.db, now)).catch((err) => app.log.error({ err }, 'housekeeping failed'));
    void remind();
  }, 60 * 60 * 1000);
  housekeeping.unref();
  void remind();
  // Citizen notifications queued by commands go out from the outbox; without adapters they wait, queued.
  const outbox = startOutboxWorker(database, adapters, { intervalMs: config.outboxIntervalMs, log: app.log });

  console.log('');
  console.log(`Lắng Nghe đang chạy / is running: ${url}/console/`);
  console.log(`Cơ sở dữ liệu / database: ${database.engine} (${redactUrl(config.databaseUrl)})${database.engine === 'sqlite' ? `, walbuf ${walBufferState()}` : ''}`);
  console.log(`Thông báo / notifications: ${adapters.size ? [...adapters.keys()].join(', ') : 'chưa cấu hình, được giữ lại / not configured, kept queued'}`);
  if (seeded || opts.seed) {
    console.log(`Tài khoản mẫu / demo logins (mật khẩu / password: ${DEMO_PASSWORD}):`);
    for (const p of PERSONAS) console.log(`  ${p.username.padEnd(20)} ${p.description}`);
  }
  console.log('');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      lifecycle.shuttingDown = true;
      app.log.info({ signal }, 'shutting down');
      clearInterval(housekeeping);
      const force = setTimeout(() => resolve(1), 15000);
      force.unref();
      try {
        await Promise.all([app.close(), outbox.stop()]);
        await database.close();
        resolve(0);
      } catch (err) {
        app.log.error({ err }, 'shutdown failed');
        resolve(1);
      }
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}
