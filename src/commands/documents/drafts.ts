// Drafts of official documents: made by the conference commands (createDraft) from a builder's content, edited
// by staff (subject, blocks' text, signers, recipients) until issued, previewed unnumbered as DOCX or PDF.
import { createHash } from 'node:crypto';
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors, type FieldIssue } from '../../core/errors.ts';
import { documentPolicy } from '../../core/policy/documents.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import type { DocumentDraftsTable } from '../../db/schema.ts';
import { inTx } from '../../db/tx.ts';
import { renderDocx } from '../../documents/official/docx.ts';
import {
  BlockSchema, DOC_TYPE_NAMES, LIMITS, RecipientsSchema, SignerSchema, completeModel, fileName,
  type DocTypeCode, type DraftContent, type DraftEdit, type OfficialModel,
} from '../../documents/official/model.ts';
import { renderPdf } from '../../documents/official/pdf.ts';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { ActorContext } from '../context.ts';
import { resolveHeader } from './headers.ts';

type DraftRow = Selectable<DocumentDraftsTable>;

export interface CreateDraftInput {
  unitId: number;
  type: DocTypeCode;
  /** What the document is about, e.g. 'conference' and its id; null for a free-standing document. */
  entityType: string | null;
  entityId: number | null;
  /** A builder's output (documents/conference/*): the unit's header, signer and recipients fill the gaps. */
  model: DraftContent;
}

const ContentSchema = z.object({
  subject: z.string().min(1).max(LIMITS.subject),
  blocks: z.array(BlockSchema).max(LIMITS.blocks),
  signers: z.array(SignerSchema).min(1).max(2).optional(),
  recipients: RecipientsSchema.optional(),
});

/** Refuses a model over the size limit (the JSON stored and rendered). */
function checkSize(model: OfficialModel): string {
  const json = JSON.stringify(model);
  if (Buffer.byteLength(json) > LIMITS.modelBytes) throw errors.field('model', 'documents.too_large', { max: LIMITS.modelBytes / 1_000_000 });
  return json;
}

/** A draft the actor may read (its unit is in their scope), or 404. */
export async function draftInScope(ctx: ActorContext, id: number): Promise<DraftRow> {
  const row = await ctx.database.db.selectFrom('document_drafts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !documentPolicy.can(ctx.actor, 'read', row.unit_id)) throw errors.notFound();
  return row;
}

/** The stored model with today's header for the unit: what a preview and the issue print. */
export async function currentModel(ctx: ActorContext, row: DraftRow): Promise<OfficialModel> {
  const stored = JSON.parse(row.model) as OfficialModel;
  const { header } = await resolveHeader(ctx, row.unit_id, todayVN());
  return { ...stored, header };
}

async function present(ctx: ActorContext, row: DraftRow) {
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const issued = row.issued_document_id === null ? null : await ctx.database.db.selectFrom('issued_documents')
    .select(['id', 'number', 'symbol', 'issued_on']).where('id', '=', row.issued_document_id).executeTakeFirst();
  const model = row.state === 'draft' ? await currentModel(ctx, row) : JSON.parse(row.model) as OfficialModel;
  return {
    id: row.id, unitId: row.unit_id,
    unitName: graph.nameOn(row.unit_id, today) ?? '',
    type: row.doc_type as DocTypeCode, typeName: DOC_TYPE_NAMES[row.doc_type as DocTypeCode],
    entity: row.entity_type ? { type: row.entity_type, id: row.entity_id } : null,
    model, state: row.state,
    issued: issued ? { id: issued.id, number: issued.number, symbol: issued.symbol, issuedOn: issued.issued_on } : null,
    allowed: (['edit', 'issue'] as const).filter((a) => row.state === 'draft' && documentPolicy.can(ctx.actor, a, row.unit_id)),
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
export type DraftView = Awaited<ReturnType<typeof present>>;

/**
 * A new draft for a unit from a builder's content (the conference commands call this): checks the actor may edit
 * documents of the unit (outside the scope: 404), fills in the unit's header, signer and recipients, stores it
 * unnumbered and writes the audit event.
 */
export async function createDraft(ctx: ActorContext, input: CreateDraftInput): Promise<DraftView> {
  if (!documentPolicy.can(ctx.actor, 'read', input.unitId)) throw errors.notFound();
  if (!documentPolicy.can(ctx.actor, 'edit', input.unitId)) throw errors.forbidden();
  const parsed = ContentSchema.safeParse(input.model);
  if (!parsed.success) {
    const fields: Record<string, FieldIssue> = {};
    for (const i of parsed.error.issues) fields[`model.${i.path.join('.')}`] ??= { key: 'validation.format' };
    throw errors.validation(fields);
  }
  const today = todayVN();
  const resolved = await resolveHeader(ctx, input.unitId, today);
  const model = completeModel({ ...parsed.data, type: input.type }, resolved.header, resolved,
    { number: null, issuedOn: null, year: Number(today.slice(0, 4)) });
  const json = checkSize(model);
  const row = await inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const inserted = await trx.insertInto('document_drafts').values({
      unit_id: input.unitId, doc_type: input.type, entity_type: input.entityType, entity_id: input.entityId, model: json,
      state: 'draft', issued_document_id: null, created_by: ctx.actor.userId, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'document.draft_create', entityType: 'document_draft', entityId: inserted.id, unitId: input.unitId,
      after: { type: input.type, entityType: input.entityType, entityId: input.entityId, subject: model.subject },
    });
    return inserted;
  });
  return present(ctx, row);
}

/** One draft (or a draft that has been issued, with its number). */
export async function getDraft(ctx: ActorContext, id: number): Promise<DraftView> {
  return present(ctx, await draftInScope(ctx, id));
}

/** Drafts in scope, newest first, optionally of one unit or about one entity (a conference's documents). */
export async function listDrafts(ctx: ActorContext, f: { unitId?: number; entityType?: string; entityId?: number; limit: number }) {
  const scope = documentPolicy.unitIds(ctx.actor, 'read');
  if (f.unitId !== undefined && !scope.includes(f.unitId)) throw errors.notFound();
  const units = f.unitId !== undefined ? [f.unitId] : scope;
  if (!units.length) return { drafts: [] };
  let q = ctx.database.db.selectFrom('document_drafts').selectAll().where('unit_id', 'in', units).orderBy('id', 'desc').limit(f.limit);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId !== undefined) q = q.where('entity_id', '=', f.entityId);
  const rows = await q.execute();
  return {
    drafts: rows.map((r) => {
      const m = JSON.parse(r.model) as OfficialModel;
      return {
        id: r.id, unitId: r.unit_id, type: r.doc_type, subject: m.subject, state: r.state, issuedDocumentId: r.issued_document_id,
        entity: r.entity_type ? { type: r.entity_type, id: r.entity_id } : null, updatedAt: r.updated_at,
      };
    }),
  };
}

