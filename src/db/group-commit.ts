// Group commit: writes that arrive while a transaction is running wait and go together in the next one, and
// each caller is answered only after its transaction has committed (durable before acknowledged). One
// transaction per batch instead of one per request is what lets a single SQLite file take thousands of
// submissions a second (DESIGN.md, measured costs).
import type { Db, Engine } from './engine.ts';
import { inTx, type Tx } from './tx.ts';

type Waiter<I, R> = { item: I; resolve: (r: R) => void; reject: (e: unknown) => void };

export class GroupCommit<I, R> {
  private queue: Waiter<I, R>[] = [];
  private running = false;

  constructor(
    private readonly database: Db,
    private readonly write: (trx: Tx, engine: Engine, items: I[]) => Promise<R[]>,
    private readonly maxBatch = 200,
  ) {}

  /** Resolves with the item's result once the transaction holding it has committed. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the requests already parsed in this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain() {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await inTx(this.database, (trx, engine) => this.write(trx, engine, batch.map((w) => w.item)));
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch {
        // One bad item must not sink the others: each is tried again alone and answers for itself.
        for (const w of batch) {
          try {
            const [r] = await inTx(this.database, (trx, engine) => this.write(trx, engine, [w.item]));
            w.resolve(r!);
          } catch (err) {
            w.reject(err);
          }
        }
      }
    }
    this.running = false;
  }
}
