// Issuing (ban hành) a draft: in one transaction it takes the next number of the unit's register for the type and
// year, prints the header valid on the issue date, renders DOCX and PDF, stores both with the number, marks the
// draft issued and writes the audit event. An issued document never changes: there is no update path at all.
import { todayVN, nowIso } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { documentPolicy } from '../../core/policy/documents.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { findIssued, nextDocumentNo, type IssuedRow } from '../../db/repos/documents.ts';
import { inTx } from '../../db/tx.ts';
import { renderDocx } from '../../documents/official/docx.ts';
import { DOC_TYPE_NAMES, fileName, symbolOf, type DocTypeCode, type OfficialModel } from '../../documents/official/model.ts';
import { renderPdf } from '../../documents/official/pdf.ts';
import type { ActorContext } from '../context.ts';
import { draftInScope } from './drafts.ts';
import { resolveHeader } from './headers.ts';

function present(ctx: ActorContext, r: IssuedRow, unitName: string) {
  return {
    id: r.id, unitId: r.unit_id, unitName, type: r.doc_type as DocTypeCode, number: r.number, symbol: r.symbol, year: r.year,
    title: r.title, issuedOn: r.issued_on, entity: r.entity_type ? { type: r.entity_type, id: r.entity_id } : null,
    files: { docx: `/api/documents/${r.id}.docx`, pdf: `/api/documents/${r.id}.pdf` },
  };
}

async function unitNameOf(ctx: ActorContext, unitId: number, date: string): Promise<string> {
  const graph = await ctx.access.unitGraph();
  return graph.nameOn(unitId, date) ?? '';
}

/** Issues a draft: numbered, dated today, rendered and stored; returns `{id, number, symbol, issuedOn, ...}`. */
export async function issueDraft(ctx: ActorContext, draftId: number) {
  const row = await draftInScope(ctx, draftId);
  if (!documentPolicy.can(ctx.actor, 'issue', row.unit_id)) throw errors.forbidden();
  if (row.state !== 'draft') throw errors.conflict();
  const today = todayVN();
  const year = Number(today.slice(0, 4));
  const { header } = await resolveHeader(ctx, row.unit_id, today);
  const issued = await inTx(ctx.database, async (trx, engine) => {
    // Read again inside the transaction: a second click or a colleague may have issued it meanwhile.
    const current = await trx.selectFrom('document_drafts').selectAll().where('id', '=', draftId).executeTakeFirst();
    if (!current || current.state !== 'draft') throw errors.conflict();
    const number = await nextDocumentNo(trx, row.unit_id, current.doc_type, year);
    const stored = JSON.parse(current.model) as OfficialModel;
    const model: OfficialModel = { ...stored, header, number, issuedOn: today, year };
    const [docx, pdf] = await Promise.all([renderDocx(model), renderPdf(model)]);
    const symbol = symbolOf(model.type, header.symbolSuffix, number);
    const title = `${DOC_TYPE_NAMES[model.type]} ${model.subject}`.slice(0, 1000);
    const inserted = await trx.insertInto('issued_documents').values({
      unit_id: row.unit_id, doc_type: current.doc_type, year, number, symbol, title, entity_type: current.entity_type,
      entity_id: current.entity_id, issued_on: today, model: JSON.stringify(model), docx, pdf, issued_by: ctx.actor.userId,
      created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    const marked = await trx.updateTable('document_drafts').set({ state: 'issued', issued_document_id: inserted.id, updated_at: nowIso() })
      .where('id', '=', draftId).where('state', '=', 'draft').executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) throw errors.conflict();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'document.issue', entityType: 'issued_document', entityId: inserted.id, unitId: row.unit_id,
      after: { draftId, type: model.type, number, symbol, issuedOn: today, subject: model.subject },
    });
    return (await findIssued(trx, inserted.id))!;
  });
  return present(ctx, issued, await unitNameOf(ctx, row.unit_id, today));
}

export interface IssuedFilter {
  unitId?: number;
  type?: DocTypeCode;
  year?: number;
  limit: number;
  offset: number;
}

/** Issued documents in scope, newest first. */
export async function listIssued(ctx: ActorContext, f: IssuedFilter) {
  const scope = documentPolicy.unitIds(ctx.actor, 'read');
  if (f.unitId !== undefined && !scope.includes(f.unitId)) throw errors.notFound();
  const units = f.unitId !== undefined ? [f.unitId] : scope;
  if (!units.length) return { documents: [], total: 0 };
  let q = ctx.database.db.selectFrom('issued_documents').where('unit_id', 'in', units);
  if (f.type) q = q.where('doc_type', '=', f.type);
  if (f.year) q = q.where('year', '=', f.year);
  const [rows, total] = await Promise.all([
    q.select(['id', 'unit_id', 'doc_type', 'year', 'number', 'symbol', 'title', 'entity_type', 'entity_id', 'issued_on', 'issued_by', 'created_at'])
      .orderBy('issued_on', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  const today = todayVN();
  const graph = await ctx.access.unitGraph();
  const name = (id: number) => graph.nameOn(id, today) ?? '';
  return { documents: rows.map((r) => present(ctx, r, name(r.unit_id))), total: Number(total?.n ?? 0) };
}

/** One issued document's metadata. */
export async function getIssued(ctx: ActorContext, id: number) {
  const r = await findIssued(ctx.database.db, id);
  if (!r || !documentPolicy.can(ctx.actor, 'read', r.unit_id)) throw errors.notFound();
  return present(ctx, r, await unitNameOf(ctx, r.unit_id, todayVN()));
}

/** The stored DOCX or PDF of an issued document, byte for byte as issued. */
export async function issuedFile(ctx: ActorContext, id: number, format: 'docx' | 'pdf') {
  const meta = await findIssued(ctx.database.db, id);
  if (!meta || !documentPolicy.can(ctx.actor, 'read', meta.unit_id)) throw errors.notFound();
  const row = await ctx.database.db.selectFrom('issued_documents').select([format, 'model']).where('id', '=', id).executeTakeFirstOrThrow();
  const model = JSON.parse(row.model) as OfficialModel;
  const body = (format === 'docx' ? (row as { docx: Buffer }).docx : (row as { pdf: Buffer }).pdf);
  return { body: Buffer.from(body), fileName: fileName(model, format) };
}
