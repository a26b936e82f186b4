// Many rows in one INSERT with a single JSON parameter: an array of rows, each an array in column order. The SQL
// text is the same whatever the number of rows, so SQLite keeps it compiled and neither Kysely nor the driver
// builds and binds a VALUES list of rows × columns parameters (bench/README.md: the batched public writes).
// Rows go in in the array's order (ids follow it). Table and column names are constants of the caller, never input.
import { sql, type RawBuilder } from 'kysely';
import type { Engine } from '../engine.ts';

/** A column and how PostgreSQL casts its JSON text (SQLite takes JSON numbers and strings as they are). */
export type JsonColumn = readonly [name: string, type: 'int' | 'text'];

/**
 * The INSERT; `tail` is appended as is: an ON CONFLICT clause and/or RETURNING (SQLite needs the SELECT's
 * "where true" before an upsert's ON, which it adds).
 */
export function insertJsonRows<R = never>(engine: Engine, table: string, columns: readonly JsonColumn[], rows: readonly unknown[][], tail = ''): RawBuilder<R> {
  const json = JSON.stringify(rows);
  const names = columns.map(([c]) => c).join(', ');
  const end = tail ? ` ${tail}` : '';
  if (engine === 'sqlite') {
    // jsonb_each, not json_each: each row's `value` is then binary JSON, read by `->>` in place. With json_each it
    // was a row's JSON text, parsed again for every column: half of a 16-row batch's insert time (24 columns).
    const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
    return sql<R>`${sql.raw(`insert into ${table} (${names}) select ${values} from jsonb_each(`)}${json}${sql.raw(`) where true order by key${end}`)}`;
  }
  const values = columns.map(([, type], i) => (type === 'int' ? `(e ->> ${i})::int` : `e ->> ${i}`)).join(', ');
  return sql<R>`${sql.raw(`insert into ${table} (${names}) select ${values} from json_array_elements(`)}${json}${sql.raw(`::json) with ordinality as t(e, n) order by n${end}`)}`;
}

/** Objects as rows of the columns' values, in the columns' order (a missing value is NULL). */
export function columnValues(columns: readonly JsonColumn[], rows: readonly object[]): unknown[][] {
  return rows.map((r) => columns.map(([c]) => (r as Record<string, unknown>)[c] ?? null));
}
