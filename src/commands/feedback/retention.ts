// Retention (Luật Bảo vệ dữ liệu cá nhân 2025: kept for the purpose, then deleted or anonymised). A person's
// contact details are kept while any of their items is open and for `retentionDays` after the last one closed;
// then the person is anonymised (name, phone, email, address, role and organisation emptied), their consents are
// withdrawn, the photos of their items deleted, and the notices addressed to them dropped from the outbox. Items
// keep their content and history, so the register and its figures do not change. Sent notices (whose bodies
// carry names) are purged after OUTBOX_KEEP_DAYS whoever they were for.
//
// Conference delegates are anonymised once their conference was held longer ago than the same period (their
// name, village, phone and email go; title, organisation and category stay for the attendance figures).
//
// One transaction and one audit event with counts only. A dry run does the same work inside a transaction that
// is rolled back, so its counts are exactly what a run would do.
import { sql, type Expression, type SqlBool } from 'kysely';
import { nowIso, todayVN } from '../../core/dates.ts';
import { TERMINAL } from '../../core/feedback/lifecycle.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { DEFAULT_RETENTION_DAYS, RETENTION_KEY, readSetting } from '../../db/repos/feedback-config.ts';
import { inTx, type Q, type Tx } from '../../db/tx.ts';
import type { CommandContext } from '../context.ts';

/** Sent notices are kept this long (calendar days) for delivery questions, then deleted. */
export const OUTBOX_KEEP_DAYS = 90;
/** Ids per IN list (well under SQLite's and PostgreSQL's parameter limits). */
const CHUNK = 500;
/** Data-subject requests still being handled need the person's details. */
const OPEN_REQUEST_STATES = ['unverified', 'open'];

export interface RetentionSummary {
  dryRun: boolean;
  retentionDays: number;
  /** Items closed before this day count as past retention. */
  cutoff: string;
  /** Sent notices sent before this instant are purged. */
  outboxCutoff: string;
  submitters: number;
  items: number;
  consents: number;
  photos: number;
  notifications: number;
  delegates: number;
}

class DryRun extends Error {
  constructor(readonly summary: RetentionSummary) {
    super('dry run');
  }
}

