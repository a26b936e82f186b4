// The flusher thread (src/db/flusher-thread.mjs): answers what the writer hands over once the WAL is synced, and
// after a failed sync answers everything with a fatal error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';

const FLUSHER = new URL('../../src/db/flusher-thread.mjs', import.meta.url);

function start(wal: string) {
  const handOver = new MessageChannel();
  const answers = new MessageChannel();
  const worker = new Worker(FLUSHER, { workerData: { wal, fromWriter: handOver.port2, toMain: answers.port2 }, transferList: [handOver.port2, answers.port2] });
  const received: unknown[] = [];
  answers.port1.on('message', (m) => received.push(m));
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  return { writer: handOver.port1 as MessagePort, received, exited, answers: answers.port1 };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('flusher thread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-flusher-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers in order what it was handed, then stops when told', async () => {
    const wal = path.join(dir, 'db.sqlite-wal');
    fs.writeFileSync(wal, 'frames');
    const t = start(wal);
    t.writer.postMessage({ answers: [{ id: 1, results: ['a'] }, { id: 2, results: ['b', 'c'] }] });
    t.writer.postMessage({ answers: [{ id: 3, results: [] }] });
    t.writer.postMessage({ close: true });
    expect(await t.exited).toBe(0);
    await until(() => t.received.length === 3);
    expect(t.received).toEqual([{ id: 1, results: ['a'] }, { id: 2, results: ['b', 'c'] }, { id: 3, results: [] }]);
    t.answers.close();
  });

  it('answers with a fatal error when the WAL cannot be synced, and keeps doing so', async () => {
    const t = start(path.join(dir, 'missing', 'db.sqlite-wal'));
    t.writer.postMessage({ answers: [{ id: 7, results: ['x'] }] });
    await until(() => t.received.length === 1);
    t.writer.postMessage({ answers: [{ id: 8, results: ['y'] }] });
    t.writer.postMessage({ close: true });
    await t.exited;
    await until(() => t.received.length === 2);
    expect(t.received).toHaveLength(2);
    for (const [i, m] of (t.received as { id: number; error?: { message: string; fatal?: boolean }; results?: unknown }[]).entries()) {
      expect(m.id).toBe(7 + i);
      expect(m.results).toBeUndefined();
      expect(m.error?.fatal).toBe(true);
      expect(m.error?.message).toMatch(/could not be synced/);
    }
    t.answers.close();
  });
});
