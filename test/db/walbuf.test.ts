// walbuf (native/walbuf.c, src/db/walbuf.ts): the VFS shim that holds a connection's WAL frames and writes them at
// commit in a few system calls. What it must never do: let another connection see a commit before its frames are in
// the file, write a rolled-back transaction's frames over someone else's, or lose a commit that returned. These run
// on SQLite files whichever engine the suite is on: the shim exists only there.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableWalBuffer, loadWalBuffer } from '../../src/db/walbuf.ts';
import { WALBUF_LIBRARY } from '../../scripts/build-walbuf.mjs';

const COMMITTER = fileURLToPath(new URL('./fixtures/walbuf-committer.mjs', import.meta.url));

const HAS_CC = (() => {
  try {
    execFileSync('sh', ['-c', `command -v "${process.env.CC || 'cc'}"`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!HAS_CC) console.warn('[tests] no C compiler: walbuf is not built and its tests are SKIPPED');

type Stats = { frames_held: number; wal_writes: number; flushes: number };

describe.skipIf(!HAS_CC)('walbuf', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-walbuf-'));
  // Registered before any test opens a file (each test may run alone); the first test checks that it is on.
  beforeAll(() => void enableWalBuffer());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const open = (file?: string) => {
    const db = new Database(file ?? path.join(dir, `db${++n}.sqlite`));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return db;
  };
  /** A table of numbered texts, and the statement that adds one. */
  const table = (db: Database.Database) => {
    db.exec('create table t (id integer primary key, body text)');
    return db.prepare('insert into t (body) values (?)');
  };
  const stats = (db: Database.Database) => JSON.parse(db.prepare('select walbuf_stats() as s').pluck().get() as string) as Stats;
  const text = (i: number, size: number) => `${i}:${'Công an xã tiếp nhận ý kiến của người dân. '.repeat(Math.ceil(size / 40))}`.slice(0, size);

  it('is built and becomes the default VFS of every SQLite file opened after it', () => {
    expect(enableWalBuffer()).toBe('on');
    const db = open();
    expect(stats(db)).toEqual({ frames_held: expect.any(Number), wal_writes: expect.any(Number), flushes: expect.any(Number) });
    db.close();
  });

  it('reports a library it cannot load instead of failing the database that opens it', () => {
    const broken = path.join(dir, 'broken.so');
    fs.writeFileSync(broken, 'not a shared library');
    expect(loadWalBuffer(broken)).toEqual(expect.any(String));
    expect(loadWalBuffer(path.join(dir, 'missing.so'))).toEqual(expect.any(String));
    expect(loadWalBuffer(WALBUF_LIBRARY)).toBeNull();
  });

  it('writes each commit\'s frames in one write instead of two per frame', () => {
    const db = open();
    const insert = table(db);
    const before = stats(db);
    const COMMITS = 40;
    for (let c = 0; c < COMMITS; c++) db.transaction(() => { for (let i = 0; i < 10; i++) insert.run(text(c * 10 + i, 1500)); })();
    const after = stats(db);
    const frames = after.frames_held - before.frames_held;
    // Ten rows of 1.5 KB fill about four pages a commit.
    expect(frames).toBeGreaterThanOrEqual(COMMITS * 4);
    expect(after.flushes - before.flushes).toBeGreaterThanOrEqual(COMMITS);
    // SQLite's own VFS would have made 2 × frames writes; walbuf makes one per commit (and one for the WAL header).
    expect(after.wal_writes - before.wal_writes).toBeLessThanOrEqual(COMMITS + 2);
    expect(db.prepare('select count(*) from t').pluck().get()).toBe(COMMITS * 10);
    db.close();
  });

  it('lets another connection read every commit as soon as it returns', () => {
    const writer = open();
    const insert = table(writer);
    const reader = open(writer.name);
    const count = reader.prepare('select count(*) as n, sum(length(body)) as bytes from t');
    let bytes = 0;
    for (let c = 1; c <= 150; c++) {
      writer.transaction(() => {
        for (let i = 0; i < 5; i++) {
          const size = 700 + ((c * 37 + i * 11) % 3000);
          insert.run(text(c, size));
          bytes += size;
        }
      })();
      expect(count.get()).toEqual({ n: c * 5, bytes });
    }
    expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
    writer.close();
    reader.close();
  });

  it('keeps a rolled-back transaction\'s spilled frames from overwriting the next writer\'s commit', () => {
    const a = open();
    a.exec('create table t (id integer primary key, who text, body text)');
    const insertA = a.prepare('insert into t (who, body) values (\'a\', ?)');
    a.transaction(() => { for (let i = 0; i < 300; i++) insertA.run(text(i, 2000)); })();
    // Everything in the database file and the WAL empty: the next writer starts the WAL again from its first frame.
    a.pragma('wal_checkpoint(TRUNCATE)');
    const b = open(a.name);
    // A tiny page cache makes A spill each page it changes to the WAL before committing. It changes every page once
    // (same length, so no page moves) and never reads one back: its spilled frames are all still held when it
    // rolls back.
    a.pragma('cache_size = 5');
    expect(() => a.transaction(() => {
      a.exec("update t set body = replace(body, 'a', 'b')");
      throw new Error('changed my mind');
    })()).toThrow('changed my mind');
    // B writes its commit where A's frames lay, then A reads it (and would write anything it still held).
    const insertB = b.prepare('insert into t (who, body) values (\'b\', ?)');
    b.transaction(() => { for (let i = 0; i < 60; i++) insertB.run(text(i, 1800)); })();
    const expected = [{ who: 'a', n: 300, bytes: 600_000 }, { who: 'b', n: 60, bytes: 108_000 }];
    const groups = 'select who, count(*) as n, sum(length(body)) as bytes from t group by who';
    expect(a.prepare(groups).all()).toEqual(expected);
    const c = open(a.name);
    expect(c.prepare(groups).all()).toEqual(expected);
    expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const db of [a, b, c]) db.close();
  });

  it('takes transactions larger than its buffer, and WAL restarts after checkpoints', () => {
    const db = open();
    db.pragma('wal_autocheckpoint = 20');
    const insert = table(db);
    // About 12 MB in one transaction: past the 4 MB buffer three times.
    db.transaction(() => { for (let i = 0; i < 3000; i++) insert.run(text(i, 4000)); })();
    // Then many small commits, each checkpointing and restarting the WAL from its start.
    for (let c = 0; c < 200; c++) insert.run(text(c, 300));
    const other = open(db.name);
    expect(other.prepare('select count(*) from t').pluck().get()).toBe(3200);
    expect(other.prepare('select sum(length(body)) from t').pluck().get()).toBe(3000 * 4000 + 200 * 300);
    expect(other.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    other.close();
  });

  it('loses no commit that returned when its process is killed mid-write', async () => {
    const file = path.join(dir, 'killed.sqlite');
    const child = spawn(process.execPath, [COMMITTER, WALBUF_LIBRARY, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    let rest = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop()!;
        for (const l of lines) acked = Math.max(acked, Number(l));
        if (acked >= 20 * 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => (child.killed ? resolve() : reject(new Error(`the committer stopped by itself (${code})`))));
    });
    await new Promise((r) => child.once('close', r));
    const db = open(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n, top } = db.prepare('select count(*) as n, max(id) as top from acked').get() as { n: number; top: number };
    // Every acknowledged row is there, and nothing but whole transactions.
    expect(top).toBeGreaterThanOrEqual(acked);
    expect(n).toBe(top);
    expect(n % 20).toBe(0);
    db.close();
  }, 60_000);
});
