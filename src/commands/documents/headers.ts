// A unit's header for official documents: the bodies named at the top left, the symbol suffix ("CAX"), the place
// on the date line, who signs and the default "Nơi nhận". Configured per unit; without a row it is derived from the
// unit graph with the unit's name, parent and place valid on the date (so a document issued after a merger or a
// rename carries the name of that day).
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { documentPolicy } from '../../core/policy/documents.ts';
import type { UnitGraph } from '../../core/units/graph.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import type { DocumentHeadersTable } from '../../db/schema.ts';
import { inTx } from '../../db/tx.ts';
import { cleanText, type DocumentHeader, type HeaderSettings, type Signer } from '../../documents/official/model.ts';
import type { ActorContext } from '../context.ts';
import { bodyInitials, reportUnit, signerTitle } from '../../core/units/official-name.ts';

/** The header with who signs and the default recipients, and whether it comes from configuration. */
export interface ResolvedHeader {
  header: DocumentHeader;
  signer: Signer;
  recipients: string[];
  configured: boolean;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');

/** The header derived from the unit graph as of `date`: name, parent's name, place (or short name), initials. */
export function derivedHeader(graph: UnitGraph, unitId: number, date: string): ResolvedHeader | null {
  const unit = reportUnit(graph, unitId, date);
  const v = graph.versionAt(unitId, date) ?? graph.structuralVersion(unitId, date);
  if (!unit || !v) return null;
  return {
    header: {
      parentBody: unit.parentName, issuingBody: unit.name, symbolSuffix: bodyInitials(unit.bodyType),
      place: v.place ?? v.shortName ?? unit.placeName,
    },
    signer: { authority: null, titleLines: [upper(signerTitle(unit))], name: null },
    recipients: [...(unit.parentName ? [`${unit.parentName} (để báo cáo)`] : []), 'Lưu: VT'],
    configured: false,
  };
}

function fromRow(row: DocumentHeadersTable): ResolvedHeader {
  return {
    header: { parentBody: row.parent_body, issuingBody: row.issuing_body, symbolSuffix: row.symbol_suffix, place: row.place },
    signer: { authority: row.signer_authority, titleLines: row.signer_title.split('\n').filter(Boolean), name: row.signer_name },
    recipients: JSON.parse(row.recipients) as string[],
    configured: true,
  };
}

/** The header a document of the unit carries on `date`: the configured one, else the derived one. */
export async function resolveHeader(ctx: ActorContext, unitId: number, date: string): Promise<ResolvedHeader> {
  const row = await ctx.database.db.selectFrom('document_headers').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  if (row) return fromRow(row);
  const derived = derivedHeader(await ctx.access.unitGraph(), unitId, date);
  if (!derived) throw errors.notFound();
  return derived;
}

function present(unitId: number, r: ResolvedHeader, canEdit: boolean) {
  return {
    unitId, configured: r.configured, canEdit,
    parentBody: r.header.parentBody, issuingBody: r.header.issuingBody, symbolSuffix: r.header.symbolSuffix, place: r.header.place,
    signerAuthority: r.signer.authority, signerTitle: r.signer.titleLines.join('\n'), signerName: r.signer.name,
    recipients: r.recipients,
  };
}

/** The unit's header as the console shows it (the derived one when none is configured). */
export async function getHeader(ctx: ActorContext, unitId: number) {
  if (!documentPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  return present(unitId, await resolveHeader(ctx, unitId, todayVN()), documentPolicy.can(ctx.actor, 'configure', unitId));
}

/** Replaces the unit's header (admins and leaders of the unit). */
export async function updateHeader(ctx: ActorContext, unitId: number, input: HeaderSettings) {
  if (!documentPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  if (!documentPolicy.can(ctx.actor, 'configure', unitId)) throw errors.forbidden();
  const clean = (s: string) => cleanText(s).replace(/[ \t]+/g, ' ').trim();
  const row: DocumentHeadersTable = {
    unit_id: unitId,
    parent_body: input.parentBody === null ? null : clean(input.parentBody) || null,
    issuing_body: clean(input.issuingBody),
    symbol_suffix: clean(input.symbolSuffix).toLocaleUpperCase('vi'),
    place: clean(input.place),
    signer_authority: input.signerAuthority,
    signer_title: input.signerTitle.split('\n').map(clean).filter(Boolean).join('\n'),
    signer_name: input.signerName === null ? null : clean(input.signerName) || null,
    recipients: JSON.stringify(input.recipients.map(clean).filter(Boolean)),
    updated_at: nowIso(),
  };
  if (!row.issuing_body) throw errors.field('issuingBody', 'validation.required');
  if (!row.place) throw errors.field('place', 'validation.required');
  if (!row.signer_title) throw errors.field('signerTitle', 'validation.required');
  const before = await ctx.database.db.selectFrom('document_headers').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  await inTx(ctx.database, async (trx, engine) => {
    const { unit_id: _id, ...set } = row;
    await trx.insertInto('document_headers').values(row).onConflict((oc) => oc.column('unit_id').doUpdateSet(set)).execute();
    const view = (r: DocumentHeadersTable | undefined) => (r ? present(unitId, fromRow(r), true) : null);
    const { canEdit: _a, configured: _b, ...after } = view(row)!;
    await appendAudit(trx, engine, ctx.audit, {
      action: 'document.header_update', entityType: 'document_header', entityId: unitId, unitId, before: view(before), after,
    });
  });
  return getHeader(ctx, unitId);
}
