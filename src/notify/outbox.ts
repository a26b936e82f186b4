// The notification outbox. A change that a citizen should hear about writes its notification row in the same
// transaction (enqueueNotification), so a committed change always has its message and a rolled-back one never
// does. A worker (startOutboxWorker) later sends due rows through the configured adapters:
//
// - Claim before send. Each due row is claimed by a conditional UPDATE that moves next_attempt_at to now + lease
//   only if the row still has the next_attempt_at this worker read; one worker wins, the others skip the row, so
//   two workers (or two processes on one database) never send the same row at the same time.
// - At least once. A row is marked `sent` only after the adapter accepted it. If the process dies between the two,
//   the lease runs out and the row is sent again; adapters carry a stable id (Idempotency-Key / Message-ID
//   `outbox-<id>`) so the far side can drop the repeat.
// - Retries. A failed attempt increments `attempts`, stores `last_error` and waits 1 min, 2, 4, … (at most 6 h);
//   after maxAttempts (default 8, about two hours of trying) the row becomes `failed` and stays for a person to see.
// - Unconfigured adapter. A row for an adapter that is not configured (no SMTP server, no gateway) is not picked,
//   stays `pending` with its attempts untouched and goes out once the adapter is configured; this is logged once
//   per adapter name and logger (so once per worker, or per process with the default console logger).
import type { Db, Engine } from '../db/engine.ts';
import { insertJsonRows, type JsonColumn } from '../db/repos/json-rows.ts';
import type { Q } from '../db/tx.ts';
import type { AdapterName, NotifyAdapter, OutboxMessage } from './adapter.ts';

export type Adapters = Map<string, NotifyAdapter> | Partial<Record<AdapterName, NotifyAdapter>>;

