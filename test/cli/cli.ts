// Runs `langnghe` as a real child process (node bin/langnghe.mjs) and dumps a whole database so two
// moments can be compared row by row.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../src/db/engine.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/langnghe.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for a CLI child: the given database, a console directory that does not exist (so
 * `start` neither builds nor serves it), any free port on 127.0.0.1, no inherited admin password. */
export function cliEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, WEB_DIST: '/nonexistent/langnghe-console', PORT: '0', HOST: '127.0.0.1' };
  delete env.LANGNGHE_PASSWORD;
  return { ...env, ...extra };
}

/** Runs one CLI command to completion. */
export function runCli(args: string[], databaseUrl: string, extra: Record<string, string> = {}, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(databaseUrl, extra) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Every table's rows (and PostgreSQL's sequence positions), each table's rows in a stable order. */
export async function dumpAll(url: string): Promise<Record<string, unknown[]>> {
  const database = openDatabase(url, { poolSize: 1 });
  try {
    return await dump(database);
  } finally {
    await database.close();
  }
}

async function dump(database: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const tables = database.engine === 'sqlite'
    ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(database.db)).rows.map((r) => r.name)
    : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(database.db)).rows.map((r) => r.name);
  for (const t of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(database.db)).rows;
    out[t] = rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort();
  }
  if (database.engine === 'postgres') {
    const seqs = (await sql<{ name: string }>`select sequence_name as name from information_schema.sequences where sequence_schema = 'public' order by 1`.execute(database.db)).rows;
    for (const s of seqs) {
      const r = await sql<{ last_value: number; is_called: boolean }>`select last_value, is_called from ${sql.table(s.name)}`.execute(database.db);
      out[`sequence:${s.name}`] = r.rows;
    }
  }
  return out;
}

/** Major versions of pg_dump and of the server, or the reason pg_dump cannot be used. */
export async function pgDumpCompatibility(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const v = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) return { ok: false, reason: 'pg_dump is not installed (apt-get install postgresql-client)' };
  const client = Number(/(\d+)(?:\.\d+)?/.exec(v.stdout)?.[1]);
  const database = openDatabase(url, { poolSize: 1 });
  try {
    const r = await sql<{ v: string }>`show server_version_num`.execute(database.db);
    const server = Math.floor(Number(r.rows[0]!.v) / 10000);
    if (client < server) return { ok: false, reason: `pg_dump ${client} cannot dump a PostgreSQL ${server} server: install postgresql-client-${server}` };
    return { ok: true };
  } finally {
    await database.close();
  }
}
