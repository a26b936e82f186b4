// Two register indexes that listed every item only to index a column most items leave empty: `duplicate_of` (set
// on the few items merged into another) and `(source_type, source_ref)` (set on items copied from a survey, a
// conference, an import or a partner, not on the public form's). As partial indexes over the items that have a
// value, a public intake writes neither of them: two index pages fewer per batch of the writer thread
// (bench/README.md, feedback-submit), and smaller indexes to read. Every query that uses them names a value
// (`duplicate_of = ?`, `source_type = '…'`), which both engines take as implying the index's condition.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('feedback_items_duplicate_of').ifExists().execute();
  await sql`create index feedback_items_duplicate_of on feedback_items (duplicate_of) where duplicate_of is not null`.execute(db);
  await db.schema.dropIndex('feedback_items_source').ifExists().execute();
  await sql`create index feedback_items_source on feedback_items (source_type, source_ref) where source_type is not null`.execute(db);
}
