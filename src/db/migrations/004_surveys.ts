// Satisfaction surveys: questionnaires with immutable published versions, campaigns over a unit subtree,
// anonymous responses and their answers, and roll-up counts kept current on write for live results.
import type { Kysely } from 'kysely';
import { idColumn, type MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await idColumn(db.schema.createTable('questionnaires'), engine)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db.schema.createTable('questionnaire_versions'), engine)
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addUniqueConstraint('questionnaire_versions_unique', ['questionnaire_id', 'version'])
    .execute();

  await idColumn(db.schema.createTable('campaigns'), engine)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('questionnaire_version_id', 'integer', (c) => c.notNull().references('questionnaire_versions.id'))
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('margin_permille', 'integer', (c) => c.notNull().defaultTo(50))
    .addColumn('min_cell', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('previous_campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_unit').on('campaigns').column('unit_id').execute();

  await idColumn(db.schema.createTable('campaign_units'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('population', 'integer')
    .addColumn('target', 'integer')
    .addColumn('suspected_duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('campaign_units_unique', ['campaign_id', 'unit_id'])
    .execute();

  // Anonymous by design: no IP, no identity, no time of day — only the date it arrived.
  await idColumn(db.schema.createTable('responses'), engine)
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sheet_id', 'text')
    .addColumn('client_key', 'text')
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('responses_client_key', ['campaign_id', 'client_key'])
    .addUniqueConstraint('responses_sheet', ['campaign_id', 'sheet_id'])
    .execute();
  await db.schema.createIndex('responses_campaign_unit').on('responses').columns(['campaign_id', 'unit_id']).execute();

  await db.schema
    .createTable('answers')
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('answers_response').on('answers').column('response_id').execute();

  // Live results read these, not the raw answers: one row per campaign, unit, question and answer code.
  await db.schema
    .createTable('result_counts')
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('result_counts_pk', ['campaign_id', 'unit_id', 'question_id', 'value'])
    .execute();
  await db.schema
    .createTable('result_totals')
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('result_totals_pk', ['campaign_id', 'unit_id', 'channel', 'status'])
    .execute();
}
