import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError, type FieldIssue } from '../../src/core/errors.ts';
import { PHOTO_LIMITS, reencodePhoto, sniffImage } from '../../src/media/images.ts';

/** The field issues of the AppError that `work` must reject with. */
async function refusal(work: Promise<unknown>): Promise<Record<string, FieldIssue> | undefined> {
  const e = await work.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe('validation');
  return (e as AppError).fields;
}

/** Whether a TIFF-structured EXIF block (as sharp's metadata().exif returns it) has a GPS IFD in IFD0. */
function hasGpsIfd(exif: Buffer): boolean {
  const tiff = exif.indexOf('II*\0') >= 0 ? exif.indexOf('II*\0') : exif.indexOf('MM\0*');
  if (tiff < 0) return false;
  const le = exif[tiff] === 0x49;
  const u16 = (at: number) => (le ? exif.readUInt16LE(tiff + at) : exif.readUInt16BE(tiff + at));
  const u32 = (at: number) => (le ? exif.readUInt32LE(tiff + at) : exif.readUInt32BE(tiff + at));
  const ifd0 = u32(4);
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

function crc32(data: Buffer): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real, valid 1-bit PNG of side x side white-black pixels: a small file that decodes to a huge image. */
function pngBomb(side: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(side / 8)) * side); // filter byte 0 + packed pixels, per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const gps = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '19/1 48/1 30/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '105/1 46/1 40/1',
};

/** A noisy (so not trivially compressible) photo-like JPEG. */
function noisyJpeg(width: number, height: number): Sharp {
  return sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  }).jpeg({ quality: 90 });
}

describe('sniffImage', () => {
  it('recognises JPEG, PNG, WebP and HEIC by their bytes', async () => {
    const px = sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } });
    expect(sniffImage(await px.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImage(await px.clone().png().toBuffer())).toBe('png');
    expect(sniffImage(await px.clone().webp().toBuffer())).toBe('webp');
    const ftyp = (major: string, ...compat: string[]) => {
      const box = Buffer.alloc(16 + 4 * compat.length);
      box.writeUInt32BE(box.length, 0);
      box.write('ftyp', 4, 'latin1');
      box.write(major, 8, 'latin1');
      compat.forEach((b, i) => box.write(b, 16 + 4 * i, 'latin1'));
      return Buffer.concat([box, Buffer.alloc(64)]);
    };
    expect(sniffImage(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(sniffImage(ftyp('mif1', 'heic'))).toBe('heic');
    expect(sniffImage(ftyp('isom', 'mp41'))).toBeNull(); // an MP4 video
  });

  it('refuses anything else, whatever its name', () => {
    expect(sniffImage(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffImage(Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe('reencodePhoto', () => {
  it('strips all metadata (EXIF with GPS, ICC, XMP) and re-encodes as JPEG', async () => {
    const input = await noisyJpeg(800, 600)
      .withExif({ IFD0: { Make: 'PhoneCo', Model: 'X1', Artist: 'Nguyễn Văn A' }, IFD3: gps })
      .withIccProfile('p3')
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>')
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.exif && hasGpsIfd(before.exif)).toBe(true);
    expect(before.icc).toBeDefined();
    expect(before.xmp).toBeDefined();

    const out = await reencodePhoto(input, 'photos[0]');
    expect(out.mime).toBe('image/jpeg');
    expect(sniffImage(out.bytes)).toBe('jpeg');
    expect([out.width, out.height]).toEqual([800, 600]);
    expect(out.sha256).toBe(createHash('sha256').update(out.bytes).digest('hex'));
    const after = await sharp(out.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect([after.width, after.height]).toEqual([800, 600]);
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(out.bytes.includes('PhoneCo')).toBe(false);
  });

  it('applies the EXIF orientation (width and height swap) and fits the long edge into maxEdge', async () => {
    const input = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#369' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD3: gps })
      .toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = await reencodePhoto(input);
    expect([out.width, out.height]).toEqual([PHOTO_LIMITS.maxEdge / 2, PHOTO_LIMITS.maxEdge]);
    const after = await sharp(out.bytes).metadata();
    expect([after.width, after.height]).toEqual([800, 1600]);
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
  });

  it('accepts a PNG with transparency and a WebP', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const fromPng = await reencodePhoto(png);
    expect([fromPng.width, fromPng.height]).toEqual([300, 200]);
    const after = await sharp(fromPng.bytes).metadata();
    expect([after.format, after.channels, after.hasAlpha]).toEqual(['jpeg', 3, false]);
    const [r, g, b] = (await sharp(fromPng.bytes).stats()).channels.map((c) => Math.round(c.mean));
    expect(r).toBeGreaterThan(245); // half-transparent red on white, not on black
    expect(g).toBeGreaterThan(110);
    expect(b).toBeGreaterThan(110);

    const webp = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#0a0' } }).webp().toBuffer();
    const fromWebp = await reencodePhoto(webp);
    expect([fromWebp.width, fromWebp.height]).toEqual([120, 90]);
  });

  it('refuses a file over 5 MB before looking at it', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(await refusal(reencodePhoto(big, 'photos[1]'))).toEqual({ 'photos[1]': { key: 'feedback.photo_too_big' } });
  });

  it('refuses a disguised file (an HTML page, a PDF, an .exe named photo.jpg)', async () => {
    for (const text of ['<html><body onload="x()">photo.jpg</body></html>', '%PDF-1.4\n%âãÏÓ\n', 'MZ\x90\0']) {
      expect(await refusal(reencodePhoto(Buffer.from(text, 'latin1'), 'photos[2]'))).toEqual({
        'photos[2]': { key: 'feedback.photo_type' },
      });
    }
  });

  it('refuses a truncated or corrupt image cleanly', async () => {
    const jpeg = await noisyJpeg(640, 480).toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    expect(await refusal(reencodePhoto(truncated, 'photos[3]'))).toEqual({
      'photos[3]': { key: 'feedback.photo_unreadable' },
    });
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg at all')]);
    expect(await refusal(reencodePhoto(garbage))).toEqual({ photo: { key: 'feedback.photo_unreadable' } });
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123' } }).png().toBuffer();
    const badPng = Buffer.from(png);
    badPng.fill(0x55, 40, 60); // inside IDAT: checksum and deflate stream broken
    expect(await refusal(reencodePhoto(badPng))).toEqual({ photo: { key: 'feedback.photo_unreadable' } });
    // The queue is not left broken by a failure.
    expect((await reencodePhoto(png)).width).toBe(64);
  });

  it('refuses a decompression bomb (20000 x 20000 pixels in a small PNG) as too many pixels', async () => {
    const bomb = pngBomb(20_000);
    expect(bomb.length).toBeLessThan(PHOTO_LIMITS.maxBytes);
    expect(sniffImage(bomb)).toBe('png');
    expect(await refusal(reencodePhoto(bomb, 'photos[4]'))).toEqual({
      'photos[4]': { key: 'feedback.photo_too_many_pixels' },
    });
  });
});
