// Opens the database: better-sqlite3 (embedded default, WAL) or PostgreSQL via pg, behind one Kysely type.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import type { DB } from './schema.ts';
import { enableWalBuffer } from './walbuf.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Database_ {
  db: Kysely<DB>;
  engine: Engine;
  /** The raw better-sqlite3 handle (SQLite only): online backup and pragmas. */
  sqlite?: Database.Database;
  url: string;
  close(): Promise<void>;
  /** Runs fn before the database closes (e.g. to stop the SQLite writer thread); close() awaits it. */
  onClose(fn: () => Promise<void>): void;
}
export type Db = Database_;

// pg returns int8 (COUNT(*)) and numeric as strings; every value we store fits a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** Path of the SQLite file for a URL such as `sqlite:./data/x.sqlite`, `file:x.db` or a bare path. */
export function sqlitePath(url: string): string {
  return url.replace(/^(sqlite|file):(\/\/)?/, '');
}

/**
 * Kysely prepares every statement anew on each query; a small cache keyed by the SQL text
 * makes hot reads about 1.4x faster on better-sqlite3 (measured, see DESIGN.md).
 */
function withStatementCache(raw: Database.Database, max = 500) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = raw.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/** FULL unless LANGNGHE_SQLITE_SYNCHRONOUS says NORMAL (or EXTRA). */
export const SQLITE_SYNCHRONOUS = /^(FULL|NORMAL|EXTRA)$/i.test(process.env.LANGNGHE_SQLITE_SYNCHRONOUS ?? '') ? process.env.LANGNGHE_SQLITE_SYNCHRONOUS!.toUpperCase() : 'FULL';

export function openSqlite(file: string, opts: { busyTimeoutMs?: number } = {}): Database.Database {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    enableWalBuffer();
  }
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  // FULL: a committed (acknowledged) transaction survives a power cut, not only a crash of the process. Group
  // commit pays the fsync once per batch. NORMAL is faster and may lose the last commits on power loss.
  raw.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
  return raw;
}

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock at BEGIN. The writer thread (writer.ts) is a second
 * connection; a deferred transaction that read first and then wrote after the thread had committed would fail at
 * once with SQLITE_BUSY (its snapshot is stale), where an immediate one waits for the lock (busy_timeout).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

function closing(close: () => Promise<void>) {
  const hooks: (() => Promise<void>)[] = [];
  return {
    onClose: (fn: () => Promise<void>) => { hooks.push(fn); },
    close: async () => {
      for (const fn of hooks.splice(0)) await fn();
      await close();
    },
  };
}

/** Opens the database named by url; the caller owns it and must close() it. */
export function openDatabase(url: string, opts: {
  poolSize?: number;
  /** PostgreSQL: commits do not wait for the WAL flush (seeding only). */ relaxedCommits?: boolean;
  /** SQLite: how long a statement waits for another connection's write lock. */ busyTimeoutMs?: number;
} = {}): Database_ {
  if (engineOf(url) === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, ...(opts.relaxedCommits ? { options: '-c synchronous_commit=off' } : {}) });
    // A dropped idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', url, ...closing(() => db.destroy()) };
  }
  const raw = openSqlite(sqlitePath(url), opts);
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(raw) as never }) });
  return { db, engine: 'sqlite', sqlite: raw, url, ...closing(() => db.destroy()) };
}
