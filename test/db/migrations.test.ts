// Upgrades of a database that holds data: each migration is run on the schema before it, with rows in it.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/engine.ts';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.ts';
import { insertAnswersAndCounts } from '../../src/db/repos/responses.ts';
import { blankDatabase, testEngines } from '../helpers/engines.ts';

for (const engine of testEngines()) {
  describe(`migrations [${engine}]`, () => {
    let database: Db | undefined;
    let drop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await database?.close();
      await drop?.();
      database = drop = undefined;
    });

    it('012 keeps every live-result count, clusters them by their key on SQLite, and drops the unit/state index of the register', async () => {
      const target = await blankDatabase(engine);
      drop = target.drop;
      database = openDatabase(target.url);
      await migrateTo(database, '011_work_results');
      const q = database.db;
      // Rows in the order a year of submissions leaves them: units interleaved, not by key.
      const counts = Array.from({ length: 60 }, (_, i) => ({ campaign_id: 1 + (i % 2), unit_id: 100 - (i * 7) % 13, question_id: `q${i % 5}`, value: String(i % 3), n: i + 1 }))
        .filter((r, i, all) => all.findIndex((o) => o.campaign_id === r.campaign_id && o.unit_id === r.unit_id && o.question_id === r.question_id && o.value === r.value) === i);
      const totals = [{ campaign_id: 1, unit_id: 9, channel: 'web' as const, status: 'valid' as const, n: 4 }, { campaign_id: 1, unit_id: 3, channel: 'paper' as const, status: 'invalid' as const, n: 2 }];
      await q.insertInto('result_counts').values(counts).execute();
      await q.insertInto('result_totals').values(totals).execute();

      expect(await migrateToLatest(database)).toContain('012_write_pages');

      const keptCounts = await q.selectFrom('result_counts').selectAll().execute();
      expect(keptCounts).toHaveLength(counts.length);
      expect(keptCounts).toEqual(expect.arrayContaining(counts));
      const keptTotals = await q.selectFrom('result_totals').selectAll().execute();
      expect(keptTotals).toHaveLength(totals.length);
      expect(keptTotals).toEqual(expect.arrayContaining(totals));
      // The submissions' write still adds to the row under the key.
      await q.transaction().execute((trx) => insertAnswersAndCounts(trx, engine, [], [[1, 100, 'q0', '0', 5]], []));
      const row = await q.selectFrom('result_counts').select('n').where('campaign_id', '=', 1).where('unit_id', '=', 100).where('question_id', '=', 'q0').where('value', '=', '0').executeTakeFirstOrThrow();
      expect(Number(row.n)).toBe(1 + 5);

      if (engine === 'sqlite') {
        const ddl = database.sqlite!.prepare(`select name, sql from sqlite_master where name in ('result_counts', 'result_totals', 'feedback_items_unit_state_due')`).all() as { name: string; sql: string }[];
        expect(ddl.map((d) => d.name).sort()).toEqual(['result_counts', 'result_totals']);
        for (const d of ddl) expect(d.sql).toMatch(/without rowid$/i);
      } else {
        const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'feedback_items'`.execute(q);
        expect(indexes.rows.map((r) => r.indexname)).not.toContain('feedback_items_unit_state_due');
        expect(indexes.rows.map((r) => r.indexname)).toContain('feedback_items_open_unit');
      }
    });

    it('013 indexes duplicates and sources only where an item has one, and the lookups that name one still use them', async () => {
      const target = await blankDatabase(engine);
      drop = target.drop;
      database = openDatabase(target.url);
      expect(await migrateToLatest(database)).toContain('013_sparse_indexes');
      const q = database.db;
      const lookups: [string, string][] = [
        ['feedback_items_duplicate_of', 'select id from feedback_items where id = 5 or duplicate_of = 5'],
        ['feedback_items_source', `select id from feedback_items where source_type = 'import' and source_ref like '12:%'`],
      ];
      if (engine === 'sqlite') {
        const ddl = database.sqlite!.prepare(`select name, sql from sqlite_master where name in ('feedback_items_duplicate_of', 'feedback_items_source')`).all() as { name: string; sql: string }[];
        expect(ddl).toHaveLength(2);
        for (const d of ddl) expect(d.sql).toMatch(/where \w+ is not null$/i);
        for (const [index, query] of lookups) {
          const plan = (database.sqlite!.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
          expect(plan).toContain(index);
        }
      } else {
        const defs = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
          where indexname in ('feedback_items_duplicate_of', 'feedback_items_source')`.execute(q);
        expect(defs.rows).toHaveLength(2);
        for (const d of defs.rows) expect(d.indexdef).toMatch(/WHERE \(\w+ IS NOT NULL\)$/);
        for (const [index, query] of lookups) {
          // An empty table is scanned whatever the indexes; with scans priced out, the plan shows which index can serve.
          const plan = await q.transaction().execute(async (trx) => {
            await sql`set local enable_seqscan = off`.execute(trx);
            return (await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join(' | ');
          });
          expect(plan).toContain(index);
        }
      }
    });

    it('014 serves the register newest first over a wide scope from an index, not a sort of every item', async () => {
      const target = await blankDatabase(engine);
      drop = target.drop;
      database = openDatabase(target.url);
      expect(await migrateToLatest(database)).toContain('014_received_order');
      // The shape the register's list takes for a province (commands/feedback/register.ts): most units, newest first.
      const query = 'select id from feedback_items where unit_id not in (3, 4) order by received_on desc, received_at desc, id desc limit 51';
      let plan: string;
      if (engine === 'sqlite') {
        plan = (database.sqlite!.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
        expect(plan).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      } else {
        plan = await database.db.transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          return (await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join(' | ');
        });
        expect(plan).not.toMatch(/\bSort\b/);
      }
      expect(plan).toContain('feedback_items_received');
    });

    it('015 serves the open items of a wide scope in due order, undated last, from an index', async () => {
      const target = await blankDatabase(engine);
      drop = target.drop;
      database = openDatabase(target.url);
      expect(await migrateToLatest(database)).toContain('015_open_due_order');
      // The shape of the register's open list for a province (commands/feedback/register.ts): most units, the open
      // states as literals, the assignee's name by subquery, undated items last.
      const query = `select i.id, (select a.full_name from users a where a.id = i.assignee_id) as n from feedback_items i
        where i.unit_id not in (3, 4) and i.state in ('received', 'accepted', 'assigned', 'in_progress', 'answer_drafted', 'approved')
        order by (i.due_on is null), i.due_on, i.id limit 51`;
      if (engine === 'sqlite') {
        // SQLite reads the state index one state at a time in the order asked, stopping each once the page is full:
        // the index must hold that order after the state, and the query must read one table.
        const ddl = database.sqlite!.prepare(`select sql from sqlite_master where name = 'feedback_items_state_due'`).get() as { sql: string };
        expect(ddl.sql.replace(/\s+/g, ' ')).toMatch(/\(state, \(due_on is null\), due_on, id\)$/);
        const plan = (database.sqlite!.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
        expect(plan).toContain('USING INDEX feedback_items_state_due (state=?)');
        expect(plan).not.toMatch(/SCAN|JOIN/);
        expect(database.sqlite!.prepare(`select 1 from sqlite_master where name = 'feedback_items_open_due'`).get()).toBeUndefined();
      } else {
        const plan = await database.db.transaction().execute(async (trx) => {
          // An empty table: with scans and bitmaps priced out, the plan shows whether an index gives the order.
          await sql`set local enable_seqscan = off`.execute(trx);
          await sql`set local enable_bitmapscan = off`.execute(trx);
          return (await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(trx)).rows.map((r) => r['QUERY PLAN']).join(' | ');
        });
        expect(plan).toContain('feedback_items_open_due');
        expect(plan).not.toMatch(/\bSort\b/);
      }
    });

    it('016 puts the search key in SQLite\'s order index, so a search walks the index alone; PostgreSQL keeps its own', async () => {
      const target = await blankDatabase(engine);
      drop = target.drop;
      database = openDatabase(target.url);
      expect(await migrateToLatest(database)).toContain('016_search_in_order');
      if (engine === 'sqlite') {
        const ddl = database.sqlite!.prepare(`select sql from sqlite_master where name = 'feedback_items_received'`).get() as { sql: string };
        expect(ddl.sql).toMatch(/\(received_on, received_at, id, search_key\)$/);
        // The register's search (commands/feedback/register.ts): the code's item by id, the words on the key.
        const query = `select i.id from feedback_items i where i.unit_id not in (3, 4)
          and (i.id = (select c.id from feedback_items c where c.tracking_code = 'X') or (i.search_key like '%tram%'))
          order by i.received_on desc, i.received_at desc, i.id desc limit 51`;
        const plan = (database.sqlite!.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
        expect(plan).toContain('SCAN i USING INDEX feedback_items_received');
      } else {
        const defs = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'feedback_items_received'`.execute(database.db);
        expect(defs.rows[0]!.indexdef).toMatch(/\(received_on, received_at, id\)$/);
      }
    });
  });
}
