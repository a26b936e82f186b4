// Checkpoints of a SQLite file in a thread of their own (checkpoint-thread.mjs). By default SQLite checkpoints
// inside the commit that takes the WAL past 1,000 pages: every dozenth group commit of the writer thread copied
// and fsynced the pages of a dozen batches first, and the submissions waiting on it saw its time as latency
// (bench/README.md). Here a thread copies them while the writer goes on committing; the writer's own automatic
// checkpoint is kept, at a higher mark, for when the thread falls behind.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** The WAL size, in pages, at which a committing connection checkpoints itself (SQLite's default is 1,000). */
export const SELF_CHECKPOINT_PAGES = 8000;

/**
 * How often the thread copies while commits arrive. A pass copies each page once, however many commits wrote it
 * since the last, and under load the same pages are written by nearly every batch (a commune's leaf in each index
 * ordered by unit). Every 50 ms the thread copied 2.5 pages per public intake at 4,000 intakes/s; every 500 ms, 0.9
 * (paired runs ×1.145, ×1.053 and ×1.068 intakes/s; every second was no better: the WAL then reaches the writer's
 * own mark first). bench/README.md, feedback-submit.
 */
export const ACTIVE_PASS_MS = 500;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(file: string, opts: { activeMs?: number; idleMaxMs?: number } = {}) {
    this.worker = new Worker(new URL('./checkpoint-thread.mjs', import.meta.url), {
      workerData: { file, activeMs: opts.activeMs ?? ACTIVE_PASS_MS, idleMaxMs: opts.idleMaxMs ?? 1000 },
    });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // A checkpoint that fails is only a WAL that grows until the committing connections checkpoint themselves.
    this.worker.on('error', () => undefined);
  }

  async close(): Promise<void> {
    // Held until it has stopped: an unreferenced thread would let the process end with the close unfinished.
    this.worker.ref();
    this.worker.postMessage('close');
    await this.exited;
  }
}

/** A connection that leaves routine checkpoints to a Checkpointer. */
export function deferCheckpoints(raw: Database.Database): void {
  raw.pragma(`wal_autocheckpoint = ${SELF_CHECKPOINT_PAGES}`);
  // The WAL starts again from its beginning once all of it is copied; a file grown under load is cut back then.
  raw.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
}
