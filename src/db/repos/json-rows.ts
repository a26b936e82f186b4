// Many rows in one INSERT. The SQL text is the same whatever the number of rows, so the engine keeps it compiled and
// neither Kysely nor the driver builds and binds a VALUES list of rows × columns parameters (bench/README.md: the
// batched public writes).
// - PostgreSQL: one statement with a single JSON parameter, an array of rows (each an array in column order),
//   expanded by json_array_elements: one round trip.
// - SQLite: a one-row INSERT run once per row inside the one call (engine.ts, rowByRow): no round trips to save
//   there, and binding each row's values directly costs less than writing them as JSON and parsing it again (paired
//   runs, bench/README.md, 28/11) and needs no statement journal.
// Rows go in in the array's order (ids follow it). Table and column names are constants of the caller, never input.
import { sql, type RawBuilder } from 'kysely';
import { rowByRow, type Engine } from '../engine.ts';

/** A column and how PostgreSQL casts its JSON text (SQLite takes JSON numbers and strings as they are). */
export type JsonColumn = readonly [name: string, type: 'int' | 'text'];

/** The INSERT; `tail` is appended as is: an ON CONFLICT clause and/or RETURNING. */
export function insertJsonRows<R = never>(engine: Engine, table: string, columns: readonly JsonColumn[], rows: readonly unknown[][], tail = ''): RawBuilder<R> {
  const names = columns.map(([c]) => c).join(', ');
  const end = tail ? ` ${tail}` : '';
  if (engine === 'sqlite') {
    return rowByRow<R>(`insert into ${table} (${names}) values (${columns.map(() => '?').join(', ')})${end}`, rows);
  }
  const json = JSON.stringify(rows);
  const values = columns.map(([, type], i) => (type === 'int' ? `(e ->> ${i})::int` : `e ->> ${i}`)).join(', ');
  return sql<R>`${sql.raw(`insert into ${table} (${names}) select ${values} from json_array_elements(`)}${json}${sql.raw(`::json) with ordinality as t(e, n) order by n${end}`)}`;
}

/** Objects as rows of the columns' values, in the columns' order (a missing value is NULL). */
export function columnValues(columns: readonly JsonColumn[], rows: readonly object[]): unknown[][] {
  return rows.map((r) => columns.map(([c]) => (r as Record<string, unknown>)[c] ?? null));
}
