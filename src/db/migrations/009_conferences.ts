// Conferences (hội nghị lắng nghe ý kiến Nhân dân): the plan, the delegates and their attendance, the opinions
// raised (each one an item in the feedback register), photos; paper batches can belong to a conference.
import type { Kysely } from 'kysely';
import { blobType, idColumn, type MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await idColumn(db.schema.createTable('conferences'), engine)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // The reporting period the conference covers, e.g. '2026'.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    // The day in Vietnam it is held on (from starts_at): what lists, overlaps and the province's view key on.
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    // The venue folded (no case, no diacritics, single spaces): two conferences in one venue must not overlap.
    .addColumn('venue_key', 'text', (c) => c.notNull())
    .addColumn('co_organisers', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text', (c) => c.notNull())
    .addColumn('presiding_name', 'text')
    .addColumn('presiding_title', 'text')
    .addColumn('secretary_name', 'text')
    .addColumn('secretary_title', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    // Short random code for the public URLs (/hn/<code>): the summary page and the self check-in.
    .addColumn('public_code', 'text', (c) => c.notNull().unique())
    .addColumn('checkin_open', 'integer', (c) => c.notNull().defaultTo(0))
    // People who came without being on the delegate list and did not check themselves in.
    .addColumn('extra_attendance', 'integer', (c) => c.notNull().defaultTo(0))
    // What was reported and said, for the minutes (the opinions themselves live in the register).
    .addColumn('proceedings', 'text')
    .addColumn('conclusion', 'text')
    .addColumn('public_summary', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conferences_unit').on('conferences').columns(['unit_id', 'held_on']).execute();
  await db.schema.createIndex('conferences_day').on('conferences').columns(['held_on', 'venue_key']).execute();

  // Delegates carry personal data (contact): minimal, shown only to those who may, each view logged.
  await idColumn(db.schema.createTable('conference_delegates'), engine)
    .addColumn('conference_id', 'integer', (c) => c.notNull().references('conferences.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('organisation', 'text')
    .addColumn('village', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    // official | mass_org | village_head | resident | police | guest: the minutes count attendance by group.
    .addColumn('category', 'text', (c) => c.notNull())
    // A personal code printed on the invitation as a QR code: scanning it checks the delegate in.
    .addColumn('checkin_token', 'text', (c) => c.notNull().unique())
    .addColumn('checked_in_at', 'text')
    // staff (ticked on a tablet) | self (own QR code or the conference's walk-in form)
    .addColumn('checkin_method', 'text')
    .addColumn('walk_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('anonymised_at', 'text')
    .execute();
  await db.schema.createIndex('conference_delegates_conf').on('conference_delegates').columns(['conference_id', 'full_name']).execute();

  // Each opinion raised is an item in the register; this row says where and how it was raised and answered.
  await idColumn(db.schema.createTable('conference_opinions'), engine)
    .addColumn('conference_id', 'integer', (c) => c.notNull().references('conferences.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().unique().references('feedback_items.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('delegate_id', 'integer', (c) => c.references('conference_delegates.id'))
    // spot (answered at the conference) | writing (to be answered in writing later)
    .addColumn('answer_mode', 'text', (c) => c.notNull())
    .addColumn('spot_answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conference_opinions_seq', ['conference_id', 'seq'])
    .execute();

  await idColumn(db.schema.createTable('conference_photos'), engine)
    .addColumn('conference_id', 'integer', (c) => c.notNull().references('conferences.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', blobType(engine), (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conference_photos_conf').on('conference_photos').column('conference_id').execute();

  // The paper batch handed out at a conference (issue 3: batches tracked per unit and per conference).
  await db.schema.alterTable('paper_batches').addColumn('conference_id', 'integer', (c) => c.references('conferences.id')).execute();
}