function daysBefore(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/** The alias's item is finished (refused, forwarded, transferred or closed, with a closing date) before cutoff. */
function finishedBefore(alias: 'i' | 'm', cutoff: string): Expression<SqlBool> {
  const states = sql.join([...TERMINAL].map((s) => sql`${s}`));
  return sql<SqlBool>`${sql.ref(`${alias}.state`)} in (${states}) and ${sql.ref(`${alias}.closed_on`)} is not null and ${sql.ref(`${alias}.closed_on`)} < ${cutoff}`;
}

/**
 * People not yet anonymised all of whose items finished before cutoff. An item also stays "open" for this purpose
 * while the item it was merged into (as a duplicate) is not finished, since that item's notices still go to them,
 * and while a data-subject request about it is being handled. One pass over the items, grouped by person.
 */
async function dueSubmitters(q: Q, cutoff: string): Promise<number[]> {
  const requests = sql.join(OPEN_REQUEST_STATES.map((s) => sql`${s}`));
  const rows = await q.selectFrom('feedback_items as i')
    .innerJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
    .leftJoin('feedback_items as m', 'm.id', 'i.duplicate_of')
    .select('i.submitter_id as id')
    .where('s.anonymised_at', 'is', null)
    .groupBy('i.submitter_id')
    .having(sql<number>`sum(case when ${finishedBefore('i', cutoff)} and (m.id is null or ${finishedBefore('m', cutoff)})
      and not exists (select 1 from data_requests d where d.item_id = i.id and d.state in (${requests}))
      then 0 else 1 end)`, '=', 0)
    .orderBy('i.submitter_id')
    .execute();
  return rows.map((r) => r.id!);
}

/** What stands for a delegate's name once anonymised (the column is required: minutes count people by row). */
export const ANONYMISED_DELEGATE = 'Đại biểu (đã ẩn danh)';

async function anonymiseDelegates(trx: Tx, cutoff: string, now: string): Promise<number> {
  const r = await trx.updateTable('conference_delegates')
    .set({ full_name: ANONYMISED_DELEGATE, village: null, phone: null, email: null, anonymised_at: now })
    .where('anonymised_at', 'is', null)
    .where('conference_id', 'in', trx.selectFrom('conferences').select('id').where('held_on', '<', cutoff))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

async function apply(trx: Tx, ids: number[], outboxCutoff: string, now: string) {
  let submitters = 0;
  let items = 0;
  let consents = 0;
  let photos = 0;
  let notifications = 0;
  for (const chunk of chunks(ids)) {
    const done = await trx.updateTable('feedback_submitters')
      .set({ full_name: null, phone: null, email: null, address: null, role_title: null, organisation: null, anonymised_at: now })
      .where('id', 'in', chunk).where('anonymised_at', 'is', null).returning('id').execute();
    if (!done.length) continue;
    const people = done.map((r) => r.id);
    submitters += people.length;
    const itemsOf = trx.selectFrom('feedback_items').select('id').where('submitter_id', 'in', people);
    const n = await trx.selectFrom('feedback_items').select((eb) => eb.fn.countAll<number>().as('n')).where('submitter_id', 'in', people).executeTakeFirstOrThrow();
    items += Number(n.n);
    const c = await trx.updateTable('feedback_consents').set({ withdrawn_at: now })
      .where('submitter_id', 'in', people).where('withdrawn_at', 'is', null).executeTakeFirst();
    consents += Number(c.numUpdatedRows);
    const p = await trx.deleteFrom('feedback_attachments').where('role', '=', 'photo').where('item_id', 'in', itemsOf).executeTakeFirst();
    photos += Number(p.numDeletedRows);
    // Whatever their state: pending or failed notices to an anonymised person carry the name too.
    const o = await trx.deleteFrom('notification_outbox').where('item_id', 'in', itemsOf).executeTakeFirst();
    notifications += Number(o.numDeletedRows);
  }
  const sent = await trx.deleteFrom('notification_outbox').where('state', '=', 'sent').where('sent_at', '<', outboxCutoff).executeTakeFirst();
  notifications += Number(sent.numDeletedRows);
  return { submitters, items, consents, photos, notifications };
}

export async function runRetention(ctx: CommandContext, opts: { dryRun?: boolean; now?: Date } = {}): Promise<RetentionSummary> {
  const dryRun = opts.dryRun ?? false;
  const at = opts.now ?? new Date();
  const retentionDays = (await readSetting<number>(ctx.database.db, RETENTION_KEY)) ?? DEFAULT_RETENTION_DAYS;
  const cutoff = daysBefore(todayVN(at), retentionDays);
  const outboxCutoff = new Date(at.getTime() - OUTBOX_KEEP_DAYS * 86_400_000).toISOString();
  try {
    return await inTx(ctx.database, async (trx, engine) => {
      const ids = await dueSubmitters(trx, cutoff);
      const now = opts.now ? at.toISOString() : nowIso();
      const counts = { ...(await apply(trx, ids, outboxCutoff, now)), delegates: await anonymiseDelegates(trx, cutoff, now) };
      const summary: RetentionSummary = { dryRun, retentionDays, cutoff, outboxCutoff, ...counts };
      if (dryRun) throw new DryRun(summary);
      if (Object.values(counts).some((x) => x > 0)) {
        await appendAudit(trx, engine, ctx.audit, {
          action: 'feedback.retention', entityType: 'feedback_retention', entityId: null, unitId: null,
          after: { retentionDays, cutoff, outboxCutoff, ...counts },
        });
      }
      return summary;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.summary;
    throw err;
  }
}
