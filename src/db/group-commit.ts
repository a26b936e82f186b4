// Group commit: writes that arrive while a transaction is running wait and go together in the next one, and
// each caller is answered only after its transaction has committed (durable before acknowledged). One
// transaction per batch instead of one per request is what lets a single SQLite file take thousands of
// submissions a second (DESIGN.md, measured costs). On a SQLite file the batches run in the writer thread
// (writer.ts), off the event loop; on PostgreSQL, in this thread on the pool.
import type { Db } from './engine.ts';
import { inTx } from './tx.ts';
import type { SqliteWriter, WriteJob } from './writer.ts';

type Waiter<I, R> = { item: I; resolve: (r: R) => void; reject: (e: unknown) => void };

export class GroupCommit<I, R> {
  private queue: Waiter<I, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly database: Db,
    private readonly job: WriteJob<I, R>,
    private readonly writer: SqliteWriter | null,
    private readonly maxBatch = 200,
  ) {}

  /** Resolves with the item's result once the transaction holding it has committed. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
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
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch {
      // One bad item must not sink the others: each is tried again alone and answers for itself.
      for (const w of batch) {
        try {
          const [r] = await this.write([w.item]);
          w.resolve(r!);
        } catch (err) {
          w.reject(err);
        }
      }
    }
  }
}
