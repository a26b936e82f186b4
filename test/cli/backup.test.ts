// `langnghe backup FILE`, then changes, then `langnghe restore FILE`: every table's rows (and, on
// PostgreSQL, every sequence) are exactly those of the moment of the backup. On SQLite the backup is
// taken online, while another connection holds the database open with writes still in its WAL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/engine.ts';
import { freshDatabase, testEngines } from '../helpers/engines.ts';
import { dumpAll, pgDumpCompatibility, runCli } from './cli.ts';

/** Changes touching several tables: an update, deletes, inserts (moving an id sequence too). */
async function change(database: Db) {
  await sql`update unit_versions set name = name || ' (sửa)' where id = (select min(id) from unit_versions)`.execute(database.db);
  await sql`update users set disabled = 1 where username = 'canbo.dinhhoa'`.execute(database.db);
  await sql`insert into revisions (name, value) values ('kiem_tra', 7)`.execute(database.db);
  await sql`insert into login_attempts (username, ip, success, at) values ('ai.do', '10.0.0.1', 0, '2026-01-01T00:00:00.000Z')`.execute(database.db);
}

for (const engine of testEngines()) {
  describe(`langnghe backup / restore [${engine}]`, () => {
    let url: string;
    let drop: () => Promise<void>;
    const file = path.join(os.tmpdir(), `langnghe-backup-${randomBytes(4).toString('hex')}.${engine === 'sqlite' ? 'sqlite' : 'dump'}`);

    beforeAll(async () => {
      ({ url, drop } = await freshDatabase(engine, 'demo'));
    });
    afterAll(async () => {
      fs.rmSync(file, { force: true });
      await drop?.();
    });

    it('restores exactly the data of the moment of the backup', async (ctx) => {
      if (engine === 'postgres') {
        const compat = await pgDumpCompatibility(url);
        if (!compat.ok) ctx.skip(`SKIPPED PostgreSQL backup/restore: ${compat.reason}`);
      }
      // A connection stays open (as the server's would) with a write not yet checkpointed.
      const open = openDatabase(url, { poolSize: 2 });
      let snapshot: Record<string, unknown[]>;
      try {
        await sql`update users set phone = '0912345678' where username = 'canbo.thieuhoa'`.execute(open.db);
        const b = await runCli(['backup', file], url);
        expect(b.stderr).toBe('');
        expect(b.code).toBe(0);
        expect(b.stdout).toContain(`backup written: ${file}`);
        snapshot = await dumpAll(url);
        expect(JSON.stringify(snapshot)).toContain('0912345678');
        await change(open);
      } finally {
        await open.close();
      }
      const changed = await dumpAll(url);
      expect(changed).not.toEqual(snapshot);

      const r = await runCli(['restore', file], url);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const restored = await dumpAll(url);
      expect(Object.keys(restored)).toEqual(Object.keys(snapshot));
      for (const table of Object.keys(snapshot)) expect(restored[table], table).toEqual(snapshot[table]);

      const v = await runCli(['audit', 'verify'], url);
      expect(v.code).toBe(0);
    });

    it('refuses to restore a file that is not a backup', async () => {
      const bogus = `${file}.bogus`;
      fs.writeFileSync(bogus, 'không phải bản sao lưu');
      try {
        const before = await dumpAll(url);
        const r = await runCli(['restore', bogus], url);
        expect(r.code).not.toBe(0);
        expect(await dumpAll(url)).toEqual(before);
      } finally {
        fs.rmSync(bogus, { force: true });
      }
    });
  });
}
