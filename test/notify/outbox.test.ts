// The notification outbox on every engine: rows written with the change they announce, sent afterwards through a
// real webhook adapter to a local gateway, retried with backoff, given up after maxAttempts, never sent twice.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { forEachEngine } from '../helpers/harness.ts';
import { openDatabase, type Db } from '../../src/db/engine.ts';
import { inTx } from '../../src/db/tx.ts';
import { webhookAdapter } from '../../src/notify/webhook.ts';
import type { NotifyAdapter } from '../../src/notify/adapter.ts';
import { backoffMs, dispatchDue, enqueueNotification, startOutboxWorker, type OutboxLog } from '../../src/notify/outbox.ts';

const T0 = new Date('2025-09-01T02:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const quietLog = () => ({ warn: vi.fn<OutboxLog['warn']>(), error: vi.fn<OutboxLog['error']>() });

/** A gateway that records what it receives and answers as told. */
function gateway() {
  const received: { id: number; itemId: number | null; recipient: string; subject: string; body: string; key: string }[] = [];
  const state = { status: 200, delayMs: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const msg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      setTimeout(() => {
        if (state.status < 300) received.push({ ...msg, key: String(req.headers['idempotency-key']) });
        res.writeHead(state.status, { 'content-type': 'text/plain; charset=utf-8' }).end(state.status < 300 ? 'ok' : 'lỗi máy chủ');
      }, state.delayMs);
    });
  });
  return {
    received, state,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`,
    listen: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve())),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

forEachEngine('notification outbox', 'empty', (h) => {
  const gw = gateway();
  let adapters: Map<string, NotifyAdapter>;
  const rows = () => h.database.db.selectFrom('notification_outbox').selectAll().orderBy('id').execute();
  const enqueueMany = (n: number, now = T0) => inTx(h.database, async (trx) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(await enqueueNotification(trx, { itemId: null, adapter: 'webhook', recipient: `+8490000000${i}`, subject: 'Phản ánh', body: `Tin nhắn số ${i}` }, now));
    }
    return ids;
  });

  beforeAll(async () => {
    await gw.listen();
    adapters = new Map([['webhook', webhookAdapter({ url: gw.url(), secret: 'bí mật', timeoutMs: 5000 })]]);
  });
  afterAll(() => gw.close());
  beforeEach(async () => {
    await h.database.db.deleteFrom('notification_outbox').execute();
    gw.received.length = 0;
    gw.state.status = 200;
    gw.state.delayMs = 0;
  });

  it('sends a row written in the same transaction as the change, and leaves rows of unconfigured adapters pending', async () => {
    const now = T0.toISOString();
    const { itemId, outboxId } = await inTx(h.database, async (trx) => {
      const unit = await trx.insertInto('units').values({ code: 'TEST-XA-1', level: 'commune', valid_from: '2025-07-01', valid_to: null, created_at: now, updated_at: now })
        .returning('id').executeTakeFirstOrThrow();
      const item = await trx.insertInto('feedback_items').values({
        unit_id: unit.id, register_year: 2025, register_no: 1, tracking_code: 'PA-TEST-0001', channel: 'web', kind: 'suggestion',
        topic_code: null, procedure: null, state: 'closed', outcome: 'resolved', summary: 'Đèn đường hỏng', content: 'Đèn đường thôn 3 hỏng.',
        location: null, concerned_unit_id: null, concerned_officer: null, assignee_id: null, submitter_id: null, anonymous: 0,
        duplicate_of: null, split_from: null, source_type: null, source_ref: null, received_at: now, received_on: '2025-09-01',
        ack_due_on: null, due_on: null, acked_on: null, closed_on: '2025-09-01', answer_draft: null, public_answer: 'Đã sửa.',
        answered_on: '2025-09-01', rating: null, rating_comment: null, rated_at: null, rereview: 0, search_key: '', created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      const outboxId = await enqueueNotification(trx, {
        itemId: item.id, adapter: 'webhook', recipient: '+84912345678', subject: 'Phản ánh PA-TEST-0001 đã được trả lời', body: 'Công an xã đã trả lời phản ánh của bạn.',
      }, T0);
      await enqueueNotification(trx, { itemId: item.id, adapter: 'email', recipient: 'a@example.vn', subject: 'Thư', body: 'Nội dung' }, T0);
      return { itemId: item.id, outboxId };
    });
    const [queued] = await rows();
    expect(queued).toMatchObject({ id: outboxId, state: 'pending', attempts: 0, next_attempt_at: T0.toISOString(), created_at: T0.toISOString(), sent_at: null });

    const log = quietLog();
    expect(await dispatchDue(h.database, adapters, { now: at(1000), log })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(gw.received).toEqual([{
      id: outboxId, itemId, recipient: '+84912345678', subject: 'Phản ánh PA-TEST-0001 đã được trả lời', body: 'Công an xã đã trả lời phản ánh của bạn.', key: `outbox-${outboxId}`,
    }]);
    const [sent, email] = await rows();
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, sent_at: at(1000).toISOString(), last_error: null });
    expect(email).toMatchObject({ adapter: 'email', state: 'pending', attempts: 0, next_attempt_at: T0.toISOString() });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]![1]).toMatch(/'email' is not configured/);

    // Nothing more to send; the unconfigured adapter is not mentioned again; a Record works like a Map.
    expect(await dispatchDue(h.database, { webhook: adapters.get('webhook')! }, { now: at(2000), log })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(gw.received).toHaveLength(1);
  });

  it('retries a failing gateway with exponential backoff, keeps the error, and gives up after maxAttempts', async () => {
    const [id] = await enqueueMany(1);
    gw.state.status = 500;
    const log = quietLog();
    const opts = { maxAttempts: 4, log };

    expect(await dispatchDue(h.database, adapters, { ...opts, now: T0 })).toEqual({ sent: 0, retried: 1, failed: 0 });
    let [row] = await rows();
    expect(row).toMatchObject({ id, state: 'pending', attempts: 1, next_attempt_at: at(MIN).toISOString(), sent_at: null });
    expect(row!.last_error).toMatch(/HTTP 500: lỗi máy chủ/);

    // Not due yet.
    expect(await dispatchDue(h.database, adapters, { ...opts, now: at(MIN - 1) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    // 1 min, then 2 min later, then 4 min later.
    let t = MIN;
    for (const [attempts, wait] of [[2, 2 * MIN], [3, 4 * MIN]] as const) {
      expect(await dispatchDue(h.database, adapters, { ...opts, now: at(t) })).toEqual({ sent: 0, retried: 1, failed: 0 });
      [row] = await rows();
      expect(row).toMatchObject({ state: 'pending', attempts, next_attempt_at: at(t + wait).toISOString() });
      t += wait;
    }
    expect(await dispatchDue(h.database, adapters, { ...opts, now: at(t) })).toEqual({ sent: 0, retried: 0, failed: 1 });
    [row] = await rows();
    expect(row).toMatchObject({ state: 'failed', attempts: 4, sent_at: null });
    expect(row!.last_error).toMatch(/HTTP 500/);
    expect(log.error).toHaveBeenCalledTimes(1);

    // A failed row stays failed, even once the gateway is back.
    gw.state.status = 200;
    expect(await dispatchDue(h.database, adapters, { ...opts, now: at(30 * 24 * 60 * MIN) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(gw.received).toHaveLength(0);
    expect([1, 2, 3, 8, 9, 10, 20].map(backoffMs)).toEqual([MIN, 2 * MIN, 4 * MIN, 128 * MIN, 256 * MIN, 360 * MIN, 360 * MIN]);
  });

  it('a row recovers after a failure; a row claimed by a worker that died is sent again once its lease has run out', async () => {
    const [a, b] = await enqueueMany(2);
    gw.state.status = 502;
    await dispatchDue(h.database, adapters, { now: T0, limit: 1, log: quietLog() });
    gw.state.status = 200;
    // b is due now; a is due in a minute.
    expect(await dispatchDue(h.database, adapters, { now: at(1000), log: quietLog() })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await dispatchDue(h.database, adapters, { now: at(MIN), log: quietLog() })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(gw.received.map((r) => r.id)).toEqual([b, a]);
    expect((await rows()).map((r) => [r.state, r.attempts])).toEqual([['sent', 2], ['sent', 1]]);

    // A claim whose worker never came back: the row waits out the lease, then goes out.
    const [c] = await enqueueMany(1);
    await h.database.db.updateTable('notification_outbox').set({ next_attempt_at: at(5 * MIN).toISOString() }).where('id', '=', c!).execute();
    expect(await dispatchDue(h.database, adapters, { now: at(MIN), log: quietLog() })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await dispatchDue(h.database, adapters, { now: at(5 * MIN), log: quietLog() })).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it('two workers dispatching at once send each row exactly once', async () => {
    const ids = await enqueueMany(12);
    gw.state.delayMs = 15;
    const other: Db = openDatabase(h.database.url, { poolSize: 2 });
    try {
      const results = await Promise.all([
        dispatchDue(h.database, adapters, { now: at(1000), log: quietLog() }),
        dispatchDue(other, adapters, { now: at(1000), log: quietLog() }),
        dispatchDue(h.database, adapters, { now: at(1000), log: quietLog() }),
      ]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
      expect(results.every((r) => r.retried === 0 && r.failed === 0)).toBe(true);
    } finally {
      await other.close();
    }
    expect(gw.received.map((r) => r.id).sort((x, y) => x - y)).toEqual(ids);
    expect((await rows()).every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('a rolled-back transaction leaves no notification behind', async () => {
    await expect(inTx(h.database, async (trx) => {
      await enqueueNotification(trx, { itemId: null, adapter: 'webhook', recipient: '+84911111111', subject: 'Không gửi', body: 'Không gửi' }, T0);
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await rows()).toEqual([]);
    expect(await dispatchDue(h.database, adapters, { now: at(MIN), log: quietLog() })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(gw.received).toEqual([]);
  });

  it('the worker sends what is due and stops cleanly', async () => {
    const ids = await enqueueMany(3, new Date(Date.now() - 1000));
    const worker = startOutboxWorker(h.database, adapters, { intervalMs: 50, log: quietLog() });
    try {
      await vi.waitFor(() => expect(gw.received).toHaveLength(3), { timeout: 5000, interval: 20 });
    } finally {
      await worker.stop();
    }
    expect(gw.received.map((r) => r.id)).toEqual(ids);
  });
});

describe('outbox worker', () => {
  it('logs a failing run and keeps going instead of crashing', async () => {
    const broken = { db: { selectFrom: () => { throw new Error('database gone'); } } } as unknown as Db;
    const log = quietLog();
    const worker = startOutboxWorker(broken, new Map(), { intervalMs: 20, log });
    await vi.waitFor(() => expect(log.error.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 3000, interval: 10 });
    await worker.stop();
    const calls = log.error.mock.calls.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(log.error.mock.calls.length).toBe(calls);
    expect(String((log.error.mock.calls[0]![0] as { err: Error }).err.message)).toBe('database gone');
  });
});
