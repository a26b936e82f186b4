// The conference's photo gallery: photos re-encoded on the way in (no EXIF, no GPS, bounded size), captioned,
// and shown on the public summary only when someone marked them public.
import { nowIso } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import { reencodePhoto } from '../../media/images.ts';
import type { ActorContext } from '../context.ts';
import { conferenceFor } from './shared.ts';

/** A conference camera's file may be larger than a citizen's phone photo. */
export const CONFERENCE_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const CAPTION_MAX = 300;
/** Enough for a conference; a gallery of hundreds would be a mistake (or an attack on the disk). */
export const PHOTOS_PER_CONFERENCE = 60;

export interface PhotoView {
  id: number;
  caption: string | null;
  width: number;
  height: number;
  public: boolean;
  createdAt: string;
}

function cleanCaption(s: string | null | undefined): string | null {
  const t = s?.normalize('NFC').trim();
  if (t && t.length > CAPTION_MAX) throw errors.field('caption', 'validation.too_long', { max: CAPTION_MAX });
  return t ? t : null;
}

/** The gallery, oldest first. */
export async function listPhotos(ctx: ActorContext, conferenceId: number): Promise<PhotoView[]> {
  await conferenceFor(ctx, conferenceId, 'read');
  const rows = await ctx.database.db.selectFrom('conference_photos')
    .select(['id', 'caption', 'width', 'height', 'public', 'created_at'])
    .where('conference_id', '=', conferenceId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, caption: r.caption, width: r.width, height: r.height, public: r.public === 1, createdAt: r.created_at }));
}

/** Re-encodes and stores one photo (the original bytes are never kept). */
export async function addPhoto(ctx: ActorContext, conferenceId: number, bytes: Buffer, caption?: string | null): Promise<PhotoView> {
  const c = await conferenceFor(ctx, conferenceId, 'run');
  const text = cleanCaption(caption);
  const photo = await reencodePhoto(bytes, 'photo', { maxBytes: CONFERENCE_PHOTO_MAX_BYTES, tooBigKey: 'conference.photo_too_big' });
  return inTx(ctx.database, async (trx, engine) => {
    const { n } = await trx.selectFrom('conference_photos').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conference_id', '=', conferenceId).executeTakeFirstOrThrow();
    if (Number(n) >= PHOTOS_PER_CONFERENCE) throw errors.field('photo', 'conference.photos_too_many', { max: PHOTOS_PER_CONFERENCE });
    const now = nowIso();
    const { id } = await trx.insertInto('conference_photos').values({
      conference_id: conferenceId, mime: photo.mime, bytes: photo.bytes, width: photo.width, height: photo.height,
      sha256: photo.sha256, caption: text, public: 0, created_by: ctx.actor.userId, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.photo_add', entityType: 'conference', entityId: conferenceId, unitId: c.unit_id,
      after: { photoId: id, caption: text, width: photo.width, height: photo.height, sha256: photo.sha256 },
    });
    return { id, caption: text, width: photo.width, height: photo.height, public: false, createdAt: now };
  });
}

/** The stored JPEG of one photo of a conference in scope. */
export async function photoBytes(ctx: ActorContext, conferenceId: number, photoId: number): Promise<{ mime: string; bytes: Buffer }> {
  await conferenceFor(ctx, conferenceId, 'read');
  const p = await ctx.database.db.selectFrom('conference_photos').select(['mime', 'bytes'])
    .where('id', '=', photoId).where('conference_id', '=', conferenceId).executeTakeFirst();
  if (!p) throw errors.notFound();
  return { mime: p.mime, bytes: Buffer.from(p.bytes) };
}

/** Changes a caption or whether the photo appears on the public summary. */
export async function updatePhoto(ctx: ActorContext, conferenceId: number, photoId: number, patch: { caption?: string | null; public?: boolean }): Promise<PhotoView> {
  const c = await conferenceFor(ctx, conferenceId, 'run');
  const set: { caption?: string | null; public?: number } = {};
  if (patch.caption !== undefined) set.caption = cleanCaption(patch.caption);
  if (patch.public !== undefined) set.public = patch.public ? 1 : 0;
  return inTx(ctx.database, async (trx, engine) => {
    const before = await trx.selectFrom('conference_photos').select(['id', 'caption', 'width', 'height', 'public', 'created_at'])
      .where('id', '=', photoId).where('conference_id', '=', conferenceId).executeTakeFirst();
    if (!before) throw errors.notFound();
    if (Object.keys(set).length) await trx.updateTable('conference_photos').set(set).where('id', '=', photoId).execute();
    const after = { ...before, ...set };
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.photo_update', entityType: 'conference', entityId: conferenceId, unitId: c.unit_id,
      before: { photoId, caption: before.caption, public: before.public === 1 }, after: { photoId, caption: after.caption, public: after.public === 1 },
    });
    return { id: photoId, caption: after.caption, width: after.width, height: after.height, public: after.public === 1, createdAt: after.created_at };
  });
}

/** Removes a photo (taken by mistake, or of someone who asked not to be shown). */
export async function deletePhoto(ctx: ActorContext, conferenceId: number, photoId: number): Promise<void> {
  const c = await conferenceFor(ctx, conferenceId, 'run');
  await inTx(ctx.database, async (trx, engine) => {
    const r = await trx.deleteFrom('conference_photos').where('id', '=', photoId).where('conference_id', '=', conferenceId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw errors.notFound();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.photo_delete', entityType: 'conference', entityId: conferenceId, unitId: c.unit_id, before: { photoId },
    });
  });
}
