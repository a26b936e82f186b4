// The citizen's side of the register: the unit list and the form (no JavaScript, small), submission with photos
// re-encoded and stripped, anonymous and with consent, every bad input answered with a clear page and nothing
// written, the receipt and status pages (always escaped), the same answer for any wrong code, the rating with
// its re-review at the level above, and rate limits.
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { forEachEngine, type Harness } from '../../helpers/harness.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { formatDate } from '../../../src/core/dates.ts';

interface Photo {
  filename: string;
  type: string;
  data: Buffer;
}

/** A multipart/form-data body as a browser sends it: fields first, then the files. */
function multipart(fields: Record<string, string | string[]>, files: Photo[] = []) {
  const boundary = `----lnTest${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let ipSeq = 1;
/** A fresh client address per test, so one test's rate limits never touch another's. */
const newIp = () => `10.9.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

async function post(h: Harness, url: string, body: ReturnType<typeof multipart>, ip: string, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, ...headers }, remoteAddress: ip });
}

const get = (h: Harness, url: string, ip: string, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'GET', url, headers, remoteAddress: ip });

const cookieOf = (res: LightMyRequestResponse) => res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

const CONTENT = 'Đề nghị lắp đèn đường ở thôn 3, xã Thiệu Hóa vì hay mất trộm xe máy ban đêm.';
const UNIT = `/y/${DEMO.thieuHoaCommune}`;