const digest = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);

/** Applies validated edits to a draft; an issued one is refused (409). */
export async function updateDraft(ctx: ActorContext, id: number, edit: DraftEdit): Promise<DraftView> {
  const row = await draftInScope(ctx, id);
  if (!documentPolicy.can(ctx.actor, 'edit', row.unit_id)) throw errors.forbidden();
  if (row.state !== 'draft') throw errors.conflict();
  const before = JSON.parse(row.model) as OfficialModel;
  const after: OfficialModel = {
    ...before,
    ...(edit.subject !== undefined ? { subject: edit.subject.trim() } : {}),
    ...(edit.blocks !== undefined ? { blocks: edit.blocks } : {}),
    ...(edit.signers !== undefined ? { signers: edit.signers } : {}),
    ...(edit.recipients !== undefined ? { recipients: edit.recipients } : {}),
  };
  const changed = (['subject', 'blocks', 'signers', 'recipients'] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  if (!changed.length) return present(ctx, row);
  const json = checkSize(after);
  // Blocks can be long: the audit keeps their digest, the rest as it was and is.
  const pick = (m: OfficialModel) => Object.fromEntries(changed.map((k) => [k, k === 'blocks' ? { count: m.blocks.length, sha256: digest(m.blocks) } : m[k]]));
  const updated = await inTx(ctx.database, async (trx, engine) => {
    const r = await trx.updateTable('document_drafts').set({ model: json, updated_at: nowIso() })
      .where('id', '=', id).where('state', '=', 'draft').returningAll().executeTakeFirst();
    if (!r) throw errors.conflict();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'document.draft_update', entityType: 'document_draft', entityId: id, unitId: row.unit_id, before: pick(before), after: pick(after),
    });
    return r;
  });
  return present(ctx, updated);
}

/** The draft rendered without a number or date, as DOCX or PDF. */
export async function previewDraft(ctx: ActorContext, id: number, format: 'docx' | 'pdf') {
  const row = await draftInScope(ctx, id);
  const model = row.state === 'draft' ? await currentModel(ctx, row) : JSON.parse(row.model) as OfficialModel;
  const draft = { ...model, number: null, issuedOn: null };
  return { body: format === 'docx' ? await renderDocx(draft) : await renderPdf(draft), fileName: fileName(draft, format) };
}
