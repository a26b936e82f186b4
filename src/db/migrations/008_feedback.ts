// The feedback register: items from every channel with their register number and tracking code, the people who
// gave them (kept apart, anonymisable), consents per purpose, every handling step, attachments, response
// templates, the working-day calendar, settings, the notification outbox, partner API keys and data-subject requests.
import { sql, type Kysely } from 'kysely';
import { DEFAULT_TOPICS } from '../../core/feedback/kinds.ts';
import { blobType, idColumn, type MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  await idColumn(db.schema.createTable('feedback_topics'), engine)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('parent_code', 'text')
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The default taxonomy ships with the schema: every installation starts with it, admins adapt it.
  await (db as Kysely<{ feedback_topics: { code: string; parent_code: string | null; name_vi: string; name_en: string; sort: number } }>)
    .insertInto('feedback_topics')
    .values(DEFAULT_TOPICS.map((t, i) => ({ code: t.code, parent_code: t.parent ?? null, name_vi: t.vi, name_en: t.en, sort: (i + 1) * 10 })))
    .execute();

  // Personal data lives here only, so anonymising a person is one UPDATE and items keep their history.
  await idColumn(db.schema.createTable('feedback_submitters'), engine)
    .addColumn('full_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('role_title', 'text')
    .addColumn('organisation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('anonymised_at', 'text')
    .execute();

  await idColumn(db.schema.createTable('feedback_consents'), engine)
    .addColumn('submitter_id', 'integer', (c) => c.notNull().references('feedback_submitters.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('feedback_consents_submitter').on('feedback_consents').column('submitter_id').execute();

  await idColumn(db.schema.createTable('feedback_items'), engine)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('register_year', 'integer', (c) => c.notNull())
    .addColumn('register_no', 'integer', (c) => c.notNull())
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('topic_code', 'text')
    .addColumn('procedure', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('concerned_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('concerned_officer', 'text')
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('submitter_id', 'integer', (c) => c.references('feedback_submitters.id'))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate_of', 'integer', (c) => c.references('feedback_items.id'))
    .addColumn('split_from', 'integer', (c) => c.references('feedback_items.id'))
    .addColumn('source_type', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('ack_due_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('acked_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('answer_draft', 'text')
    .addColumn('public_answer', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('rereview', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('feedback_items_register', ['unit_id', 'register_year', 'register_no'])
    .execute();
  // The register list: open items of a subtree by due date; the overdue filter is `due_on < today`.
  await db.schema.createIndex('feedback_items_unit_state_due').on('feedback_items').columns(['unit_id', 'state', 'due_on']).execute();
  await db.schema.createIndex('feedback_items_state_due').on('feedback_items').columns(['state', 'due_on']).execute();
  // What the province watches: items still owing the citizen something, in due-date order. A partial index keeps
  // it small (closed items, most of a register, are not in it) and lets "overdue, by due date, first page" read
  // the first rows of the index instead of sorting every open item. Both engines support partial indexes.
  await sql`create index feedback_items_owing_due on feedback_items (due_on, id)
            where state in ('received', 'accepted', 'assigned', 'in_progress', 'answer_drafted')`.execute(db);
  // What a commune works on: its open items by due date, without reading the years of closed ones beside them.
  await sql`create index feedback_items_open_unit on feedback_items (unit_id, due_on, id)
            where state in ('received', 'accepted', 'assigned', 'in_progress', 'answer_drafted', 'approved')`.execute(db);
  await db.schema.createIndex('feedback_items_duplicate_of').on('feedback_items').column('duplicate_of').execute();
  await db.schema.createIndex('feedback_items_source').on('feedback_items').columns(['source_type', 'source_ref']).execute();
  // A survey comment is copied once and a partner's report is taken once, even when two requests race.
  await sql`create unique index feedback_items_source_once on feedback_items (source_type, source_ref)
            where source_type in ('survey_response', 'partner')`.execute(db);

  await db.schema
    .createTable('feedback_counters')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_counters_pk', ['unit_id', 'year'])
    .execute();

  // Every handling step: who, when, why, and what the citizen is told (public_message; null = internal only).
  await idColumn(db.schema.createTable('feedback_events'), engine)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('feedback_items.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('reason', 'text')
    .addColumn('public_message', 'text')
    .addColumn('internal_note', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('feedback_events_item').on('feedback_events').column('item_id').execute();

  await idColumn(db.schema.createTable('feedback_attachments'), engine)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('feedback_items.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filename', 'text')
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', blobType(engine), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_attachments_item').on('feedback_attachments').column('item_id').execute();

  await idColumn(db.schema.createTable('feedback_templates'), engine)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('topic_code', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Days off and make-up working days entered by an admin; they win over the computed holidays.
  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Written in the same transaction as the change it announces, sent afterwards: nothing acknowledged is lost.
  await idColumn(db.schema.createTable('notification_outbox'), engine)
    .addColumn('item_id', 'integer', (c) => c.references('feedback_items.id'))
    .addColumn('adapter', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('notification_outbox_due').on('notification_outbox').columns(['state', 'next_attempt_at']).execute();

  await idColumn(db.schema.createTable('api_partners'), engine)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await idColumn(db.schema.createTable('data_requests'), engine)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('feedback_items.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answer', 'text')
    .execute();
  await db.schema.createIndex('data_requests_item').on('data_requests').column('item_id').execute();
}
