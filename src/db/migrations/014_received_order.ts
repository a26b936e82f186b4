// The register's own order, newest by the day received (commands/feedback/register.ts, sort 'received'): what a
// province sees first, over every item of its communes. Without an index both engines read and sort the whole
// register for the first page (about 270 ms at a million items on SQLite); with it they walk the index from its end
// and stop at the first page of items in scope. A new item goes at the index's end (today, now), so an intake batch
// writes one page of it, not one per item.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index feedback_items_received on feedback_items (received_on, received_at, id)`.execute(db);
}