forEachEngine('public feedback form', 'demo', (h) => {
  const count = async () => Number((await h.database.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const byCode = (code: string) => h.database.db.selectFrom('feedback_items').selectAll().where('tracking_code', '=', code.replace('-', '')).executeTakeFirstOrThrow();
  const codeFrom = (location: string) => /^\/tra-cuu\/([2-9A-Z]{5}-[2-9A-Z]{5})\/receipt/.exec(location)![1]!;

  it('lists today\'s commune police grouped by parent, filters by name with or without diacritics', async () => {
    const ip = newIp();
    const all = await get(h, '/y', ip);
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<h2>Công an tỉnh Thanh Hóa</h2>');
    expect(all.body).toContain(`href="/y/${DEMO.thieuHoaCommune}"`);
    expect(all.body).not.toContain(DEMO.oldThieuLong); // ended in 2025
    expect(all.body).not.toContain('<script');
    for (const q of ['thieu hoa', 'THIỆU HÓA']) {
      const some = await get(h, `/y?q=${encodeURIComponent(q)}`, ip);
      expect(some.body).toContain('Công an xã Thiệu Hóa');
      expect(some.body).not.toContain('Công an xã Định Hòa');
    }
    const none = await get(h, `/y?q=${encodeURIComponent('<b>khongco</b>')}`, ip);
    expect(none.body).toContain('Không tìm thấy đơn vị phù hợp');
    expect(none.body).toContain('value="&lt;b&gt;khongco&lt;/b&gt;"');
  });

  it('serves the form without JavaScript within 20 KB, in Vietnamese or English; unknown units get a 404 page', async () => {
    const ip = newIp();
    const gz = await get(h, UNIT, ip, { 'accept-encoding': 'gzip' });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(20 * 1024);
    const page = await get(h, UNIT, ip);
    expect(Buffer.byteLength(page.body)).toBeLessThanOrEqual(20 * 1024);
    expect(zlib.gzipSync(page.body).length).toBe(gz.rawPayload.length);
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('Công an xã Thiệu Hóa');
    expect(page.body).not.toMatch(/<script|<link /);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('accept="image/jpeg,image/png,image/webp" multiple');
    for (const k of ['Góp ý', 'Phản ánh', 'Kiến nghị', 'Khen ngợi']) expect(page.body).toContain(`<b>${k}</b>`);
    expect(page.body).toContain('Khiếu nại, tố cáo, tố giác tội phạm được giải quyết theo thủ tục riêng');
    expect(page.body).toContain('Tôi đồng ý để đơn vị dùng số điện thoại/email này để thông báo kết quả giải quyết ý kiến <small>(phiên bản 2026-01)</small>');
    expect(page.body).not.toContain('checked');
    expect(page.body).toContain('ẩn danh');
    const en = await get(h, `${UNIT}?lang=en`, ip);
    expect(en.body).toContain('I agree that the unit may use this phone number/email');
    expect(en.body).toContain(`action="/y/${DEMO.thieuHoaCommune}?lang=en"`);
    // Case does not matter; an old commune's address leads to today's commune; nonsense is a page, not a 500.
    expect((await get(h, `/y/${DEMO.thieuHoaCommune.toLowerCase()}`, ip)).statusCode).toBe(200);
    // Cành Nàng town merged whole into Bá Thước commune; Thiệu Long was split between two communes.
    const town = await get(h, '/y/th-h-bathuoc.tt-canhnang?src=qr', ip);
    expect([town.statusCode, town.headers.location]).toEqual([302, '/y/TH-X-BATHUOC?src=qr']);
    const split = await get(h, `/y/${DEMO.oldThieuLong}`, ip);
    expect(split.statusCode).toBe(200);
    expect(split.body).toContain('sắp xếp lại');
    expect(split.body).toContain(`href="/y/${DEMO.thieuHoaCommune}"`);
    expect(split.body).toContain(`href="/y/${DEMO.dinhHoaCommune}"`);
    for (const bad of ['/y/KHONG-CO', '/y/%3Cscript%3E', `/y/${'A'.repeat(150)}`]) {
      const res = await get(h, bad, ip);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Không tìm thấy đơn vị');
      expect(res.body).not.toContain('<script>');
    }
  });

  it('takes a submission with contact and consent: receipt with code, register number and date, then the status page', async () => {
    const ip = newIp();
    const before = await count();
    const name = '<script>alert("ten")</script> Lê Văn Tám';
    const content = `<script>alert(1)</script> ${CONTENT}`;
    const res = await post(h, UNIT, multipart({
      website: '', kind: 'request', content, location: 'Thôn 3', fullName: name, phone: '0912 345 678', email: 'Tam@Example.vn',
      address: '', consents: 'contact_updates',
    }, [{ filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) }]), ip);
    expect(res.statusCode).toBe(303);
    const code = codeFrom(res.headers.location as string);
    expect(await count()).toBe(before + 1);

    const item = await byCode(code);
    expect(item).toMatchObject({ channel: 'web', kind: 'request', state: 'received', anonymous: 0, content, location: 'Thôn 3' });
    const person = await h.database.db.selectFrom('feedback_submitters').selectAll().where('id', '=', item.submitter_id!).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ full_name: name, phone: '0912 345 678', email: 'tam@example.vn', address: null });
    const consents = await h.database.db.selectFrom('feedback_consents').selectAll().where('submitter_id', '=', person.id).execute();
    expect(consents.map((c) => [c.purpose, c.text_version])).toEqual([['contact_updates', '2026-01']]);
    const outbox = await h.database.db.selectFrom('notification_outbox').select(['adapter', 'recipient']).where('item_id', '=', item.id).orderBy('id').execute();
    expect(outbox).toEqual([{ adapter: 'email', recipient: 'tam@example.vn' }, { adapter: 'webhook', recipient: '0912 345 678' }]);
    const audit = await h.database.db.selectFrom('audit_events').select(['action', 'ip', 'actor_user_id']).where('entity_id', '=', String(item.id)).where('entity_type', '=', 'feedback_item').execute();
    expect(audit).toEqual([{ action: 'feedback.receive', ip, actor_user_id: null }]);

    // The receipt: the sending browser also sees who sent it, escaped.
    const receipt = await get(h, res.headers.location as string, ip, { cookie: cookieOf(res) });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['referrer-policy']).toBe('no-referrer');
    expect(receipt.body).toContain(`<span class="code">${code}</span>`);
    expect(receipt.body).toContain(`${item.register_no}/${item.register_year}, ngày ${formatDate(item.received_on)}`);
    expect(receipt.body).toContain(`trước ngày ${formatDate(item.ack_due_on!)}`);
    expect(receipt.body).toContain('&lt;script&gt;alert(&quot;ten&quot;)&lt;/script&gt; Lê Văn Tám');
    expect(receipt.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(receipt.body).toContain('t***@example.vn, 09******78');
    expect(receipt.body).not.toContain('<script>');
    expect(receipt.body).toContain(`href="/tra-cuu/${code}/status"`);
    // Without the cookie (someone else with the code) there is no personal data.
    const bare = await get(h, res.headers.location as string, ip);
    expect(bare.body).not.toContain('Lê Văn Tám');
    expect(bare.body).not.toContain('example.vn');

    const status = await get(h, `/tra-cuu/${code}/status`, ip);
    expect(status.statusCode).toBe(200);
    expect(status.headers['referrer-policy']).toBe('no-referrer');
    expect(status.body).toContain('Đã tiếp nhận, đang xem xét thụ lý');
    expect(status.body).toContain('Kiến nghị');
    expect(status.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(status.body).not.toContain('<script>');
    expect(status.body).not.toContain('Lê Văn Tám');
    expect(status.body).toContain(`${formatDate(item.received_on)}</time>`);
    expect(status.body).toContain('Công an xã Thiệu Hóa đã tiếp nhận ý kiến của Ông/Bà');
    expect(status.body).not.toContain('name="rating"');
    // Typed with spaces, lower case, no dash: the same item.
    const typed = await h.app.inject({ method: 'POST', url: '/tra-cuu', remoteAddress: ip, payload: { code: ` ${code.toLowerCase().replace('-', ' ')} ` } });
    expect(typed.statusCode).toBe(200);
    expect(typed.body).toContain(`<b>${code}</b>`);
  });

  it('records a QR submission as such, and answers JSON clients with the code', async () => {
    const ip = newIp();
    const qr = await post(h, `${UNIT}?src=qr`, multipart({ kind: 'praise', content: 'Cảm ơn cán bộ trực ban đã hướng dẫn tận tình.' }), ip);
    expect(qr.statusCode).toBe(303);
    expect((await byCode(codeFrom(qr.headers.location as string))).channel).toBe('qr');
    const json = await h.app.inject({ method: 'POST', url: UNIT, remoteAddress: ip, payload: { kind: 'suggestion', content: CONTENT, email: 'a@example.vn' } });
    expect(json.statusCode).toBe(201);
    const r = json.json();
    expect(r.trackingCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(r.statusUrl).toBe(`/tra-cuu/${r.trackingCode}/status`);
    const bad = await h.app.inject({ method: 'POST', url: `${UNIT}?lang=en`, remoteAddress: ip, payload: { kind: 'complaint', content: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toMatchObject({ kind: 'Please choose the kind of feedback.', content: expect.any(String) });
  });

  it('accepts anonymous feedback; consent without a contact is ignored, a contact without consent gets no notices', async () => {
    const ip = newIp();
    const anon = await post(h, UNIT, multipart({ kind: 'report', content: CONTENT, consents: ['contact_updates', 'followup_survey'] }), ip);
    expect(anon.statusCode).toBe(303);
    const a = await byCode(codeFrom(anon.headers.location as string));
    expect([a.anonymous, a.submitter_id]).toEqual([1, null]);
    const receipt = await get(h, anon.headers.location as string, ip, { cookie: cookieOf(anon) });
    expect(receipt.statusCode).toBe(200);

    const nameOnly = await post(h, UNIT, multipart({ kind: 'report', content: CONTENT, fullName: 'Nguyễn Thị Hoa', consents: 'contact_updates' }), ip);
    const b = await byCode(codeFrom(nameOnly.headers.location as string));
    expect(b.submitter_id).not.toBeNull();
    expect(await h.database.db.selectFrom('feedback_consents').selectAll().where('submitter_id', '=', b.submitter_id!).execute()).toEqual([]);

    const noConsent = await post(h, UNIT, multipart({ kind: 'report', content: CONTENT, phone: '0987654321' }), ip);
    const c = await byCode(codeFrom(noConsent.headers.location as string));
    expect((await h.database.db.selectFrom('feedback_submitters').select('phone').where('id', '=', c.submitter_id!).executeTakeFirstOrThrow()).phone).toBe('0987654321');
    expect(await h.database.db.selectFrom('notification_outbox').selectAll().where('item_id', '=', c.id).execute()).toEqual([]);
    const r2 = await get(h, noConsent.headers.location as string, ip, { cookie: cookieOf(noConsent) });
    expect(r2.body).toContain('Ông/Bà không đăng ký nhận thông báo');
  });

  it('shows a message per field with what was typed kept (escaped), in Vietnamese or English, and writes nothing', async () => {
    const ip = newIp();
    const before = await count();
    const typed = { content: '   ', fullName: '<img src=x onerror=alert(1)>', phone: '12', email: 'khong-phai-email', location: 'Chợ <b>Vạn</b>' };
    const res = await post(h, UNIT, multipart(typed), ip);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Vui lòng kiểm tra lại 4 mục');
    expect(res.body).toContain('Vui lòng chọn loại ý kiến.');
    expect(res.body).toContain('Bắt buộc nhập.');
    expect(res.body).toContain('Số điện thoại không hợp lệ');
    expect(res.body).toContain('Địa chỉ email không hợp lệ.');
    expect(res.body).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
    expect(res.body).toContain('value="khong-phai-email"');
    expect(res.body).toContain('value="Chợ &lt;b&gt;Vạn&lt;/b&gt;"');
    expect(res.body).not.toContain('<img src=x');

    const long = await post(h, `${UNIT}?lang=en`, multipart({ kind: 'suggestion', content: 'a'.repeat(10_001), email: 'x@example.vn', consents: 'contact_updates' }), ip);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('At most 10000 characters.');
    expect(long.body).toContain('value="suggestion" checked');
    expect(long.body).toContain('value="contact_updates" checked');
    expect(long.body).toContain('value="x@example.vn"');

    const huge = await post(h, UNIT, multipart({ kind: 'suggestion', content: 'ă'.repeat(40_000) }), ip);
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('Tối đa 10000 ký tự.');

    const bot = await post(h, UNIT, multipart({ kind: 'suggestion', content: CONTENT, website: 'http://spam.example' }), ip);
    expect(bot.statusCode).toBe(400);
    expect(bot.body).toContain('Ô này phải để trống.');

    const weird = await h.app.inject({ method: 'POST', url: UNIT, remoteAddress: ip, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(weird.statusCode).toBe(415);
    expect(weird.headers['content-type']).toContain('text/html');
    const broken = await h.app.inject({ method: 'POST', url: UNIT, remoteAddress: ip, headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, payload: '--zzz\r\nContent-Disposition: form-data; name="kind"\r\n\r\nsugg' });
    expect(broken.statusCode).toBeLessThan(500);
    expect(await count()).toBe(before);
  });

  it('refuses a sixth photo, a disguised file and an oversized one, writing nothing', async () => {
    const ip = newIp();
    const before = await count();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#1b5e3a' } }).png().toBuffer();
    const six = await post(h, UNIT, multipart({ kind: 'report', content: CONTENT }, Array.from({ length: 6 }, (_, i) => ({ filename: `a${i}.png`, type: 'image/png', data: png }))), ip);
    expect(six.statusCode).toBe(400);
    expect(six.body).toContain('Chỉ gửi được tối đa 5 ảnh.');
    expect(six.body).toContain('vui lòng chọn lại ảnh');
    expect(six.body).toContain(CONTENT);

    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    const disguised = await post(h, UNIT, multipart({ kind: 'report', content: CONTENT }, [{ filename: 'anh<b>.jpg', type: 'image/jpeg', data: html }]), ip);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.body).toContain('Ảnh «anh&lt;b&gt;.jpg»: Ảnh phải là tệp JPEG, PNG hoặc WebP');

    const big = await post(h, UNIT, multipart({ kind: 'report', content: CONTENT }, [{ filename: 'big.jpg', type: 'image/jpeg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024 + 10)]) }]), ip);
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('Ảnh quá lớn: tối đa 5 MB.');

    const truncated = await post(h, UNIT, multipart({ kind: 'report', content: CONTENT }, [{ filename: 'half.png', type: 'image/png', data: png.subarray(0, 40) }]), ip);
    expect(truncated.statusCode).toBe(400);
    expect(truncated.body).toContain('Không đọc được ảnh này.');
    expect(await count()).toBe(before);
    expect(Number((await h.database.db.selectFrom('feedback_attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('stores a phone photo re-encoded, without its EXIF (GPS, camera)', async () => {
    const ip = newIp();
    const jpeg = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#c33' } }).jpeg()
      .withExif({ IFD0: { Make: 'TestCam', Model: 'PhoneX' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 48/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 46/1 0/1' } })
      .toBuffer();
    const exif = (await sharp(jpeg).metadata()).exif!;
    expect(exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer
    const res = await post(h, UNIT, multipart({ kind: 'report', content: CONTENT }, [{ filename: 'IMG_0001.jpg', type: 'image/jpeg', data: jpeg }, { filename: 'b.jpg', type: 'image/jpeg', data: jpeg }]), ip);
    expect(res.statusCode).toBe(303);
    const item = await byCode(codeFrom(res.headers.location as string));
    const photos = await h.database.db.selectFrom('feedback_attachments').selectAll().where('item_id', '=', item.id).execute();
    expect(photos).toHaveLength(2);
    for (const p of photos) {
      const bytes = Buffer.from(p.content);
      expect(p).toMatchObject({ role: 'photo', mime: 'image/jpeg', filename: null, size: bytes.length });
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 120, 80, undefined]);
      expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
      expect(bytes.includes(Buffer.from('TestCam'))).toBe(false);
    }
  });

  it('answers an unknown code and a malformed one identically, no faster than the padding', async () => {
    const ip = newIp();
    const answers: LightMyRequestResponse[] = [];
    for (const url of ['/tra-cuu/ZZZZZ-ZZZZZ/status', '/tra-cuu/%3Cscript%3E/status', '/tra-cuu/0000000000/status', '/tra-cuu/ZZZZZ-ZZZZZ/receipt', '/tra-cuu/abc/data']) {
      const start = performance.now();
      answers.push(await get(h, url, ip));
      expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    }
    for (const code of ['ZZZZZ-ZZZZZ', 'not a code <b>']) {
      answers.push(await h.app.inject({ method: 'POST', url: '/tra-cuu', remoteAddress: ip, payload: { code } }));
    }
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(a.body).toBe(answers[0]!.body);
    }
    expect(answers[0]!.body).toContain('Không tìm thấy ý kiến');
    const empty = await h.app.inject({ method: 'POST', url: '/tra-cuu', remoteAddress: ip, payload: { code: '' } });
    expect(empty.statusCode).toBe(400);
    expect((await get(h, '/tra-cuu', ip)).body).toContain('name="code"');
  });

  it('limits lookups and submissions per client (an address, an IPv6 /64) with a 429 page', async () => {
    const ip = newIp();
    const misses = await Promise.all(Array.from({ length: 30 }, (_, i) => get(h, `/tra-cuu/ZZZZZ-ZZZZ${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[i]}/status`, ip)));
    expect(misses.every((r) => r.statusCode === 404)).toBe(true);
    const blocked = await get(h, '/tra-cuu/ZZZZZ-ZZZZZ/status', ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Quá nhiều yêu cầu');
    // The misses' window is ten minutes: what is left of it, in seconds.
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(500);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect((await get(h, '/tra-cuu/ZZZZZ-ZZZZZ/status', newIp())).statusCode).toBe(404);

    const flood = newIp();
    const before = await count();
    let last: LightMyRequestResponse | null = null;
    for (let i = 0; i < 21; i++) last = await post(h, UNIT, multipart({ kind: 'suggestion', content: '' }), flood);
    expect(last!.statusCode).toBe(429);
    expect(last!.body).toContain('Quá nhiều yêu cầu');
    const json = await h.app.inject({ method: 'POST', url: UNIT, remoteAddress: flood, payload: { kind: 'suggestion', content: CONTENT } });
    expect([json.statusCode, json.json().code]).toEqual([429, 'rate_limited']);
    expect(Number(json.headers['retry-after'])).toBeGreaterThan(500);
    // An IPv6 phone may send each form from a new address of its /64: it is still one client.
    const phone = (i: number) => `2001:db8:feed:1:${i.toString(16)}::1`;
    for (let i = 1; i <= 20; i++) expect((await post(h, UNIT, multipart({ kind: 'suggestion', content: '' }), phone(i))).statusCode).toBe(400);
    expect((await post(h, UNIT, multipart({ kind: 'suggestion', content: CONTENT }), phone(21))).statusCode).toBe(429);
    expect((await post(h, UNIT, multipart({ kind: 'suggestion', content: '' }), '2001:db8:feed:2::1')).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});

forEachEngine('feedback rating and re-review', 'demo', (h) => {
  let officerId: number;
  beforeAll(async () => {
    const me = (await (await h.login('canbo.thieuhoa')).get('/api/auth/me')).json();
    officerId = me.user?.id ?? me.id;
  });

  /** Sends an item through the public form and takes it, through the staff API, to closed (resolved). */
  async function closedItem(ip: string, content = CONTENT) {
    const res = await post(h, UNIT, multipart({ kind: 'request', content, email: 'nguoigui@example.vn', consents: 'contact_updates' }), ip);
    const code = /^\/tra-cuu\/([^/]+)\/receipt/.exec(res.headers.location as string)![1]!;
    const item = await h.database.db.selectFrom('feedback_items').select('id').where('tracking_code', '=', code.replace('-', '')).executeTakeFirstOrThrow();
    const officer = await h.login('canbo.thieuhoa');
    const leader = await h.login('lanhdao.thieuhoa');
    const act = async (c: typeof officer, body: Record<string, unknown>) => {
      const r = await c.post(`/api/feedback/${item.id}/actions`, body);
      expect(r.statusCode, r.body).toBe(200);
    };
    await act(officer, { action: 'accept' });
    const early = await h.app.inject({ method: 'POST', url: `/tra-cuu/${code}/rating`, remoteAddress: ip, payload: { rating: '5' } });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Chỉ đánh giá được khi ý kiến đã giải quyết xong.');
    await act(leader, { action: 'assign', assigneeId: officerId });
    await act(officer, { action: 'start' });
    await act(officer, { action: 'draft', answer: 'Đã lắp 4 đèn đường <b>trong tháng 1</b>.\nCảm ơn Ông/Bà.' });
    await act(leader, { action: 'approve' });
    await act(officer, { action: 'close', outcome: 'resolved' });
    return { code, id: item.id };
  }

  it('shows the published answer and takes one rating; a low one asks the unit above to look again', async () => {
    const ip = newIp();
    const { code, id } = await closedItem(ip);
    const status = await get(h, `/tra-cuu/${code}/status`, ip);
    expect(status.body).toContain('Đã giải quyết xong');
    expect(status.body).toContain('Đã lắp 4 đèn đường &lt;b&gt;trong tháng 1&lt;/b&gt;.\nCảm ơn Ông/Bà.');
    expect(status.body).toContain('name="rating" value="1"');
    expect(status.body).not.toContain('checked');

    const missing = await h.app.inject({ method: 'POST', url: `/tra-cuu/${code}/rating`, remoteAddress: ip, payload: { rating: '9', comment: '<i>x</i>' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Vui lòng chọn từ 1 đến 5 sao.');
    expect(missing.body).toContain('&lt;i&gt;x&lt;/i&gt;</textarea>');

    const rate = await h.app.inject({ method: 'POST', url: `/tra-cuu/${code}/rating`, remoteAddress: ip, payload: { rating: '2', comment: 'Chưa <b>thỏa đáng</b>' } });
    expect(rate.statusCode).toBe(303);
    expect(rate.headers.location).toBe(`/tra-cuu/${code}/status?notice=rereview`);
    const after = await get(h, rate.headers.location as string, ip);
    expect(after.body).toContain('Đơn vị cấp trên sẽ xem xét lại việc giải quyết.');
    expect(after.body).toContain('Ông/Bà đã đánh giá 2/5');
    expect(after.body).not.toContain('name="rating"');
    const row = await h.database.db.selectFrom('feedback_items').select(['rating', 'rating_comment', 'rereview']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ rating: 2, rating_comment: 'Chưa <b>thỏa đáng</b>', rereview: 1 });
    const events = await h.database.db.selectFrom('feedback_events').select(['action', 'public_message', 'actor_kind']).where('item_id', '=', id).orderBy('id').execute();
    expect(events.slice(-2)).toEqual([
      { action: 'rate', public_message: 'Người gửi đánh giá việc giải quyết: 2/5.', actor_kind: 'citizen' },
      { action: 'rereview', public_message: 'Đơn vị cấp trên sẽ xem xét lại việc giải quyết theo đánh giá của Ông/Bà.', actor_kind: 'system' },
    ]);
    const audit = await h.database.db.selectFrom('audit_events').select(['action', 'after_json', 'ip']).where('entity_id', '=', String(id)).where('action', '=', 'feedback.rate').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ rating: 2, rereview: true, comment: true });
    expect(audit[0]!.ip).toBe(ip);
    const notice = await h.database.db.selectFrom('notification_outbox').select('body').where('item_id', '=', id).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(notice.body).toContain('Đơn vị cấp trên sẽ xem xét lại');

    const again = await h.app.inject({ method: 'POST', url: `/tra-cuu/${code}/rating`, remoteAddress: ip, payload: { rating: '5' } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Ý kiến này đã được đánh giá');
    expect((await h.database.db.selectFrom('feedback_items').select('rating').where('id', '=', id).executeTakeFirstOrThrow()).rating).toBe(2);

    // The province's leader finds it with the re-review filter and reopens it, which clears the flag.
    const province = await h.login('lanhdao.tinh');
    const list = (await province.get('/api/feedback?rereview=1')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(id);
    const reopen = await province.post(`/api/feedback/${id}/actions`, { action: 'reopen', reason: 'Người dân chưa hài lòng, giao xác minh lại.' });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect((await province.get('/api/feedback?rereview=1')).json().items.map((i: { id: number }) => i.id)).not.toContain(id);
  });

  it('a good rating just thanks', async () => {
    const ip = newIp();
    const { code, id } = await closedItem(ip, 'Đề nghị tăng cường tuần tra khu vực chợ Vạn vào buổi tối.');
    const rate = await h.app.inject({ method: 'POST', url: `/tra-cuu/${code}/rating?lang=en`, remoteAddress: ip, payload: { rating: '5' } });
    expect(rate.headers.location).toBe(`/tra-cuu/${code}/status?notice=rated&lang=en`);
    expect((await get(h, rate.headers.location as string, ip)).body).toContain('Thank you for your rating.');
    expect((await h.database.db.selectFrom('feedback_items').select(['rating', 'rereview']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ rating: 5, rereview: 0 });
  });
});
