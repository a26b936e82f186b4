// The SQLite writer thread. Group commits (db/group-commit.ts: online survey submissions, citizen intakes) run
// in a worker thread on a connection of its own, so the event loop goes on parsing and answering requests while a
// batch is written and committed. Writing the WAL pages and the fsync of a commit were half of a submission's
// CPU on the main thread (bench/README.md, survey-submit and feedback-submit).
//
// A job is a whole transaction inside the thread: it never waits for the main thread while it holds the write
// lock. The main connection begins its transactions IMMEDIATE (engine.ts) and, when the thread is writing, waits
// for the lock (busy_timeout) for as long as one batch takes. PostgreSQL needs none of this: pg is asynchronous.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { openDatabase, sqlitePath, type Db, type Engine } from './engine.ts';
import { inTx, type Tx } from './tx.ts';
import { Checkpointer, deferCheckpoints } from './checkpointer.ts';

/** A batched write, by name, so that the thread can run it: items and results cross threads by structured clone. */
export interface WriteJob<I, R> {
  name: string;
  write(trx: Tx, engine: Engine, items: I[]): Promise<R[]>;
}

type Request = { id: number; job: string; items: unknown[] } | { id: number; close: true };
type Reply = { id: number; results?: unknown[]; error?: { message: string; name?: string; code?: string } };

/** An error thrown in the thread, as the main thread sees it: message, name and SQLite code kept. */
export class WriterError extends Error {
  constructor(message: string, name?: string, readonly code?: string) {
    super(message);
    if (name) this.name = name;
  }
}

/** The main thread's side: sends jobs to the thread and answers each with its results once committed. */
export class SqliteWriter {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: unknown[]) => void; reject: (e: unknown) => void }>();
  private dead: Error | null = null;

  /** entry: the thread's module (a .mjs that loads the TypeScript job registry and calls serveWrites). */
  constructor(url: string, entry: URL) {
    this.worker = new Worker(entry, { workerData: { url } });
    // An idle writer does not keep the process alive; one with jobs in flight does (see run).
    this.worker.unref();
    this.worker.on('message', (m: Reply) => this.settle(m));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
  }

  run<R>(job: string, items: unknown[]): Promise<R[]> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<R[]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown[]) => void, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, job, items } satisfies Request);
    });
  }

  /** Lets the jobs sent so far finish, then closes the thread's connection and stops it. */
  async close(): Promise<void> {
    if (this.dead) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage({ id: 0, close: true } satisfies Request);
    await exited;
  }

  private settle(m: Reply) {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (!this.pending.size) this.worker.unref();
    if (m.error) p.reject(new WriterError(m.error.message, m.error.name, m.error.code));
    else p.resolve(m.results!);
  }

  private fail(err: Error) {
    this.dead ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

const writers = new WeakMap<Db, SqliteWriter | null>();

/** The writer thread of a SQLite file database (started on first use, stopped by close()); null otherwise. */
export function writerOf(database: Db, entry: URL): SqliteWriter | null {
  let w = writers.get(database);
  if (w === undefined) {
    const file = database.engine === 'sqlite' ? sqlitePath(database.url) : null;
    w = file && file !== ':memory:' ? new SqliteWriter(database.url, entry) : null;
    writers.set(database, w);
    if (w) {
      // Where there is a writer thread there is load: the checkpoints go to a thread of their own as well.
      const checkpointer = new Checkpointer(file!);
      deferCheckpoints(database.sqlite!);
      database.onClose(async () => {
        await w!.close();
        await checkpointer.close();
      });
    }
  }
  return w;
}

/**
 * The thread's side: opens its own connection and runs each job in a transaction, one after another. Its
 * busy_timeout is long: a batch may wait for a large import on the main connection rather than fail.
 */
export function serveWrites(jobs: readonly WriteJob<never, unknown>[]): void {
  const port = parentPort;
  if (!port) throw new Error('serveWrites runs in a worker thread');
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const database = openDatabase((workerData as { url: string }).url, { busyTimeoutMs: 60_000 });
  // A batch's multi-row inserts keep their statement journals in memory: past 64 KB SQLite spilled them to temp
  // files, a second write of every page the statement changed (a batch is bounded, so is the memory).
  database.sqlite!.pragma('temp_store = MEMORY');
  deferCheckpoints(database.sqlite!);
  let queue = Promise.resolve();
  port.on('message', (m: Request) => {
    queue = queue.then(async () => {
      if ('close' in m) {
        await database.close();
        port.close();
        return;
      }
      try {
        const job = byName.get(m.job);
        if (!job) throw new Error(`unknown write job ${m.job}`);
        const results = await inTx(database, (trx, engine) => job.write(trx, engine, m.items as never[]));
        port.postMessage({ id: m.id, results } satisfies Reply);
      } catch (err) {
        const e = err as { message?: string; name?: string; code?: unknown };
        port.postMessage({ id: m.id, error: { message: String(e?.message ?? err), name: e?.name, ...(typeof e?.code === 'string' ? { code: e.code } : {}) } } satisfies Reply);
      }
    });
  });
}
