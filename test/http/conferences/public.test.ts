// The conference's photos (re-encoded without metadata, scoped, audited) and its citizen pages: the published
// summary (no speakers' names, answers given on the spot, public photos only), 404 until published, the walk-in
// self check-in and a delegate's personal QR check-in (open only when staff open it, on the day; never on a GET).
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { todayVN } from '../../../src/core/dates.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { expectTenMinuteLimit } from '../../helpers/limits.ts';

const JPEG = 'image/jpeg';

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#a33' } })
    .withExif({ IFD0: { Make: 'PhoneCo', Artist: 'Nguyễn Văn A' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 48/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 46/1 40/1' } })
    .jpeg().toBuffer();
}

forEachEngine('conference photos and public pages', 'demo', (h) => {
  let officer: Client;
  let conf: { id: number; publicCode: string };
  let n = 0;

  /** A fresh conference today at a venue of its own (so plans never clash). */
  async function planToday(who: Client = officer) {
    const unitId = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const res = await who.post('/api/conferences', {
      unitId, title: 'Hội nghị Công an lắng nghe ý kiến Nhân dân', period: todayVN().slice(0, 4), date: todayVN(),
      startTime: '08:00', endTime: '11:00', venue: `Nhà văn hóa thôn số ${++n}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; publicCode: string };
  }

  beforeAll(async () => {
    officer = await h.login('canbo.thieuhoa');
    conf = await planToday();
  });

  it('stores photos re-encoded without EXIF or GPS, lists, serves, captions, publishes and deletes them, each step audited', async () => {
    const up = await officer.post(`/api/conferences/${conf.id}/photos?caption=${encodeURIComponent('Quang cảnh hội nghị')}`, await photoWithGps(), { 'content-type': JPEG });
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json();
    expect(photo).toMatchObject({ caption: 'Quang cảnh hội nghị', width: 640, height: 480, public: false });

    const img = await officer.get(`/api/conferences/${conf.id}/photos/${photo.id}.jpg`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe(JPEG);
    const meta = await sharp(img.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(img.rawPayload.includes(Buffer.from('Nguyễn Văn A'))).toBe(false);

    const patched = await officer.patch(`/api/conferences/${conf.id}/photos/${photo.id}`, { public: true, caption: 'Đại biểu phát biểu' });
    expect(patched.json()).toMatchObject({ public: true, caption: 'Đại biểu phát biểu' });
    expect((await officer.get(`/api/conferences/${conf.id}/photos`)).json().photos).toHaveLength(1);
    expect((await officer.delete(`/api/conferences/${conf.id}/photos/${photo.id}`)).statusCode).toBe(204);
    expect((await officer.get(`/api/conferences/${conf.id}/photos/${photo.id}.jpg`)).statusCode).toBe(404);

    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'conference')
      .where('entity_id', '=', String(conf.id)).where('action', 'like', 'conference.photo%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['conference.photo_add', 'conference.photo_update', 'conference.photo_delete']);
  });

  it('refuses what is not a photo, an empty body and a long caption, per field; keeps other units and viewers out', async () => {
    const text = await officer.post(`/api/conferences/${conf.id}/photos`, '<html>not a photo</html>', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(400);
    expect(Object.keys(text.json().fields)).toEqual(['photo']);
    const fake = await officer.post(`/api/conferences/${conf.id}/photos`, Buffer.from('GIF89a....'), { 'content-type': JPEG });
    expect(fake.json().fields.photo).toBeTruthy();
    const long = await officer.post(`/api/conferences/${conf.id}/photos?caption=${'x'.repeat(301)}`, await photoWithGps(), { 'content-type': JPEG });
    expect(Object.keys(long.json().fields)).toEqual(['caption']);
    // An officer of another commune does not see it at all; the provincial viewer sees it but cannot add photos.
    const other = await h.login('canbo.dinhhoa');
    expect((await other.get(`/api/conferences/${conf.id}/photos`)).statusCode).toBe(404);
    expect((await other.post(`/api/conferences/${conf.id}/photos`, await photoWithGps(), { 'content-type': JPEG })).statusCode).toBe(404);
    const viewer = await h.login('dando.tinhuy');
    expect((await viewer.get(`/api/conferences/${conf.id}/photos`)).statusCode).toBe(200);
    expect((await viewer.post(`/api/conferences/${conf.id}/photos`, await photoWithGps(), { 'content-type': JPEG })).statusCode).toBe(403);
  });

  it('shows the published summary of the demo conference: answers on the spot, no speakers, public photos only', async () => {
    const db = h.database.db;
    const thieuHoa = (await loadUnitGraph(db)).idOf(DEMO.thieuHoaCommune)!;
    const demo = await db.selectFrom('conferences').selectAll().where('unit_id', '=', thieuHoa).where('published_at', 'is not', null)
      .orderBy('held_on', 'desc').executeTakeFirstOrThrow();
    const page = await h.anon.get(`/hn/${demo.public_code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(demo.title);
    expect(page.body).toContain(demo.venue);
    expect(page.body).toContain('Công an xã Thiệu Hóa');
    expect(page.body).not.toContain('<script');
    const spots = await db.selectFrom('conference_opinions').select(['spot_answer']).where('conference_id', '=', demo.id).where('answer_mode', '=', 'spot').execute();
    for (const s of spots) expect(page.body).toContain(s.spot_answer!.slice(0, 40));
    // Nobody's name: neither the delegates' nor the speakers'.
    const names = await db.selectFrom('conference_delegates').select('full_name').where('conference_id', '=', demo.id).execute();
    for (const d of names) expect(page.body).not.toContain(d.full_name);
    const photos = await db.selectFrom('conference_photos').select(['id', 'public']).where('conference_id', '=', demo.id).execute();
    for (const p of photos) {
      const img = await h.anon.get(`/hn/${demo.public_code}/anh/${p.id}.jpg`);
      expect(img.statusCode).toBe(p.public ? 200 : 404);
      if (p.public) expect(page.body).toContain(`/anh/${p.id}.jpg`);
    }
    expect((await h.anon.get(`/hn/${demo.public_code}?lang=en`)).body).toContain('What people said and the answers');
  });

  it('answers 404 for an unpublished conference, an unknown code and a malformed one', async () => {
    for (const code of [conf.publicCode, 'ZZZZZZZZ', '<script>', 'a'.repeat(200)]) {
      const res = await h.anon.get(`/hn/${encodeURIComponent(code)}`);
      expect(res.statusCode, code).toBe(404);
      expect(res.body).toContain('Không tìm thấy hội nghị');
    }
  });

  it('limits page views per client: past 300 in ten minutes, a 429 page with what is left of the window', async () => {
    await expectTenMinuteLimit(h.app, '/hn/ZZZZZZZZ', 300, 404, '198.51.100.88', '198.51.100.89');
  });

  it('checks delegates in by their own QR code and walk-ins by the hall QR code, only while open', async () => {
    const c = await planToday();
    const added = await officer.post(`/api/conferences/${c.id}/delegates`, { fullName: 'Lê Thị Mai', title: 'Trưởng thôn', category: 'village_head' });
    expect(added.statusCode, added.body).toBe(201);
    const token = (await h.database.db.selectFrom('conference_delegates').select('checkin_token').where('id', '=', added.json().id).executeTakeFirstOrThrow()).checkin_token;

    // Closed: the pages say so and nothing is written.
    expect((await h.anon.get(`/hn/d/${token}`)).body).toContain('Điểm danh chưa mở');
    expect((await h.anon.post(`/hn/d/${token}`)).statusCode).toBe(409);
    expect((await h.anon.get(`/hn/${c.publicCode}/diem-danh`)).body).not.toContain('<form');

    expect((await officer.post(`/api/conferences/${c.id}/checkin-open`, { open: true })).statusCode).toBe(200);
    const personal = await h.anon.get(`/hn/d/${token}`);
    expect(personal.body).toContain('Xác nhận tôi có mặt');
    expect(personal.headers['referrer-policy']).toBe('no-referrer');
    // A GET never checks anyone in (link previews and scanners follow GETs).
    const before = (await officer.get(`/api/conferences/${c.id}/delegates`)).json().delegates[0];
    expect(before.checkedInAt).toBeNull();
    const done = await h.anon.post(`/hn/d/${token}`);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Đã điểm danh lúc');
    expect((await h.anon.post(`/hn/d/${token}`)).body).toContain('đã điểm danh trước đó');
    const after = (await officer.get(`/api/conferences/${c.id}/delegates`)).json().delegates[0];
    expect(after).toMatchObject({ checkinMethod: 'self' });
    expect(after.checkedInAt).not.toBeNull();

    const form = await h.anon.get(`/hn/${c.publicCode}/diem-danh`);
    expect(form.body).toContain('<form');
    const empty = await h.anon.post(`/hn/${c.publicCode}/diem-danh`, { fullName: '  ', village: 'thôn 3' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="e-fullName"');
    expect(empty.body).toContain('value="thôn 3"');
    const walkIn = await h.anon.post(`/hn/${c.publicCode}/diem-danh`, { fullName: 'Trần Văn Bình', title: 'Người dân', village: 'thôn Đông' });
    expect(walkIn.statusCode).toBe(200);
    const list = (await officer.get(`/api/conferences/${c.id}/delegates`)).json().delegates as { fullName: string; walkIn: boolean; checkedInAt: string | null }[];
    expect(list.find((d) => d.fullName === 'Trần Văn Bình')).toMatchObject({ walkIn: true });
    expect((await h.anon.get('/hn/d/NOTATOKEN')).statusCode).toBe(404);
    // The self check-in is audited as the public's (no account).
    const audit = await h.database.db.selectFrom('audit_events').select(['actor_username', 'after_json']).where('action', '=', 'conference.checkin')
      .where('entity_id', '=', String(added.json().id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toBeNull();
  });
});
