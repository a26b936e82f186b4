// Backups: SQLite through its online backup API (safe while the server runs); PostgreSQL through
// pg_dump/pg_restore in custom format. Restoring replaces the whole database: stop the server first.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import type { Db } from './engine.ts';
import { sqlitePath } from './engine.ts';

export async function backup(database: Db, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (database.engine === 'sqlite') {
    await database.sqlite!.backup(file);
    return;
  }
  run('pg_dump', ['--format=custom', '--no-owner', '--file', file, database.url]);
}

/** Replaces the database's content with the backup's. Checks the file is a Lắng Nghe backup first. */
export async function restore(url: string, engine: Db['engine'], file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`backup file not found: ${file}`);
  if (engine === 'postgres') {
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', url, file]);
    return;
  }
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ok = source.prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!ok) throw new Error(`not a Lắng Nghe backup: ${file}`);
    const target = sqlitePath(url);
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    // The backup API copies page by page into the target, replacing it consistently.
    await source.backup(target);
  } finally {
    source.close();
  }
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd} is not available: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.trim()}`);
}