/** pino's (and so Fastify's) logger fits; the default writes to the console. */
export interface OutboxLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const consoleLog: OutboxLog = {
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

export interface NewNotification {
  itemId: number | null;
  adapter: AdapterName;
  recipient: string;
  subject: string;
  body: string;
}

/** Queues a notification inside the caller's transaction; returns the outbox row id. */
export async function enqueueNotification(trx: Q, n: NewNotification, now: Date = new Date()): Promise<number> {
  const at = now.toISOString();
  const { id } = await trx
    .insertInto('notification_outbox')
    .values({
      item_id: n.itemId, adapter: n.adapter, recipient: n.recipient, subject: n.subject, body: n.body,
      state: 'pending', attempts: 0, next_attempt_at: at, last_error: null, created_at: at, sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const OUTBOX_COLUMNS = [
  ['item_id', 'int'], ['adapter', 'text'], ['recipient', 'text'], ['subject', 'text'], ['body', 'text'], ['state', 'text'], ['attempts', 'int'],
  ['next_attempt_at', 'text'], ['created_at', 'text'],
] as const satisfies readonly JsonColumn[];

/** Queues several notifications in one statement (a step's recipients, a batch of intakes). */
export async function enqueueNotifications(trx: Q, engine: Engine, list: readonly NewNotification[], now: Date = new Date()): Promise<void> {
  if (!list.length) return;
  const at = now.toISOString();
  await insertJsonRows(engine, 'notification_outbox', OUTBOX_COLUMNS,
    list.map((n) => [n.itemId, n.adapter, n.recipient, n.subject, n.body, 'pending', 0, at, at])).execute(trx);
}

export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 8;
/** How long a claimed row is left alone; longer than any adapter's timeout. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Wait after the `attempts`-th failed attempt: 1 min, 2, 4, … capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

export interface DispatchOptions {
  /** The time of this run (tests); by default the clock, read afresh for each row. */
  now?: Date;
  /** Rows per run, default 50. */
  limit?: number;
  maxAttempts?: number;
  leaseMs?: number;
  log?: OutboxLog;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  failed: number;
}

const warnedUnconfigured = new WeakMap<OutboxLog, Set<string>>();

function adapterMap(adapters: Adapters): Map<string, NotifyAdapter> {
  if (adapters instanceof Map) return adapters;
  const m = new Map<string, NotifyAdapter>();
  for (const [name, a] of Object.entries(adapters)) if (a) m.set(name, a);
  return m;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.slice(0, 1000);
}

/** Sends the due rows (oldest first) through their adapters; see the top of this file for the rules. */
export async function dispatchDue(database: Db, adapters: Adapters, opts: DispatchOptions = {}): Promise<DispatchResult> {
  const db = database.db;
  const byName = adapterMap(adapters);
  const clock = () => opts.now ?? new Date();
  const limit = opts.limit ?? 50;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const log = opts.log ?? consoleLog;
  const result: DispatchResult = { sent: 0, retried: 0, failed: 0 };
  const due = clock().toISOString();
  const names = [...byName.keys()];

  // Say once that some rows wait for an adapter nobody configured (they are not picked below, so they cannot
  // crowd configured rows out of the batch).
  let warned = warnedUnconfigured.get(log);
  if (!warned) warnedUnconfigured.set(log, (warned = new Set()));
  const known = [...names, ...warned];
  let waiting = db.selectFrom('notification_outbox').select('adapter').distinct()
    .where('state', '=', 'pending').where('next_attempt_at', '<=', due);
  if (known.length) waiting = waiting.where('adapter', 'not in', known);
  for (const { adapter } of await waiting.limit(10).execute()) {
    if (warned.has(adapter)) continue;
    warned.add(adapter);
    log.warn({ adapter }, `notification adapter '${adapter}' is not configured: its notifications stay pending`);
  }
  if (!names.length) return result;

  const rows = await db.selectFrom('notification_outbox')
    .select(['id', 'item_id', 'adapter', 'recipient', 'subject', 'body', 'attempts', 'next_attempt_at'])
    .where('state', '=', 'pending').where('next_attempt_at', '<=', due).where('adapter', 'in', names)
    .orderBy('id').limit(limit).execute();

  for (const row of rows) {
    const adapter = byName.get(row.adapter)!;
    const lease = new Date(clock().getTime() + leaseMs).toISOString();
    const claim = await db.updateTable('notification_outbox').set({ next_attempt_at: lease })
      .where('id', '=', row.id).where('state', '=', 'pending').where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another worker has it

    const msg: OutboxMessage = { id: row.id, itemId: row.item_id, recipient: row.recipient, subject: row.subject, body: row.body };
    const attempts = row.attempts + 1;
    let error: string | null = null;
    try {
      await adapter.send(msg);
    } catch (err) {
      error = errorText(err);
    }
    const at = clock();
    if (error === null) {
      await db.updateTable('notification_outbox')
        .set({ state: 'sent', sent_at: at.toISOString(), attempts, last_error: null })
        .where('id', '=', row.id).where('state', '=', 'pending')
        .execute();
      result.sent++;
      continue;
    }
    const giveUp = attempts >= maxAttempts;
    // Only while the claim is still ours: if the lease ran out and another worker took the row, it decides.
    const upd = await db.updateTable('notification_outbox')
      .set(giveUp
        ? { state: 'failed', attempts, last_error: error }
        : { attempts, last_error: error, next_attempt_at: new Date(at.getTime() + backoffMs(attempts)).toISOString() })
      .where('id', '=', row.id).where('state', '=', 'pending').where('next_attempt_at', '=', lease)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) continue;
    if (giveUp) {
      result.failed++;
      log.error({ outboxId: row.id, adapter: row.adapter, attempts, err: error }, 'notification failed for good');
    } else {
      result.retried++;
      log.warn({ outboxId: row.id, adapter: row.adapter, attempts, err: error }, 'notification attempt failed, will retry');
    }
  }
  return result;
}

export interface OutboxWorkerOptions extends Omit<DispatchOptions, 'now'> {
  intervalMs: number;
}

export interface OutboxWorker {
  /** Stops the timer and waits for the run in progress, if any. */
  stop(): Promise<void>;
}

/**
 * Runs dispatchDue now and then every intervalMs after the previous run ended (runs never overlap; a full batch
 * is followed at once by the next). Errors are logged, never thrown: the next run tries again.
 */
export function startOutboxWorker(database: Db, adapters: Adapters, opts: OutboxWorkerOptions): OutboxWorker {
  const { intervalMs, ...dispatchOpts } = opts;
  const log = opts.log ?? consoleLog;
  const limit = opts.limit ?? 50;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  function tick() {
    timer = null;
    running = (async () => {
      let next = intervalMs;
      try {
        const r = await dispatchDue(database, adapters, dispatchOpts);
        if (r.sent + r.retried + r.failed >= limit) next = 0;
      } catch (err) {
        log.error({ err }, 'notification outbox run failed');
      }
      running = null;
      schedule(next);
    })();
  }
  schedule(0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
    },
  };
}
