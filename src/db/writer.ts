// The SQLite writer thread. Group commits (db/group-commit.ts: online survey submissions, citizen intakes) run
// in a worker thread on a connection of its own, so the event loop goes on parsing and answering requests while a
// batch is written and committed. Writing the WAL pages and the fsync of a commit were half of a submission's
// CPU on the main thread (bench/README.md, survey-submit and feedback-submit).
//
// A job is a whole transaction inside the thread: it never waits for the main thread while it holds the write
// lock. The main connection begins its transactions IMMEDIATE (engine.ts) and, when the thread is writing, waits
// for the lock (busy_timeout) for as long as one batch takes. PostgreSQL needs none of this: pg is asynchronous.
//
// Batches sent while a transaction runs are written together in the next one, per job (the thread drains its
// queue). With durable commits (synchronous = FULL, the default) the thread commits without syncing and a third
// thread (flusher-thread.mjs) syncs the WAL and answers: the next transaction is written while the disk takes the
// last one, and what is answered is on disk.
import { MessageChannel, parentPort, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { openDatabase, SQLITE_SYNCHRONOUS, sqlitePath, type Db, type Engine } from './engine.ts';
import { inTx, type Tx } from './tx.ts';
import { Checkpointer, deferCheckpoints } from './checkpointer.ts';

/** A batched write, by name, so that the thread can run it: items and results cross threads by structured clone. */
export interface WriteJob<I, R> {
  name: string;
  write(trx: Tx, engine: Engine, items: I[]): Promise<R[]>;
  /** About how many bytes an item holds while it waits (photos, long texts): the group commit bounds their sum. */
  sizeOf?(item: I): number;
}

type Request = { id: number; job: string; items: unknown[] } | { id: number; close: true };
type JobRequest = Extract<Request, { job: string }>;
/** fatal: the thread can no longer make writes durable (a failed WAL flush); the batch committed but is not answered. */
type Reply = { id: number; results?: unknown[]; error?: { message: string; name?: string; code?: string; fatal?: boolean } };

/** An error thrown in the thread, as the main thread sees it: message, name and SQLite code kept. */
export class WriterError extends Error {
  constructor(message: string, name?: string, readonly code?: string) {
    super(message);
    if (name) this.name = name;
  }
}

/** The main thread's side: sends jobs to the thread and answers each with its results once committed (and synced). */
export class SqliteWriter {
  private readonly worker: Worker;
  /** With durable commits: the flusher thread, and the port its answers arrive on. */
  private readonly flusher: { worker: Worker; answers: MessagePort } | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: unknown[]) => void; reject: (e: unknown) => void }>();
  private dead: Error | null = null;
  /** Set by close(): the threads' exits that follow are expected, not a failure. */
  private closing = false;

  /** entry: the thread's module (a .mjs that loads the TypeScript job registry and calls serveWrites). */
  constructor(url: string, entry: URL) {
    if (SQLITE_SYNCHRONOUS === 'NORMAL') {
      this.worker = new Worker(entry, { workerData: { url } });
    } else {
      const handOver = new MessageChannel();
      const answers = new MessageChannel();
      const flusher = new Worker(new URL('./flusher-thread.mjs', import.meta.url), {
        workerData: { wal: `${sqlitePath(url)}-wal`, fromWriter: handOver.port2, toMain: answers.port2 },
        transferList: [handOver.port2, answers.port2],
      });
      this.worker = new Worker(entry, { workerData: { url, toFlusher: handOver.port1 }, transferList: [handOver.port1] });
      this.flusher = { worker: flusher, answers: answers.port1 };
      answers.port1.on('message', (m: Reply) => this.settle(m));
      flusher.on('error', (e) => this.fail(e));
      flusher.on('exit', (code) => this.exited('flusher', code));
    }
    // Idle threads do not keep the process alive; with jobs in flight they do (see hold).
    this.hold(false);
    this.worker.on('message', (m: Reply) => this.settle(m));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.exited('writer', code));
  }

  run<R>(job: string, items: unknown[]): Promise<R[]> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<R[]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown[]) => void, reject });
      if (this.pending.size === 1) this.hold(true);
      this.worker.postMessage({ id, job, items } satisfies Request);
    });
  }

  /** Lets the jobs sent so far finish (and their answers come), then closes the thread's connection and stops both. */
  async close(): Promise<void> {
    const threads = [this.worker, ...(this.flusher ? [this.flusher.worker] : [])];
    // A thread that stopped answering (a failed sync) may still be running: it is stopped as it is.
    if (this.dead) return void (await Promise.all(threads.map((t) => t.terminate())));
    const exited = threads.map((t) => new Promise<void>((resolve) => t.once('exit', () => resolve())));
    this.closing = true;
    this.hold(true);
    this.worker.postMessage({ id: 0, close: true } satisfies Request);
    await Promise.all(exited);
    // Each exit has taken the answers that came (exited, below, listens first): whatever is left was never answered.
    this.fail(new Error('the SQLite writer was closed before it answered'));
    this.flusher?.answers.close();
  }

  /**
   * A thread stopped. Its answers may still wait on the flusher's port (the exit is a separate event from the
   * port's messages, and may come first): they are taken before anything is failed. While closing, a clean exit
   * is the expected end; the writer may stop before the flusher has synced and answered its last batch.
   */
  private exited(thread: 'writer' | 'flusher', code: number) {
    this.takeAnswers();
    if (this.closing && code === 0) return;
    this.fail(new Error(`the SQLite ${thread} thread stopped (exit code ${code})`));
  }

  private takeAnswers() {
    const port = this.flusher?.answers;
    if (port) for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) this.settle(m.message as Reply);
  }

  private hold(on: boolean) {
    for (const h of [this.worker, ...(this.flusher ? [this.flusher.worker, this.flusher.answers] : [])]) {
      if (on) h.ref();
      else h.unref();
    }
  }

  private settle(m: Reply) {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (!this.pending.size) this.hold(false);
    if (!m.error) return p.resolve(m.results!);
    const err = new WriterError(m.error.message, m.error.name, m.error.code);
    // After a failed sync nothing more may be sent: a retry of the batch's items would write them a second time.
    if (m.error.fatal) this.fail(err);
    p.reject(err);
  }

  private fail(err: Error) {
    this.dead ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

/** At most this many items in one of the thread's transactions (requests sent while the last one ran are merged). */
const MERGE_MAX = 400;

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
 * The thread's side: opens its own connection and runs the jobs sent, each group of requests for one job that
 * arrived while the last transaction ran as one transaction (at most MERGE_MAX items). Its busy_timeout is long: a
 * batch may wait for a large import on the main connection rather than fail.
 */
export function serveWrites(jobs: readonly WriteJob<never, unknown>[]): void {
  const port = parentPort;
  if (!port) throw new Error('serveWrites runs in a worker thread');
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const { url, toFlusher } = workerData as { url: string; toFlusher?: MessagePort };
  const database = openDatabase(url, { busyTimeoutMs: 60_000 });
  // A batch's multi-row inserts keep their statement journals in memory: past 64 KB SQLite spilled them to temp
  // files, a second write of every page the statement changed (a batch is bounded, so is the memory).
  database.sqlite!.pragma('temp_store = MEMORY');
  // A 4 MB page cache, not better-sqlite3's 16 MB: when a B-tree page splits, SQLite renumbers pages through the
  // "pending byte" page (number 262,145), and the commit that follows then walks the whole cache to drop pages past
  // the end of the file (pcache1TruncateUnsafe): with 3,900 cached pages that walk was 3.4 % of the writer's time,
  // paid after every other batch. A quarter of the cache holds the pages the batches keep writing (the unit-ordered
  // indexes' leaves); paired intake runs: ×1.094 (16 MB → 4 MB), ×1.061 (→ 2 MB).
  database.sqlite!.pragma('cache_size = -4000');
  deferCheckpoints(database.sqlite!);
  // With a flusher the commits are synced there, before they are answered (flusher-thread.mjs).
  if (toFlusher) database.sqlite!.pragma('synchronous = NORMAL');
  const answer = (replies: Reply[]) => {
    if (toFlusher) toFlusher.postMessage({ answers: replies });
    else for (const r of replies) port.postMessage(r);
  };
  let waiting: Request[] = [];
  let busy = false;

  async function write(group: JobRequest[]) {
    const job = byName.get(group[0]!.job);
    try {
      if (!job) throw new Error(`unknown write job ${group[0]!.job}`);
      const results = await inTx(database, (trx, engine) => job.write(trx, engine, group.flatMap((m) => m.items) as never[]));
      let at = 0;
      answer(group.map((m) => ({ id: m.id, results: results.slice(at, (at += m.items.length)) })));
    } catch (err) {
      // Nothing was written: the error needs no sync.
      const e = err as { message?: string; name?: string; code?: unknown };
      const error = { message: String(e?.message ?? err), name: e?.name, ...(typeof e?.code === 'string' ? { code: e.code } : {}) };
      for (const m of group) port!.postMessage({ id: m.id, error } satisfies Reply);
    }
  }

  async function drain() {
    busy = true;
    while (waiting.length) {
      for (let m = receiveMessageOnPort(port!); m; m = receiveMessageOnPort(port!)) waiting.push(m.message as Request);
      const first = waiting[0]!;
      if ('close' in first) {
        // The flusher answers what it was handed, then stops; the connection closes after the last transaction.
        toFlusher?.postMessage({ close: true });
        toFlusher?.close();
        await database.close();
        port!.close();
        return;
      }
      // The requests for the first one's job, in order, up to MERGE_MAX items; the others wait for the next round.
      let n = 0;
      const group = waiting.filter((m): m is JobRequest => {
        if ('close' in m || m.job !== first.job || (n > 0 && n + m.items.length > MERGE_MAX)) return false;
        n += m.items.length;
        return true;
      });
      waiting = waiting.filter((m) => !group.includes(m as JobRequest));
      await write(group);
    }
    busy = false;
  }

  port.on('message', (m: Request) => {
    waiting.push(m);
    if (!busy) void drain();
  });
}
