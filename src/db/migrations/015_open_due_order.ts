// The open items of a wide scope in due-date order (commands/feedback/register.ts, `open=1` or a state filter, sort
// 'due'): what a province watches when it asks for everything still open. The list puts undated items last; the
// engines order NULLs differently (SQLite first, PostgreSQL last), so the query says it as `(due_on is null),
// due_on, id`, the same order on both, and the indexes now hold that order. Before, both engines read every open
// item of the province and sorted them for each page: 0.8–1.1 s on SQLite and 0.5 s on PostgreSQL at a million
// items (bench/README.md, register-list, "27/11, night").
//
// - `feedback_items_state_due` (state, due_on) becomes (state, (due_on is null), due_on, id). SQLite reads an
//   `IN` list of states over it one state at a time in order and stops each as soon as the page is full, so the
//   open list's first page costs a few index pages whatever the register's size. The index holds every item, as
//   before: an intake writes it as it did.
// - PostgreSQL cannot merge the states' runs in order; it reads a partial index of the open items in that order
//   instead (`feedback_items_open_due`). SQLite's planner prefers the state index above and would only write this
//   one on every intake for nothing, so it has it not.
//
// A commune's open list keeps `feedback_items_open_unit` (unit first).
import { sql, type Kysely } from 'kysely';
import type { MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  const rebuild = async (d: Kysely<unknown>) => {
    await d.schema.dropIndex('feedback_items_state_due').ifExists().execute();
    await sql`create index feedback_items_state_due on feedback_items (state, (due_on is null), due_on, id)`.execute(d);
  };
  // PostgreSQL runs each migration in a transaction; Kysely runs SQLite's outside one, so the swap gets its own.
  if (engine === 'sqlite') return db.transaction().execute(rebuild);
  await rebuild(db);
  await sql`create index feedback_items_open_due on feedback_items ((due_on is null), due_on, id)
            where state in ('received', 'accepted', 'assigned', 'in_progress', 'answer_drafted', 'approved')`.execute(db);
}
