// Files staff attach to an item: the signed reply letter scanned to PDF, a photo of the repaired street light, a
// record kept for the file. Each is either sent with the answer (role 'answer': the citizen sees it on the status
// page once a leader has approved the answer) or kept internal. Images are re-encoded like citizens' photos;
// PDFs are recognised by their bytes. Nothing published can be taken back quietly: an answer file is removable
// only until the answer is approved.
import { createHash } from 'node:crypto';
import { nowIso } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import { reencodePhoto, sniffImage } from '../../media/images.ts';
import type { ActorContext } from '../context.ts';
import { itemInScope } from './handle.ts';

export const STAFF_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const STAFF_FILES_PER_ITEM = 10;
const FILENAME_MAX = 200;

export interface StaffFileInput {
  bytes: Buffer;
  filename?: string | null;
  /** Sent with the answer (the citizen sees it once approved) or kept internal. */
  public: boolean;
}

const isPdf = (b: Buffer) => b.length > 8 && b.subarray(0, 5).toString('latin1') === '%PDF-';

/** A file name fit to show and to send in a header: no path, no control characters, bounded. */
function cleanName(name: string | null | undefined, ext: string): string {
  const base = (name ?? '').normalize('NFC').split(/[\\/]/).pop()!.replace(/[\p{C}"<>|*?:]/gu, '').trim().slice(0, FILENAME_MAX);
  return base ? (base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`) : `tep-dinh-kem.${ext}`;
}

/** Adds a staff file to an item (officers and leaders in scope); audited. */
export async function addStaffFile(ctx: ActorContext, itemId: number, input: StaffFileInput) {
  const item = await itemInScope(ctx, itemId);
  if (!feedbackPolicy.can(ctx.actor, 'handle', item.unit_id)) throw errors.forbidden();
  if (input.bytes.length > STAFF_FILE_MAX_BYTES) throw errors.field('file', 'feedback.file_too_big', { max: 10 });
  let stored: { bytes: Buffer; mime: string; ext: string };
  if (isPdf(input.bytes)) stored = { bytes: input.bytes, mime: 'application/pdf', ext: 'pdf' };
  else if (sniffImage(input.bytes)) {
    const p = await reencodePhoto(input.bytes, 'file', { maxBytes: STAFF_FILE_MAX_BYTES, tooBigKey: 'feedback.file_too_big' });
    stored = { bytes: p.bytes, mime: p.mime, ext: 'jpg' };
  } else throw errors.field('file', 'feedback.file_type');
  const filename = cleanName(input.filename, stored.ext);
  const role = input.public ? 'answer' as const : 'internal' as const;
  const sha256 = createHash('sha256').update(stored.bytes).digest('hex');
  return inTx(ctx.database, async (trx, engine) => {
    const { n } = await trx.selectFrom('feedback_attachments').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('item_id', '=', itemId).where('role', '!=', 'photo').executeTakeFirstOrThrow();
    if (Number(n) >= STAFF_FILES_PER_ITEM) throw errors.field('file', 'feedback.files_too_many', { max: STAFF_FILES_PER_ITEM });
    const { id } = await trx.insertInto('feedback_attachments').values({
      item_id: itemId, role, public: input.public ? 1 : 0, filename, mime: stored.mime, size: stored.bytes.length, sha256,
      content: stored.bytes, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.file_add', entityType: 'feedback_item', entityId: itemId, unitId: item.unit_id,
      after: { attachmentId: id, role, filename, mime: stored.mime, size: stored.bytes.length, sha256 },
    });
    return { id, role, public: input.public, filename, mime: stored.mime, size: stored.bytes.length };
  });
}

/** Removes a staff file; one sent with an answer only until the answer is approved. Citizens' photos stay. */
export async function removeStaffFile(ctx: ActorContext, itemId: number, attachmentId: number): Promise<void> {
  const item = await itemInScope(ctx, itemId);
  if (!feedbackPolicy.can(ctx.actor, 'handle', item.unit_id)) throw errors.forbidden();
  await inTx(ctx.database, async (trx, engine) => {
    const a = await trx.selectFrom('feedback_attachments').select(['id', 'role', 'filename', 'sha256'])
      .where('id', '=', attachmentId).where('item_id', '=', itemId).executeTakeFirst();
    if (!a || a.role === 'photo') throw errors.notFound();
    const published = item.public_answer !== null && (item.state === 'approved' || item.state === 'closed');
    if (a.role === 'answer' && published) throw errors.conflict('conflict', { file: { key: 'feedback.file_published' } });
    await trx.deleteFrom('feedback_attachments').where('id', '=', attachmentId).execute();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.file_remove', entityType: 'feedback_item', entityId: itemId, unitId: item.unit_id,
      before: { attachmentId, role: a.role, filename: a.filename, sha256: a.sha256 },
    });
  });
}
