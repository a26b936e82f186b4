// A benchmark's database: a fresh SQLite file, or PostgreSQL (DATABASE_URL when it names one, else a
// fresh database on the machine's local server, dropped afterwards), migrated and seeded with the demo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Engine } from '../../src/db/engine.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { AccessCache } from '../../src/db/access.ts';
import { SYSTEM_CONTEXT } from '../../src/db/repos/audit.ts';
import { isEmpty, seedDemo } from '../../src/seed/index.ts';

export const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin(adminUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Creates (or reuses, for DATABASE_URL) the database, migrates it and seeds the demo when empty. */
export async function prepareDatabase(engine: Engine): Promise<BenchDatabase> {
  const id = randomBytes(4).toString('hex');
  let db: BenchDatabase;
  if (engine === 'sqlite') {
    const file = path.join(os.tmpdir(), `langnghe-bench-${id}.sqlite`);
    db = { url: `sqlite:${file}`, drop: async () => { for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true }); } };
  } else if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) {
    db = { url: process.env.DATABASE_URL!, drop: async () => undefined };
  } else {
    const name = `ln_bench_${id}`;
    await admin(LOCAL_PG, `create database ${name}`);
    const u = new URL(LOCAL_PG);
    u.pathname = `/${name}`;
    db = { url: u.toString(), drop: () => admin(LOCAL_PG, `drop database if exists ${name} with (force)`) };
  }
  const database = openDatabase(db.url);
  try {
    await migrateToLatest(database);
    const ctx = { database, access: new AccessCache(database), audit: SYSTEM_CONTEXT };
    if (await isEmpty(ctx)) await seedDemo(ctx);
    if (database.sqlite) database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await database.close();
  }
  return db;
}
