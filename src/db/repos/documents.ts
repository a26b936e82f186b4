// Official documents' SQL: the number register and the issued files.
import { sql } from 'kysely';
import type { Q, Tx } from '../tx.ts';

/**
 * The next number in a unit's register for a type and year, taken inside the caller's transaction: one upsert, so
 * two issues at once wait on the same row (PostgreSQL) or on the single writer (SQLite) and never share a number.
 */
export async function nextDocumentNo(trx: Tx, unitId: number, docType: string, year: number): Promise<number> {
  const row = await trx.insertInto('document_counters').values({ unit_id: unitId, doc_type: docType, year, last_no: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'doc_type', 'year']).doUpdateSet({ last_no: sql<number>`document_counters.last_no + 1` }))
    .returning('last_no').executeTakeFirstOrThrow();
  return row.last_no;
}

/** An issued document's metadata, without its files. */
export function findIssued(q: Q, id: number) {
  return q.selectFrom('issued_documents')
    .select(['id', 'unit_id', 'doc_type', 'year', 'number', 'symbol', 'title', 'entity_type', 'entity_id', 'issued_on', 'issued_by', 'created_at'])
    .where('id', '=', id).executeTakeFirst();
}
export type IssuedRow = NonNullable<Awaited<ReturnType<typeof findIssued>>>;
