// Work results (kết quả công tác): the indicators a unit reports on (a default national list, configurable) and
// each unit's figure per indicator and period ('2026', '2026-H1', '2026-Q3', '2026-11').
import type { Kysely } from 'kysely';
import { DEFAULT_INDICATORS } from '../../core/work-results/indicators.ts';
import { idColumn, type MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await idColumn(db.schema.createTable('work_indicators'), engine)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('group', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The default list ships with the schema, as the feedback topics do; administrators adapt it.
  await (db as Kysely<{ work_indicators: { code: string; name_vi: string; name_en: string; measure: string; group: string; sort: number } }>)
    .insertInto('work_indicators')
    .values(DEFAULT_INDICATORS.map((d, i) => ({ code: d.code, name_vi: d.vi, name_en: d.en, measure: d.measure, group: d.group, sort: (i + 1) * 10 })))
    .execute();

  await idColumn(db.schema.createTable('work_results'), engine)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('work_indicators.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    // Counts in practice, but fines may carry decimals; double on PostgreSQL (its `real` is 4 bytes, SQLite's is 8).
    .addColumn('value', engine === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
    // manual | import
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('work_results_key', ['unit_id', 'indicator_id', 'period'])
    .execute();
  // Reads are "these units, this period": the comparison asks for the unit and its predecessors at once.
  await db.schema.createIndex('work_results_period').on('work_results').columns(['period', 'unit_id']).execute();
}
