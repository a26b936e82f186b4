// Fewer pages written per group commit (bench/README.md, survey-submit and feedback-submit). What a batch of
// submissions costs the writer thread is mostly the pages its commit writes to the WAL, and two shapes of the first
// schema wrote more of them than they needed:
//
// - On SQLite the live-result counts (result_counts, result_totals) were rowid tables under their primary key. A
//   unit's counts are updated together, but their rows sat wherever they were first created: after months of
//   submissions trickling in, one response touched a dozen table pages besides the key's. As WITHOUT ROWID tables
//   the rows live in the key's own tree, a unit's rows together (a response writes one page instead of ~7;
//   measured on scattered counts, a batch of 16 went from 114 to 52 WAL frames and from 2.0 to 1.6 ms).
//   PostgreSQL keeps its heap: it has no clustered tables, and its commits write WAL records, not pages.
// - feedback_items (unit_id, state, due_on) was a fourth index in unit order, a random place in its tree for every
//   new item. The register list reads the partial indexes (open, owing) and (state, due_on); a unit's items are
//   found through the register number's unique (unit_id, register_year, register_no) as well.
import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './helpers.ts';

const CLUSTERED: { table: string; columns: string; key: string }[] = [
  {
    table: 'result_counts',
    columns: 'campaign_id integer not null, unit_id integer not null, question_id text not null, value text not null, n integer not null',
    key: 'campaign_id, unit_id, question_id, value',
  },
  {
    table: 'result_totals',
    columns: 'campaign_id integer not null, unit_id integer not null, channel text not null, status text not null, n integer not null',
    key: 'campaign_id, unit_id, channel, status',
  },
];

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await db.schema.dropIndex('feedback_items_unit_state_due').ifExists().execute();
  if (engine !== 'sqlite') return;
  // SQLite cannot change a table into WITHOUT ROWID: each is rebuilt and renamed, in one transaction (Kysely runs
  // SQLite migrations outside one).
  await db.transaction().execute(async (trx) => {
    for (const { table, columns, key } of CLUSTERED) {
      await sql.raw(`create table ${table}_clustered (${columns}, constraint ${table}_pk primary key (${key})) without rowid`).execute(trx);
      await sql.raw(`insert into ${table}_clustered select ${key}, n from ${table} order by ${key}`).execute(trx);
      await sql.raw(`drop table ${table}`).execute(trx);
      await sql.raw(`alter table ${table}_clustered rename to ${table}`).execute(trx);
    }
  });
}
