// Request shapes for the official documents API.
import { z } from 'zod';
import { errors } from '../../../core/errors.ts';
import { DOC_TYPES } from '../../../documents/official/model.ts';
import { Id } from '../units/schema.ts';

export { DraftEditSchema } from '../../../documents/official/model.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** A draft's JSON with a 300-row table and long paragraphs stays well under this; the model itself is capped at 2 MB. */
export const DRAFT_BODY_LIMIT = 3 * 1024 * 1024;

const Line = (max: number) => z.string().max(max);

export const HeaderBody = z.object({
  parentBody: Line(200).nullable(),
  issuingBody: Line(200),
  symbolSuffix: z.string().trim().regex(/^[A-Za-zĐđ0-9]{1,12}$/u, { message: 'key:documents.symbol_format' }),
  place: Line(100),
  signerAuthority: z.enum(['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.']).nullable(),
  signerTitle: Line(300),
  signerName: Line(120).nullable(),
  recipients: z.array(Line(300)).max(30),
}).strict();

export const IssuedQuery = z.object({
  unitId: z.coerce.number().pipe(Id).optional(),
  type: z.enum(DOC_TYPES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  lang: z.string().optional(),
}).strict();

export const DraftsQuery = z.object({
  unitId: z.coerce.number().pipe(Id).optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.coerce.number().pipe(Id).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  lang: z.string().optional(),
}).strict();

/** ":id.docx" / ":id.pdf" / ":id": anything else names no document (404, never 400). */
export function fileParam(params: unknown): { id: number; format: 'docx' | 'pdf' | null } {
  const file = (params as { file?: unknown } | undefined)?.file;
  const m = typeof file === 'string' ? /^(\d{1,10})(?:\.(docx|pdf))?$/.exec(file) : null;
  const id = m ? Number(m[1]) : NaN;
  if (!m || !Id.safeParse(id).success) throw errors.notFound();
  return { id, format: (m[2] as 'docx' | 'pdf' | undefined) ?? null };
}
