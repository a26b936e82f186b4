// Paper forms: printed batches (with the layout they were printed from), their sheets, and the keying of each
// sheet (one or two clerks: double entry).
import type { Kysely } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('double_entry_permille', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await idColumn(db.schema.createTable('paper_batches'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('sheet_count', 'integer', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('paper_batches_campaign').on('paper_batches').columns(['campaign_id', 'unit_id']).execute();

  await db.schema
    .createTable('paper_sheets')
    .addColumn('sheet_id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('paper_batches.id'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('response_id', 'integer', (c) => c.references('responses.id'))
    .execute();
  await db.schema.createIndex('paper_sheets_batch').on('paper_sheets').columns(['batch_id', 'state']).execute();
  await db.schema.createIndex('paper_sheets_campaign').on('paper_sheets').columns(['campaign_id', 'state']).execute();

  await idColumn(db.schema.createTable('keyings'), engine)
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('paper_sheets.sheet_id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('keyings_unique', ['sheet_id', 'round'])
    .execute();
}
