// Runs once per test run: decides the engines and builds the template databases (migrated, and
// migrated + demo), so each test file copies a template instead of seeding again.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openDatabase, type Engine } from '../../src/db/engine.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { AccessCache } from '../../src/db/access.ts';
import { SYSTEM_CONTEXT } from '../../src/db/repos/audit.ts';
import { seedDemo } from '../../src/seed/index.ts';
import { TEMPLATE_DIR, pgAdmin, pgAdminUrl, pgReachable, templateName, withDatabase, type Template } from './engines.ts';

async function build(engine: Engine, t: Template) {
  const name = templateName(engine, t);
  let url: string;
  if (engine === 'sqlite') {
    fs.rmSync(name, { force: true });
    url = `sqlite:${name}`;
  } else {
    await pgAdmin(async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
    });
    url = withDatabase(pgAdminUrl(), name);
  }
  const database = openDatabase(url);
  await migrateToLatest(database);
  if (t === 'demo') await seedDemo({ database, access: new AccessCache(database), audit: SYSTEM_CONTEXT });
  // Fold the WAL into the file so a plain copy is a complete database.
  if (database.sqlite) database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await database.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    engines: string;
    testRun: string;
  }
}

export default async function setup({ provide }: TestProject) {
  process.env.LANGNGHE_TEST_RUN = randomBytes(4).toString('hex');
  provide('testRun', process.env.LANGNGHE_TEST_RUN);
  const onlyPg = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
  const engines: Engine[] = onlyPg ? [] : ['sqlite'];
  if (await pgReachable()) engines.push('postgres');
  else if (onlyPg) throw new Error(`DATABASE_URL names PostgreSQL but it does not answer at ${pgAdminUrl()}`);
  else console.warn(`\n[tests] PostgreSQL is not reachable at ${pgAdminUrl()}: database tests run on SQLite only (SKIPPED: postgres)\n`);
  provide('engines', engines.join(','));
  fs.mkdirSync(`${TEMPLATE_DIR}/${process.env.LANGNGHE_TEST_RUN}`, { recursive: true });
  for (const engine of engines) for (const t of ['empty', 'demo'] as const) await build(engine, t);
  console.log(`[tests] engines: ${engines.join(', ')}`);

  return async () => {
    fs.rmSync(`${TEMPLATE_DIR}/${process.env.LANGNGHE_TEST_RUN}`, { recursive: true, force: true });
    if (engines.includes('postgres')) {
      await pgAdmin(async (c) => {
        for (const t of ['empty', 'demo'] as const) await c.query(`drop database if exists ${templateName('postgres', t)} with (force)`);
      });
    }
  };
}
