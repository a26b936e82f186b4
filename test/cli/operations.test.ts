// Operators' commands as real processes: `audit verify` names the first broken event after tampering
// or a deletion; `create-admin` creates an administrator who can log in and refuses a weak password in
// Vietnamese without writing anything; `units export` then `units import` is a no-op round trip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/engine.ts';
import { AccessCache } from '../../src/db/access.ts';
import { buildApp } from '../../src/http/app.ts';
import { freshDatabase, testEngines } from '../helpers/engines.ts';
import { dumpAll, runCli } from './cli.ts';

const ADMIN_PASSWORD = 'Quan-Tri#2026moi';

/** audit_events may refuse UPDATE/DELETE through triggers; a tamperer with the power to drop them does so first. */
async function disableAuditGuards(database: Db) {
  if (database.engine === 'postgres') {
    await sql`alter table audit_events disable trigger user`.execute(database.db);
    return;
  }
  const triggers = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_events'`.execute(database.db);
  for (const t of triggers.rows) await sql`drop trigger ${sql.id(t.name)}`.execute(database.db);
}

for (const engine of testEngines()) {
  describe(`langnghe operations [${engine}]`, () => {
    let url: string;
    let drop: () => Promise<void>;
    let database: Db;

    beforeAll(async () => {
      ({ url, drop } = await freshDatabase(engine, 'demo'));
      database = openDatabase(url, { poolSize: 2 });
    });
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });

    it('audit verify: 0 on an intact chain; names the tampered event, then the one after a deleted event', async () => {
      const ok = await runCli(['audit', 'verify'], url);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/audit chain intact: \d+ events/);

      const ids = (await database.db.selectFrom('audit_events').select(['id', 'after_json']).orderBy('id').execute());
      expect(ids.length).toBeGreaterThan(10);
      const victim = ids[5]!;
      await disableAuditGuards(database);
      await sql`update audit_events set after_json = ${'{"username":"ke.gian"}'} where id = ${victim.id}`.execute(database.db);
      const tampered = await runCli(['audit', 'verify'], url);
      expect(tampered.code).not.toBe(0);
      expect(tampered.stderr).toContain(`sự kiện #${victim.id} `);
      expect(tampered.stderr).toContain(`broken at event #${victim.id};`);

      await sql`update audit_events set after_json = ${victim.after_json} where id = ${victim.id}`.execute(database.db);
      const deleted = ids[8]!;
      await sql`delete from audit_events where id = ${deleted.id}`.execute(database.db);
      const gap = await runCli(['audit', 'verify'], url);
      expect(gap.code).not.toBe(0);
      expect(gap.stderr).toContain(`broken at event #${ids[9]!.id};`);
      expect(gap.stderr).toContain('prev_hash_mismatch');
    }, 120_000); // three CLI processes over the whole demo chain

    it('create-admin creates an administrator who can log in', async () => {
      const r = await runCli(['create-admin', '--username', 'quantri.moi', '--full-name', 'Lê Văn Mới', '--unit', 'CATH'], url, { LANGNGHE_PASSWORD: ADMIN_PASSWORD });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('admin created: quantri.moi');
      const app = await buildApp({ config: { trustProxy: false, logLevel: 'silent', webDist: '/nonexistent' }, services: { database, access: new AccessCache(database) }, logger: false });
      try {
        const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'quantri.moi', password: ADMIN_PASSWORD } });
        expect(login.statusCode).toBe(200);
        const cookie = `ln_session=${login.cookies.find((c) => c.name === 'ln_session')!.value}`;
        const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        expect(me.json().grants).toEqual([expect.objectContaining({ role: 'admin', unitName: 'Công an tỉnh Thanh Hóa' })]);
      } finally {
        await app.close();
      }
    });

    it('create-admin refuses a weak password with a Vietnamese message and writes nothing', async () => {
      const before = await dumpAll(url);
      const r = await runCli(['create-admin', '--username', 'quantri.yeu', '--full-name', 'Trần Văn Yếu', '--unit', 'CATH'], url, { LANGNGHE_PASSWORD: 'abc123' });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('Lỗi:');
      expect(r.stderr).toContain('password: Mật khẩu cần ít nhất 10 ký tự.');
      expect(await dumpAll(url)).toEqual(before);
    });

    it('units export then units import on the same database creates and updates nothing', async () => {
      const file = path.join(os.tmpdir(), `langnghe-units-${randomBytes(4).toString('hex')}.csv`);
      try {
        const e = await runCli(['units', 'export', file], url);
        expect(e.code).toBe(0);
        expect(fs.readFileSync(file, 'utf8')).toContain('TH-X-THIEUHOA');
        const i = await runCli(['units', 'import', file], url);
        expect(i.stderr).toBe('');
        expect(i.code).toBe(0);
        expect(i.stdout).toMatch(/created 0, updated 0/);
      } finally {
        fs.rmSync(file, { force: true });
      }
    });
  });
}
