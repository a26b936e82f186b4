// Batch inserts (db/repos/json-rows.ts): one statement with one JSON parameter for any number of rows, on both
// engines. These pin down what callers rely on: rows in the array's order, text as given (quotes, backslashes, line
// breaks survive the JSON), RETURNING one row per row written, conflicts skipped or added up, and a failing row
// leaving nothing behind once its transaction rolls back.
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../helpers/harness.ts';
import { insertJsonRows, type JsonColumn } from '../../src/db/repos/json-rows.ts';
import { inTx } from '../../src/db/tx.ts';

const COLUMNS = [['k', 'text'], ['n', 'int'], ['note', 'text']] as const satisfies readonly JsonColumn[];

forEachEngine('batch inserts', 'empty', (h) => {
  const db = () => h.database.db;
  const rows = async () => (await sql<{ k: string; n: number; note: string | null }>`select k, n, note from rows_test order by id`.execute(db())).rows
    .map((r) => [r.k, Number(r.n), r.note]);

  beforeAll(async () => {
    const id = h.engine === 'sqlite' ? 'integer primary key' : 'serial primary key';
    await sql.raw(`create table rows_test (id ${id}, k text not null unique, n int not null check (n >= 0), note text)`).execute(db());
  });

  it('writes the rows in the order given and returns one row for each, in that order', async () => {
    const given = [['b', 2, 'hai'], ['a', 1, null], ['c', 3, 'ba "ngoặc" \\ và dòng\nmới']];
    const { rows: back } = await insertJsonRows<{ id: number; k: string }>(h.engine, 'rows_test', COLUMNS, given, 'returning id, k').execute(db());
    expect(back.map((r) => r.k).sort()).toEqual(['a', 'b', 'c']);
    // Ids follow the array's order.
    const byK = new Map(back.map((r) => [r.k, Number(r.id)]));
    expect(byK.get('b')! < byK.get('a')! && byK.get('a')! < byK.get('c')!).toBe(true);
    expect(await rows()).toEqual(given);
  });

  it('skips conflicting rows with DO NOTHING (no row returned for them) and adds up with DO UPDATE', async () => {
    const { rows: skipped } = await insertJsonRows<{ k: string }>(h.engine, 'rows_test', COLUMNS, [['a', 9, null], ['d', 4, null]],
      'on conflict (k) do nothing returning k').execute(db());
    expect(skipped.map((r) => r.k)).toEqual(['d']);
    // Callers add up one row per key (PostgreSQL refuses a key twice in one upsert).
    const { rows: summed } = await insertJsonRows<{ k: string; n: number }>(h.engine, 'rows_test', COLUMNS, [['a', 10, null], ['e', 5, null]],
      'on conflict (k) do update set n = rows_test.n + excluded.n returning k, n').execute(db());
    expect(summed.map((r) => [r.k, Number(r.n)]).sort()).toEqual([['a', 11], ['e', 5]]);
    expect((await rows()).filter((r) => r[0] === 'a' || r[0] === 'e')).toEqual([['a', 11, null], ['e', 5, null]]);
  });

  it('leaves nothing of a batch whose row fails, once the transaction rolls back', async () => {
    const before = await rows();
    await expect(inTx(h.database, async (trx, engine) => {
      await insertJsonRows(engine, 'rows_test', COLUMNS, [['f', 6, null], ['g', -1, null], ['h', 8, null]]).execute(trx);
    })).rejects.toThrow();
    expect(await rows()).toEqual(before);
  });

  it('writes nothing for no rows', async () => {
    const before = await rows();
    const r = await insertJsonRows(h.engine, 'rows_test', COLUMNS, []).execute(db());
    expect(r.rows).toEqual([]);
    expect(await rows()).toEqual(before);
  });
});
