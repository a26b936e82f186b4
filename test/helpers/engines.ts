// Which engines database tests run on, and fresh databases made from migrated (and seeded) templates.
// Without DATABASE_URL: SQLite, plus PostgreSQL when it answers (a skip is said out loud).
// With DATABASE_URL=postgres://...: PostgreSQL only, on that server (CI's second pass).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE_DIR = path.join(os.tmpdir(), 'langnghe-test-templates');
export type Template = 'empty' | 'demo';

export function pgAdminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const u = new URL(url);
    u.pathname = '/postgres';
    return u.toString();
  }
  return PG_ADMIN_URL;
}

export function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgAdminUrl(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Engines for this run, decided by the global setup. */
export function testEngines(): Engine[] {
  return inject('engines').split(',').filter(Boolean) as Engine[];
}

function runId(): string {
  return process.env.LANGNGHE_TEST_RUN ?? inject('testRun');
}

export const templateName = (engine: Engine, t: Template) =>
  engine === 'sqlite' ? path.join(TEMPLATE_DIR, runId(), `${t}.sqlite`) : `ln_tpl_${runId()}_${t}`;

export async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database copied from a template; drop() removes it. */
export async function freshDatabase(engine: Engine, t: Template): Promise<{ url: string; drop: () => Promise<void> }> {
  const id = randomBytes(5).toString('hex');
  if (engine === 'sqlite') {
    const file = path.join(os.tmpdir(), `langnghe-test-${id}.sqlite`);
    fs.copyFileSync(templateName(engine, t), file);
    return {
      url: `sqlite:${file}`,
      drop: async () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      },
    };
  }
  const name = `ln_t_${id}`;
  await pgAdmin((c) => c.query(`create database ${name} template ${templateName(engine, t)}`));
  return {
    url: withDatabase(pgAdminUrl(), name),
    drop: () => pgAdmin(async (c) => { await c.query(`drop database if exists ${name} with (force)`); }),
  };
}

/** A database with nothing in it, not even the schema (what an operator starts from). */
export async function blankDatabase(engine: Engine): Promise<{ url: string; drop: () => Promise<void> }> {
  const id = randomBytes(5).toString('hex');
  if (engine === 'sqlite') {
    const file = path.join(os.tmpdir(), `langnghe-blank-${id}.sqlite`);
    return { url: `sqlite:${file}`, drop: async () => { for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true }); } };
  }
  const name = `ln_t_${id}`;
  await pgAdmin((c) => c.query(`create database ${name}`));
  return { url: withDatabase(pgAdminUrl(), name), drop: () => pgAdmin(async (c) => { await c.query(`drop database if exists ${name} with (force)`); }) };
}
