// Citizen photos attached to feedback: recognised by their bytes (never by name or declared type), refused when
// too large, corrupt or a decompression bomb, then re-encoded as a plain JPEG without any metadata (EXIF GPS,
// camera, ICC, XMP, IPTC), auto-rotated and fitted into PHOTO_LIMITS.maxEdge.
import { createHash } from 'node:crypto';
import sharp, { type SharpOptions } from 'sharp';
import { AppError, errors } from '../core/errors.ts';

export const PHOTO_LIMITS = { maxFiles: 5, maxBytes: 5 * 1024 * 1024, maxPixels: 40_000_000, maxEdge: 1600 };

export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heic';

export interface ReencodedPhoto {
  bytes: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
  /** SHA-256 (hex) of the re-encoded bytes. */
  sha256: string;
}

// A 2-core server: one libvips worker thread per image, no operation cache, so memory stays predictable.
sharp.concurrency(1);
sharp.cache(false);

const JPEG_QUALITY = 80;
/** Abort a pipeline that runs this long (a pathological file); the photo is then refused as unreadable. */
const TIMEOUT_SECONDS = 20;

/** ISO-BMFF (ftyp) brands of HEIF images: HEVC-coded HEIC, generic HEIF (mif1/msf1) and AVIF. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis']);

/** sharp's name for the format each sniffed kind must decode as. */
const SHARP_FORMAT: Record<ImageKind, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', heic: 'heif' };

function ascii(buf: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...buf.subarray(start, end));
}

/** The image type from the file's magic bytes, or null (HTML, PDF, executables, GIF, SVG, empty ...). */
export function sniffImage(buf: Uint8Array): ImageKind | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (
    buf.length >= 8 &&
    buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47 &&
    buf[4] === 0x0d && buf[5] === 0x0a && buf[6] === 0x1a && buf[7] === 0x0a
  ) {
    return 'png';
  }
  if (buf.length >= 12 && ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return 'webp';
  if (buf.length >= 12 && ascii(buf, 4, 8) === 'ftyp') {
    // Box: size (4, big-endian) 'ftyp' major brand (4) minor version (4) compatible brands (4 each).
    const size = ((buf[0] ?? 0) << 24) | ((buf[1] ?? 0) << 16) | ((buf[2] ?? 0) << 8) | (buf[3] ?? 0);
    const end = Math.min(size >>> 0, buf.length, 256);
    if (HEIF_BRANDS.has(ascii(buf, 8, 12))) return 'heic';
    for (let at = 16; at + 4 <= end; at += 4) if (HEIF_BRANDS.has(ascii(buf, at, at + 4))) return 'heic';
  }
  return null;
}

// One pipeline at a time: a 40-megapixel PNG must be decoded whole (~160 MB), so parallel uploads would add up.
let tail: Promise<unknown> = Promise.resolve();
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work);
  tail = run.catch(() => undefined);
  return run;
}

function isPixelLimit(e: unknown): boolean {
  return e instanceof Error && /pixel limit/i.test(e.message);
}

/**
 * Re-encodes an uploaded photo: JPEG (quality 80), sRGB, EXIF orientation applied, fitted into maxEdge x maxEdge
 * (never enlarged), transparency flattened onto white, and no metadata at all.
 * A conference camera's photo may be larger than a citizen's (`limit`).
 * Refuses with a validation error on `field`: feedback.photo_too_big (or limit.tooBigKey), feedback.photo_type,
 * feedback.photo_too_many_pixels or feedback.photo_unreadable (corrupt, truncated, undecodable).
 */
export async function reencodePhoto(buf: Buffer, field = 'photo', limit: { maxBytes: number; tooBigKey: string } = { maxBytes: PHOTO_LIMITS.maxBytes, tooBigKey: 'feedback.photo_too_big' }): Promise<ReencodedPhoto> {
  if (buf.length > limit.maxBytes) throw errors.field(field, limit.tooBigKey);
  const kind = sniffImage(buf);
  if (!kind) throw errors.field(field, 'feedback.photo_type');

  return serially(async () => {
    const options: SharpOptions = {
      limitInputPixels: PHOTO_LIMITS.maxPixels,
      // 'error': truncated or corrupt pixel data aborts; libjpeg's harmless warnings (common in phone files) pass.
      failOn: 'error',
      autoOrient: true,
    };
    try {
      // The header alone: the declared dimensions, before anything is decoded.
      const meta = await sharp(buf, options).metadata();
      if (meta.format !== SHARP_FORMAT[kind]) throw errors.field(field, 'feedback.photo_unreadable');
      if (!meta.width || !meta.height) throw errors.field(field, 'feedback.photo_unreadable');
      if (meta.width * meta.height > PHOTO_LIMITS.maxPixels) throw errors.field(field, 'feedback.photo_too_many_pixels');

      const { data, info } = await sharp(buf, options)
        .timeout({ seconds: TIMEOUT_SECONDS })
        .resize(PHOTO_LIMITS.maxEdge, PHOTO_LIMITS.maxEdge, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: JPEG_QUALITY, mozjpeg: false })
        .toBuffer({ resolveWithObject: true });
      return {
        bytes: data,
        mime: 'image/jpeg',
        width: info.width,
        height: info.height,
        sha256: createHash('sha256').update(data).digest('hex'),
      };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (isPixelLimit(e)) throw errors.field(field, 'feedback.photo_too_many_pixels');
      throw errors.field(field, 'feedback.photo_unreadable');
    }
  });
}
