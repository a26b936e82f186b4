// A text search of the register over a wide scope (commands/feedback/register.ts, `q=`, newest first). The list
// walks the order index (feedback_items_received, migration 014) from its end and tests each item's search key; for
// a word few items have, SQLite read every item's row to do so, in the index's order, not the table's: 2–5 s at a
// million items (bench/README.md, register-list, "27/11, night"). With the search key in the index, the test is made
// on the index alone and only a match reads its row: 0.25 s for a word no item has.
//
// SQLite only. PostgreSQL scans the table in parallel in a tenth of that time, and its B-tree refuses an entry past
// about 2.7 KB, which a long opinion's key can pass; SQLite keeps such an entry on overflow pages. A new item goes
// at the index's end, as before, with its key (about 100 bytes for the demo's opinions).
import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  if (engine !== 'sqlite') return;
  // Kysely runs SQLite's migrations outside a transaction: the swap gets its own.
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropIndex('feedback_items_received').execute();
    await sql`create index feedback_items_received on feedback_items (received_on, received_at, id, search_key)`.execute(trx);
  });
}
