// Configuration from the environment, read once at start.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Behind a reverse proxy that terminates HTTPS: trust X-Forwarded-* and mark cookies Secure. */
  trustProxy: boolean;
  logLevel: string;
  webDist: string;
  publicUrl: string | null;
}

export const DEFAULT_SQLITE_URL = 'sqlite:./data/langnghe.sqlite';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  return {
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 3000,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || DEFAULT_SQLITE_URL,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(env.WEB_DIST ?? 'web/dist'),
    publicUrl: env.PUBLIC_URL ?? null,
  };
}
