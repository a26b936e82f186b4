// Single-use survey tokens (cards with a QR code): only their hash is kept; redeeming is one atomic update.
import type { Kysely } from 'kysely';
import type { MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, _engine: MigrationEngine): Promise<void> {
  await db.schema
    .createTable('survey_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('batch_no', 'integer', (c) => c.notNull())
    .addColumn('used_on', 'text')
    .execute();
  await db.schema.createIndex('survey_tokens_campaign').on('survey_tokens').columns(['campaign_id', 'unit_id']).execute();
}
