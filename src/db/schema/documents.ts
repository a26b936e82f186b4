// Table types: official documents: headers, numbering, drafts and issued documents.
// Conventions (timestamps, dates) in ../schema.ts, which gathers every table into DB.
import type { Generated } from 'kysely';

/** A unit's header for official documents; without a row it is derived from the unit graph. */
export interface DocumentHeadersTable {
  unit_id: number;
  parent_body: string | null;
  issuing_body: string;
  symbol_suffix: string;
  place: string;
  signer_authority: string | null;
  signer_title: string;
  signer_name: string | null;
  /** JSON string[] */
  recipients: string;
  updated_at: string;
}

/** The last number issued per unit, document type and year. */
export interface DocumentCountersTable {
  unit_id: number;
  doc_type: string;
  year: number;
  last_no: number;
}

export interface DocumentDraftsTable {
  id: Generated<number>;
  unit_id: number;
  doc_type: string;
  entity_type: string | null;
  entity_id: number | null;
  /** JSON OfficialModel */
  model: string;
  state: 'draft' | 'issued';
  issued_document_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface IssuedDocumentsTable {
  id: Generated<number>;
  unit_id: number;
  doc_type: string;
  year: number;
  number: number;
  symbol: string;
  title: string;
  entity_type: string | null;
  entity_id: number | null;
  issued_on: string;
  /** JSON OfficialModel, as issued */
  model: string;
  docx: Buffer;
  pdf: Buffer;
  issued_by: number | null;
  created_at: string;
}
