// Official documents (Nghị định 30/2020): each unit's header, the number registers (per unit, type and year),
// drafts that staff edit, and issued documents that never change (their DOCX and PDF stored with the number).
import type { Kysely } from 'kysely';
import { blobType, idColumn, type MigrationEngine } from './helpers.ts';

export async function up(db: Kysely<unknown>, engine: MigrationEngine): Promise<void> {
  // Without a row the header is derived from the unit graph on the issue date (name, parent, place).
  await db.schema.createTable('document_headers')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
    .addColumn('parent_body', 'text')
    .addColumn('issuing_body', 'text', (c) => c.notNull())
    .addColumn('symbol_suffix', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('signer_authority', 'text')
    .addColumn('signer_title', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text')
    // JSON string[]: the default "Nơi nhận".
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The register (sổ đăng ký văn bản đi): an upsert in the issuing transaction takes the next number.
  await db.schema.createTable('document_counters')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pk', ['unit_id', 'doc_type', 'year'])
    .execute();

  await idColumn(db.schema.createTable('document_drafts'), engine)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull())
    // What the document is about, e.g. ('conference', 12): lets the conference screens find their drafts.
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'integer')
    // JSON OfficialModel (documents/official/model.ts).
    .addColumn('model', 'text', (c) => c.notNull())
    // draft | issued
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('issued_document_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_drafts_entity').on('document_drafts').columns(['entity_type', 'entity_id']).execute();

  await idColumn(db.schema.createTable('issued_documents'), engine)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'integer')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('docx', blobType(engine), (c) => c.notNull())
    .addColumn('pdf', blobType(engine), (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('issued_documents_number', ['unit_id', 'doc_type', 'year', 'number'])
    .execute();
  await db.schema.createIndex('issued_documents_list').on('issued_documents').columns(['unit_id', 'issued_on']).execute();
}
