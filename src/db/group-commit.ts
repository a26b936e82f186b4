// Group commit: writes that arrive while a transaction is running wait and go together in the next one, and
// each caller is answered only after its transaction has committed (durable before acknowledged). One
// transaction per batch instead of one per request is what lets a single SQLite file take thousands of
// submissions a second (DESIGN.md, measured costs). On a SQLite file the batches run in the writer thread
// (writer.ts), off the event loop; on PostgreSQL, in this thread on the pool.
//
// What waits is bounded. When the writes cannot keep up (a flood, or a long import holding the write lock), a
// submission past the bound is refused at once with `overloaded` (503): nothing of it was written, and its sender
// is told to send again, instead of waiting in memory until the process runs out of it or the client gives up on an
// answer for an item that is then stored after all.
import { AppError } from '../core/errors.ts';
import type { Db } from './engine.ts';
import { inTx } from './tx.ts';
import type { SqliteWriter, WriteJob } from './writer.ts';

type Waiter<I, R> = { item: I; bytes: number; resolve: (r: R) => void; reject: (e: unknown) => void };

export interface GroupCommitOptions {
  /** Items per batch handed to a transaction. */
  maxBatch?: number;
  /** Items submitted and not yet answered, past which a submission is refused. */
  maxWaiting?: number;
  /** Their bytes (the job's sizeOf), past which a submission is refused, unless nothing else waits. */
  maxWaitingBytes?: number;
}

/**
 * Submissions waiting to be written, per job, past which more are refused: LANGNGHE_MAX_WAITING_WRITES, else 5,000 —
 * about a second of writes at the rates bench/README.md measures, far more than any honest peak (a conference hall
 * sending its forms at once). Read when a job's committer is made.
 */
function maxWaitingFromEnv(): number {
  const n = Number(process.env.LANGNGHE_MAX_WAITING_WRITES);
  return Number.isInteger(n) && n > 0 ? n : 5_000;
}
/** The bytes they may hold (photos, long texts): 256 MB. */
export const MAX_WAITING_BYTES = 256 * 1024 * 1024;
/** What a refused sender is told to wait (Retry-After): a batch takes milliseconds, a held lock seconds. */
const OVERLOADED_RETRY_S = 5;

export class GroupCommit<I, R> {
  private queue: Waiter<I, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Submitted and not yet answered: queued here or in a batch being written. */
  private waiting = 0;
  private waitingBytes = 0;
  private readonly maxBatch: number;
  private readonly maxWaiting: number;
  private readonly maxWaitingBytes: number;

  constructor(
    private readonly database: Db,
    private readonly job: WriteJob<I, R>,
    private readonly writer: SqliteWriter | null,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 200;
    this.maxWaiting = opts.maxWaiting ?? maxWaitingFromEnv();
    this.maxWaitingBytes = opts.maxWaitingBytes ?? MAX_WAITING_BYTES;
  }

  /** Resolves with the item's result once the transaction holding it has committed; refuses it when too much waits. */
  submit(item: I): Promise<R> {
    const bytes = this.job.sizeOf?.(item) ?? 0;
    if (this.waiting >= this.maxWaiting || (this.waiting > 0 && this.waitingBytes + bytes > this.maxWaitingBytes)) {
      return Promise.reject(new AppError('overloaded', { retryAfterS: OVERLOADED_RETRY_S }));
    }
    this.waiting++;
    this.waitingBytes += bytes;
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, bytes, resolve, reject });
      this.schedule();
    });
  }

  private done(w: Waiter<I, R>) {
    this.waiting--;
    this.waitingBytes -= w.bytes;
  }

  private write(items: I[]): Promise<R[]> {
    return this.writer ? this.writer.run<R>(this.job.name, items) : inTx(this.database, (trx, engine) => this.job.write(trx, engine, items));
  }

  /**
   * Starts a batch at the end of this turn of the event loop. The writer thread takes each as it comes: what arrives
   * while it writes goes into its next transaction (writer.ts), so nothing waits here for the one before. In this
   * thread (PostgreSQL) one at a time keeps the batches large.
   */
  private schedule() {
    if (this.scheduled || !this.queue.length || (!this.writer && this.inFlight >= 1)) return;
    this.scheduled = true;
    // Let the requests already parsed in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      if (!this.queue.length) return;
      this.inFlight++;
      void this.writeBatch(this.queue.splice(0, this.maxBatch)).finally(() => {
        this.inFlight--;
        this.schedule();
      });
      this.schedule();
    });
  }

  private async writeBatch(batch: Waiter<I, R>[]) {
    try {
      const results = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        this.done(w);
        w.resolve(results[i]!);
      });
    } catch {
      // One bad item must not sink the others: each is tried again alone and answers for itself.
      for (const w of batch) {
        try {
          const [r] = await this.write([w.item]);
          this.done(w);
          w.resolve(r!);
        } catch (err) {
          this.done(w);
          w.reject(err);
        }
      }
    }
  }
}
