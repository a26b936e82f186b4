// The group committer and, on SQLite, its writer thread: a second connection beside the main one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { forEachEngine } from '../helpers/harness.ts';
import { openDatabase, sqlitePath } from '../../src/db/engine.ts';
import { inTx } from '../../src/db/tx.ts';
import { GroupCommit } from '../../src/db/group-commit.ts';
import { writerOf } from '../../src/db/writer.ts';
import { appendAudit, SYSTEM_CONTEXT } from '../../src/db/repos/audit.ts';
import { verifyAuditChain } from '../../src/commands/audit/verify.ts';
import { contentPlan, INTAKE_WRITE, receiveFeedback, type IntakeEntry } from '../../src/commands/feedback/intake.ts';
import { WRITER_ENTRY } from '../../src/commands/group-commits.ts';
import { todayVN } from '../../src/core/dates.ts';

const citizen = { audit: SYSTEM_CONTEXT, actor: null, actorKind: 'citizen' as const };

forEachEngine('group commit', 'demo', (h) => {
  const communeId = async () => (await h.database.db.selectFrom('units').select('id').where('level', '=', 'commune').where('valid_to', 'is', null)
    .orderBy('id').executeTakeFirstOrThrow()).id;
  const entry = (unitId: number, text: string): IntakeEntry => ({
    ctx: citizen,
    input: { unitId, channel: 'web', kind: 'request' },
    plan: { unitName: 'Công an xã thử', receivedOn: todayVN(), ...contentPlan(text), ackDueOn: todayVN() },
  });
  const count = async (like: string) => Number((await h.database.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll().as('n'))
    .where('content', 'like', like).executeTakeFirstOrThrow()).n);

  it(`writes ${h.engine === 'sqlite' ? 'in the writer thread' : 'on the pool'}`, () => {
    expect(writerOf(h.database, WRITER_ENTRY) !== null).toBe(h.engine === 'sqlite');
  });

  it('takes submissions and, at the same time, staff transactions on the main connection: all land and the audit chain stays whole', async () => {
    const unitId = await communeId();
    const submit = (text: string) => receiveFeedback({ ...h.ctx, ...citizen }, { unitId, channel: 'web', kind: 'request', content: text });
    await submit('khởi động'); // the thread is running before the race starts
    const before = await verifyAuditChain(h.database.db);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Intakes arrive in waves while staff transactions read, yield to the event loop (the thread commits meanwhile),
    // then write: a stale read snapshot would fail there on SQLite if main transactions did not take the write lock
    // at BEGIN.
    const intakes: Promise<{ trackingCode: string; registerNo: number }>[] = [];
    const waves = (async () => {
      for (let w = 0; w < 6; w++) {
        for (let i = 0; i < 10; i++) intakes.push(submit(`song song ${w * 10 + i}`));
        await sleep(8);
      }
    })();
    const staff = Array.from({ length: 10 }, (_, i) => (async () => {
      await sleep(i * 5);
      await inTx(h.database, async (trx, engine) => {
        await trx.selectFrom('feedback_items').select('id').limit(1).execute();
        await sleep(10);
        await appendAudit(trx, engine, SYSTEM_CONTEXT, { action: 'test.parallel', entityType: 'test', entityId: i, unitId });
      });
    })());
    await waves;
    const results = await Promise.all(intakes);
    await Promise.all(staff);
    expect(new Set(results.map((r) => r.trackingCode)).size).toBe(60);
    expect(new Set(results.map((r) => r.registerNo)).size).toBe(60);
    expect(await count('song song %')).toBe(60);
    const after = await verifyAuditChain(h.database.db);
    expect(after).toEqual({ ok: true, count: before.count + 70 });
  });

  it('writes a mixed batch in one transaction: each item keeps its own person, consents, register number and notices', async () => {
    const [a, b] = (await h.database.db.selectFrom('units').select('id').where('level', '=', 'commune').where('valid_to', 'is', null)
      .orderBy('id').limit(2).execute()).map((u) => u.id);
    const person = (unitId: number, text: string, submitter: IntakeEntry['input']['submitter'], consents: IntakeEntry['input']['consents'] = []) => {
      const e = entry(unitId, text);
      return { ...e, input: { ...e.input, submitter, consents } };
    };
    const batch: IntakeEntry[] = [
      person(a!, 'lô trộn 1', null),
      person(b!, 'lô trộn 2', { fullName: 'Lê Văn Một', email: 'Mot@Example.vn' }, ['contact_updates', 'followup_survey']),
      person(a!, 'lô trộn 3', { fullName: 'Trần Thị Hai', phone: '0912345678' }),
      person(a!, 'lô trộn 4', { fullName: '  ', phone: '' }, ['contact_updates']), // nothing identifies anyone
      person(b!, 'lô trộn 5', { phone: '0987654321' }, ['contact_updates']),
    ];
    const results = await inTx(h.database, (trx, engine) => INTAKE_WRITE.write(trx, engine, batch));
    const rows = await h.database.db.selectFrom('feedback_items as i').leftJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
      .select(['i.id', 'i.content', 'i.unit_id', 'i.register_no', 'i.tracking_code', 'i.anonymous', 'i.submitter_id', 's.full_name', 's.email', 's.phone'])
      .where('i.content', 'like', 'lô trộn %').orderBy('i.id').execute();
    expect(rows.map((r) => [r.content, r.full_name, r.email, r.phone, r.anonymous])).toEqual([
      ['lô trộn 1', null, null, null, 1],
      ['lô trộn 2', 'Lê Văn Một', 'mot@example.vn', null, 0],
      ['lô trộn 3', 'Trần Thị Hai', null, '0912345678', 0],
      ['lô trộn 4', null, null, null, 1],
      ['lô trộn 5', null, null, '0987654321', 0],
    ]);
    expect(rows.map((r) => [r.id, r.tracking_code, r.register_no])).toEqual(results.map((r) => [r.id, r.trackingCode, r.registerNo]));
    // Numbers follow the order of arrival within each unit.
    const nos = (unitId: number) => rows.filter((r) => r.unit_id === unitId).map((r) => r.register_no);
    for (const u of [a!, b!]) expect(nos(u)).toEqual([...nos(u)].sort((x, y) => x - y).map((_, i, all) => all[0]! + i));
    const consents = await h.database.db.selectFrom('feedback_consents').select(['submitter_id', 'purpose'])
      .where('submitter_id', 'in', rows.flatMap((r) => (r.submitter_id === null ? [] : [r.submitter_id]))).orderBy('submitter_id').orderBy('purpose').execute();
    expect(consents).toEqual([
      { submitter_id: rows[1]!.submitter_id, purpose: 'contact_updates' },
      { submitter_id: rows[1]!.submitter_id, purpose: 'followup_survey' },
      { submitter_id: rows[4]!.submitter_id, purpose: 'contact_updates' },
    ]);
    const notices = await h.database.db.selectFrom('notification_outbox').select(['item_id', 'adapter', 'recipient'])
      .where('item_id', 'in', rows.map((r) => r.id)).orderBy('item_id').execute();
    expect(notices).toEqual([
      { item_id: rows[1]!.id, adapter: 'email', recipient: 'mot@example.vn' },
      { item_id: rows[4]!.id, adapter: 'webhook', recipient: '0987654321' },
    ]);
  });

  it('answers each item of a batch for itself: one that cannot be written fails alone, with the database\'s error', async () => {
    const unitId = await communeId();
    const committer = new GroupCommit(h.database, INTAKE_WRITE, writerOf(h.database, WRITER_ENTRY));
    const settled = await Promise.allSettled([
      committer.submit(entry(unitId, 'lô tốt 1')),
      committer.submit(entry(987_654, 'lô hỏng')),
      committer.submit(entry(unitId, 'lô tốt 2')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const err = (settled[1] as PromiseRejectedResult).reason as { code?: string; message: string };
    expect(String(err.code ?? err.message)).toMatch(/FOREIGNKEY|23503/);
    expect(await count('lô tốt %')).toBe(2);
    expect(await count('lô hỏng')).toBe(0);
  });

  it('refuses a submission at once while too many wait to be written, by count or by bytes, and writes nothing of it', async () => {
    const unitId = await communeId();
    const committer = new GroupCommit(h.database, INTAKE_WRITE, writerOf(h.database, WRITER_ENTRY), { maxWaiting: 3, maxWaitingBytes: 1000 });
    const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; status?: number }) => [e.code, e.status]);
    let held: Promise<unknown>[] = [];
    // The writes are held back: on SQLite another connection has the write lock, on PostgreSQL a transaction the table.
    const other = h.engine === 'sqlite' ? new Database(sqlitePath(h.database.url)) : null;
    const hold = async (fn: () => Promise<void>) => {
      if (!other) return inTx(h.database, async (trx) => {
        await sql`lock table feedback_counters in exclusive mode`.execute(trx);
        await fn();
      });
      other.exec('begin immediate');
      try {
        await fn();
      } finally {
        other.exec('rollback');
        other.close();
      }
    };
    await hold(async () => {
      held = [committer.submit(entry(unitId, 'chờ ghi 1')), committer.submit(entry(unitId, 'chờ ghi 2'))];
      // 2 × 9 characters wait (36 bytes by sizeOf): 490 characters more pass the 1,000 bytes.
      expect(await refusal(committer.submit(entry(unitId, `quá nhiều byte ${'x'.repeat(475)}`)))).toEqual(['overloaded', 503]);
      held.push(committer.submit(entry(unitId, 'chờ ghi 3')));
      expect(await refusal(committer.submit(entry(unitId, 'quá nhiều mục')))).toEqual(['overloaded', 503]);
      await new Promise((r) => setTimeout(r, 50));
      expect(await count('chờ ghi %')).toBe(0);
    });
    await Promise.all(held);
    expect(await count('chờ ghi %')).toBe(3);
    expect(await count('quá nhiều %')).toBe(0);
    // Once answered they no longer count: one item alone may be as large as it is.
    await committer.submit(entry(unitId, `quá nhiều byte nhưng một mình ${'x'.repeat(600)}`));
    expect(await count('quá nhiều byte nhưng một mình %')).toBe(1);
  });

  it.skipIf(h.engine !== 'sqlite')('closing the database lets the writes sent to the thread finish first', async () => {
    const unitId = await communeId();
    // The threads' exits and the flusher's last answers reach the main thread as separate events, in either order
    // (under load, CI saw the flusher's exit first, and all 25 were failed): several closes, each right after a batch
    // was handed over, so that a close that fails what it should have answered shows more often than once in a while.
    for (let round = 0; round < 6; round++) {
      const other = openDatabase(h.database.url);
      const committer = new GroupCommit(other, INTAKE_WRITE, writerOf(other, WRITER_ENTRY));
      const pending = Array.from({ length: 25 }, (_, i) => committer.submit(entry(unitId, `trước khi đóng ${round}.${i}`)));
      // Let the committer hand its batch to the thread, then close at once.
      await new Promise((r) => setImmediate(r));
      await other.close();
      const results = await Promise.all(pending);
      expect(results).toHaveLength(25);
      expect(await count(`trước khi đóng ${round}.%`)).toBe(25);
    }
  });

  it.skipIf(h.engine !== 'sqlite')('copies committed pages into the database file in a thread of its own, not in the writer\'s commits', async () => {
    const unitId = await communeId();
    await Promise.all(Array.from({ length: 40 }, (_, i) => receiveFeedback({ ...h.ctx, ...citizen }, { unitId, channel: 'web', kind: 'request', content: `đã sao vào tệp ${i}` })));
    // The database file alone (a copy without its WAL) holds only what a checkpoint has copied. The committing
    // connections checkpoint themselves only past SELF_CHECKPOINT_PAGES, far more than these 40 intakes write.
    const file = sqlitePath(h.database.url);
    const inFileAlone = () => {
      const copy = path.join(os.tmpdir(), `ln-ckpt-${process.pid}-${Date.now()}.sqlite`);
      fs.copyFileSync(file, copy);
      try {
        const raw = new Database(copy);
        try {
          return Number((raw.prepare(`select count(*) as n from feedback_items where content like 'đã sao vào tệp %'`).get() as { n: number }).n);
        } finally {
          raw.close();
        }
      } catch {
        return -1; // copied in the middle of a checkpoint's writes: look again
      } finally {
        for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
      }
    };
    let n = inFileAlone();
    for (let i = 0; i < 100 && n !== 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      n = inFileAlone();
    }
    expect(n).toBe(40);
  });
});
