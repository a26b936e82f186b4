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
  /** Citizen notifications by email: SMTP server (`smtp://host:587`, `smtps://user:pass@host:465`); null = no email. */
  smtpUrl: string | null;
  /** Sender of notification emails. */
  mailFrom: string;
  /** Citizen notifications through an HTTP gateway (SMS, Zalo): URL and the HMAC secret that signs each request. */
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** How often the worker sends due notifications from the outbox. */
  outboxIntervalMs: number;
}

export const DEFAULT_SQLITE_URL = 'sqlite:./data/langnghe.sqlite';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const outboxIntervalMs = Number(env.LANGNGHE_OUTBOX_INTERVAL_MS ?? 15000);
  return {
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 3000,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || DEFAULT_SQLITE_URL,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(env.WEB_DIST ?? 'web/dist'),
    publicUrl: env.PUBLIC_URL ?? null,
    smtpUrl: env.LANGNGHE_SMTP_URL || null,
    mailFrom: env.LANGNGHE_MAIL_FROM || 'Lắng Nghe <no-reply@langnghe.local>',
    webhookUrl: env.LANGNGHE_NOTIFY_WEBHOOK_URL || null,
    webhookSecret: env.LANGNGHE_NOTIFY_WEBHOOK_SECRET || null,
    outboxIntervalMs: Number.isInteger(outboxIntervalMs) && outboxIntervalMs >= 100 ? outboxIntervalMs : 15000,
  };
}
