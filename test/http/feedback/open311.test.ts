// Open311 GeoReport v2 intake for partner platforms, and the partner API keys behind it: services in JSON and XML,
// form and JSON posts landing in the unit's register on channel 'partner', one item per partner reference, the
// spec's error format for every failure, reading back only one's own requests, and keys that stop working.
import { beforeAll, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { DEFAULT_TOPICS } from '../../../src/core/feedback/kinds.ts';
import { formatTrackingCode } from '../../../src/core/feedback/tracking.ts';
import { hashApiKey, locationText, parseLocation, readRequestBody, statusOf, xmlEscape } from '../../../src/core/feedback/open311.ts';
import { PER_KEY_PER_MINUTE } from '../../../src/http/routes/open311/index.ts';

const V2 = '/open311/v2';
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error'].includes(name) });
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

it('maps locations, statuses and bodies (pure)', () => {
  expect(locationText('Ngã tư Voi', 19.81, 105.77)).toBe('Ngã tư Voi (19.81, 105.77)');
  expect(parseLocation('Ngã tư Voi (19.81, 105.77)')).toEqual({ address: 'Ngã tư Voi', lat: 19.81, long: 105.77 });
  expect(parseLocation(locationText(null, -1.5, 100))).toEqual({ address: null, lat: -1.5, long: 100 });
  expect(parseLocation('Thôn 3 (gần chợ)')).toEqual({ address: 'Thôn 3 (gần chợ)', lat: null, long: null });
  expect(statusOf('in_progress')).toBe('open');
  expect(statusOf('forwarded')).toBe('closed');
  expect(readRequestBody({ 'attribute[partner_ref]': 'A1', description: 'x', lat: 19.8 }).raw).toMatchObject({ partner_ref: 'A1', lat: '19.8' });
  expect(readRequestBody({ attribute: { partner_ref: 'A2' } }).raw.partner_ref).toBe('A2');
  expect(readRequestBody({ description: ['a', 'b'] }).bad).toEqual(['description']);
  expect(xmlEscape('a<b>&"\u0001')).toBe('a&lt;b&gt;&amp;&quot;');
});

forEachEngine('open311 intake', 'demo', (h) => {
  let admin: Client;
  let province: number, commune: number;
  let provinceKey: string, communeKey: string;
  let provincePartnerId: number;

  const post = (format: 'json' | 'xml', payload: string, headers: Record<string, string> = FORM) =>
    h.app.inject({ method: 'POST', url: `${V2}/requests.${format}`, headers, payload });
  const get = (url: string) => h.app.inject({ method: 'GET', url });
  const report = (key: string, extra: Record<string, string> = {}) => post('json', form({
    api_key: key, service_code: 'traffic', description: 'Xe tải chở quá tải thường xuyên chạy qua cầu Thiệu Hóa ban đêm.',
    jurisdiction_id: DEMO.thieuHoaCommune, address_string: 'Cầu Thiệu Hóa', lat: '19.8962', long: '105.6621',
    first_name: 'Văn Tám', last_name: 'Lê', email: 'Tam@Example.vn', phone: '0912 345 678', ...extra,
  }));
  const errorsOf = (res: LightMyRequestResponse) => res.json() as { code: number; description: string }[];

  async function createPartner(c: Client, name: string, unitId: number) {
    return c.post('/api/feedback-partners', { name, unitId });
  }

  beforeAll(async () => {
    const graph = await loadUnitGraph(h.database.db);
    province = graph.idOf(DEMO.province)!;
    commune = graph.idOf(DEMO.thieuHoaCommune)!;
    admin = await h.login('quantri.tinh');
    const a = await createPartner(admin, 'Cổng iThanhHoa', province);
    expect(a.statusCode).toBe(201);
    provinceKey = a.json().key;
    provincePartnerId = a.json().id;
    const b = await createPartner(admin, 'Ứng dụng xã Thiệu Hóa', commune);
    communeKey = b.json().key;
  });

  it('lists the topic taxonomy as services, in JSON and in XML, with the same content', async () => {
    const json = await get(`${V2}/services.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    const services = json.json() as { service_code: string; service_name: string; group: string; type: string; metadata: boolean; keywords: string }[];
    expect(services.map((s) => s.service_code)).toEqual(DEFAULT_TOPICS.map((t) => t.code));
    expect(services.find((s) => s.service_code === 'traffic')).toMatchObject({ service_name: 'Trật tự an toàn giao thông', type: 'realtime', metadata: false, group: 'Trật tự an toàn giao thông' });
    expect(services.find((s) => s.service_code === 'admin_id')).toMatchObject({ service_name: 'Căn cước, định danh điện tử', group: 'Thủ tục hành chính' });

    const xml = await get(`${V2}/services.xml`);
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const parsed = parser.parse(xml.body) as { services: { service: Record<string, string>[] } };
    expect(parsed.services.service).toEqual(services.map((s) => ({ ...s, metadata: 'false' })));
  });

  it('creates a phản ánh on channel partner from a form post, visible to the unit\'s officer, with no consent or notice', async () => {
    const res = await report(provinceKey, { 'attribute[partner_ref]': 'IHN-1001' });
    expect(res.statusCode).toBe(201);
    const [created] = res.json() as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(created!.service_request_id).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(created!.account_id).toBeNull();
    expect(created!.service_notice).toContain(formatTrackingCode(created!.service_request_id));

    const officer = await h.login('canbo.thieuhoa');
    const list = (await officer.get('/api/feedback?channel=partner')).json() as { items: { id: number; trackingCode: string; channel: string; kind: string }[] };
    const item = list.items.find((i) => i.trackingCode === created!.service_request_id);
    expect(item).toMatchObject({ channel: 'partner', kind: 'report' });
    const detail = (await officer.get(`/api/feedback/${item!.id}`)).json();
    expect(detail).toMatchObject({ channel: 'partner', topicCode: 'traffic', source: { type: 'partner', ref: `${provincePartnerId}:IHN-1001` } });
    const contact = (await officer.get(`/api/feedback/${item!.id}/contact`)).json();
    expect(contact.submitter).toMatchObject({ fullName: 'Lê Văn Tám', email: 'tam@example.vn' });
    const row = await h.database.db.selectFrom('feedback_items').select(['location', 'submitter_id']).where('id', '=', item!.id).executeTakeFirstOrThrow();
    expect(row.location).toBe('Cầu Thiệu Hóa (19.8962, 105.6621)');
    const consents = await h.database.db.selectFrom('feedback_consents').select('id').where('submitter_id', '=', row.submitter_id!).execute();
    expect(consents).toEqual([]);
    const outbox = await h.database.db.selectFrom('notification_outbox').select('id').where('item_id', '=', item!.id).execute();
    expect(outbox).toEqual([]);
    const ev = await h.database.db.selectFrom('feedback_events').select('actor_kind').where('item_id', '=', item!.id).execute();
    expect(ev.map((e) => e.actor_kind)).toEqual(['partner']);
  });

  it('makes one item per partner reference: a retried post (form, JSON or Idempotency-Key) answers the first', async () => {
    const first = await report(provinceKey, { 'attribute[partner_ref]': 'IHN-2002' });
    expect(first.statusCode).toBe(201);
    const again = await report(provinceKey, { 'attribute[partner_ref]': 'IHN-2002' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const asJson = await post('json', JSON.stringify({ api_key: provinceKey, service_code: 'traffic', description: 'Lặp lại', attribute: { partner_ref: 'IHN-2002' } }), { 'content-type': 'application/json' });
    expect(asJson.statusCode).toBe(200);
    expect(asJson.json()[0].service_request_id).toBe(first.json()[0].service_request_id);
    const together = await Promise.all([1, 2, 3].map(() => report(provinceKey, { 'attribute[partner_ref]': 'IHN-3003' })));
    expect(new Set(together.map((r) => r.json()[0].service_request_id)).size).toBe(1);
    const viaHeader = [await post('json', form({ api_key: provinceKey, service_code: 'drugs', description: 'Tụ tập sử dụng ma túy ở bãi sông.' }), { ...FORM, 'idempotency-key': 'hdr-1' }),
      await post('json', form({ api_key: provinceKey, service_code: 'drugs', description: 'Tụ tập sử dụng ma túy ở bãi sông.' }), { ...FORM, 'idempotency-key': 'hdr-1' })];
    expect(viaHeader.map((r) => r.statusCode)).toEqual([201, 200]);
    for (const ref of ['IHN-2002', 'IHN-3003', 'hdr-1']) {
      const n = await h.database.db.selectFrom('feedback_items').select('id').where('source_type', '=', 'partner').where('source_ref', '=', `${provincePartnerId}:${ref}`).execute();
      expect(n, ref).toHaveLength(1);
    }
    // Without a reference every post is a new report; the same reference from another partner is another report.
    const a = await report(provinceKey);
    const b = await report(provinceKey);
    expect(a.json()[0].service_request_id).not.toBe(b.json()[0].service_request_id);
    const other = await report(communeKey, { 'attribute[partner_ref]': 'IHN-2002' });
    expect(other.statusCode).toBe(201);
  });

  it('refuses a missing key (401) and a wrong one (403) in the Open311 error format, JSON and XML', async () => {
    const missing = await post('json', form({ service_code: 'traffic', description: 'Không có khóa' }));
    expect(missing.statusCode).toBe(401);
    expect(errorsOf(missing)).toEqual([{ code: 401, description: 'Thiếu api_key.' }]);
    const wrong = await post('json', form({ api_key: `ln_${'A'.repeat(43)}`, service_code: 'traffic', description: 'Sai khóa' }));
    expect(wrong.statusCode).toBe(403);
    expect(errorsOf(wrong)[0]).toMatchObject({ code: 403 });
    const garbage = await get(`${V2}/requests/ABCDEFGHJK.json?api_key=xyz`);
    expect(garbage.statusCode).toBe(403);
    const xml = await post('xml', form({ api_key: 'nope', service_code: 'traffic', description: 'x' }));
    expect(xml.statusCode).toBe(403);
    expect(xml.headers['content-type']).toContain('text/xml');
    const parsed = parser.parse(xml.body) as { errors: { error: { code: string; description: string }[] } };
    expect(parsed.errors.error[0]).toMatchObject({ code: '403', description: 'api_key không hợp lệ hoặc đã bị thu hồi.' });
    const en = await h.app.inject({ method: 'GET', url: `${V2}/requests.json`, headers: { 'accept-language': 'en' } });
    expect(errorsOf(en)).toEqual([{ code: 401, description: 'api_key is required.' }]);
  });

  it('answers 400 in the error format for a unit outside the partner, an unknown service, a lone lat and a huge text', async () => {
    const outside = await report(communeKey, { jurisdiction_id: DEMO.dinhHoaCommune });
    expect(outside.statusCode).toBe(400);
    expect(errorsOf(outside)).toEqual([{ code: 400, description: `jurisdiction_id: Đơn vị «${DEMO.dinhHoaCommune}» không thuộc phạm vi tiếp nhận của đối tác.` }]);
    // The province partner reaches every commune; an unknown code is named as such.
    expect((await report(provinceKey, { jurisdiction_id: DEMO.dinhHoaCommune })).statusCode).toBe(201);
    expect(errorsOf(await report(provinceKey, { jurisdiction_id: 'KHONG-CO' }))[0]!.description).toContain('KHONG-CO');
    // An old commune merged away in 2025 is in the scope's history but takes no new reports.
    expect((await report(provinceKey, { jurisdiction_id: DEMO.oldThieuLong })).statusCode).toBe(400);
    const unknown = await report(provinceKey, { service_code: 'parking' });
    expect(unknown.statusCode).toBe(400);
    expect(errorsOf(unknown)[0]!.description).toMatch(/^service_code: /);
    const lone = await post('json', form({ api_key: provinceKey, service_code: 'traffic', description: 'Chỉ có vĩ độ', lat: '19.8' }));
    expect(errorsOf(lone)).toEqual([{ code: 400, description: 'long: Cần gửi cả lat và long.' }]);
    const badLat = await post('json', form({ api_key: provinceKey, service_code: 'traffic', description: 'x', lat: '91', long: '105' }));
    expect(badLat.statusCode).toBe(400);
    expect(errorsOf(await report(provinceKey, { 'attribute[partner_ref]': '*abc' }))[0]!.description).toMatch(/^partner_ref: /);
    const empty = await post('json', form({ api_key: provinceKey, service_code: 'traffic', description: '   ' }));
    expect(errorsOf(empty)).toEqual([{ code: 400, description: 'description: Bắt buộc nhập.' }]);

    const huge = await report(provinceKey, { description: 'Phản ánh rất dài. '.repeat(3000) });
    expect(huge.statusCode).toBe(400);
    expect(errorsOf(huge)[0]!.description).toMatch(/^description: /);
    const tooBig = await report(provinceKey, { description: 'ồ'.repeat(400_000) });
    expect(tooBig.statusCode).toBe(413);
    expect(errorsOf(tooBig)[0]).toMatchObject({ code: 413 });
    const badJson = await post('json', '{"api_key":', { 'content-type': 'application/json' });
    expect(badJson.statusCode).toBe(400);
    expect(errorsOf(badJson)[0]).toMatchObject({ code: 400 });
    const multipart = await post('xml', 'x', { 'content-type': 'multipart/form-data; boundary=x' });
    expect(multipart.statusCode).toBe(415);
    expect(parser.parse(multipart.body).errors.error[0].code).toBe('415');
    const repeated = await post('json', `${form({ api_key: provinceKey, service_code: 'traffic' })}&description=a&description=b`);
    expect(repeated.statusCode).toBe(400);
    expect((await get(`${V2}/nothing.json`)).statusCode).toBe(404);
    expect(errorsOf(await get(`${V2}/nothing.json`))).toEqual([{ code: 404, description: 'Không tìm thấy.' }]);
  });

  it('answers the XML post in the spec\'s shape', async () => {
    const res = await post('xml', form({ api_key: provinceKey, service_code: 'fire', description: 'Kho hàng chứa xăng dầu trái phép trong khu dân cư.', address_string: 'Thôn 5' }));
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('text/xml');
    const parsed = parser.parse(res.body) as { service_requests: { request: { service_request_id: string; service_notice: string; account_id: string }[] } };
    const r = parsed.service_requests.request[0]!;
    expect(r.service_request_id).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(r.service_notice).toContain('Công an tỉnh Thanh Hóa đã tiếp nhận');
    expect(r.account_id).toBe('');
  });

  it('reads back one\'s own request with its status and the latest public note; another partner gets 404', async () => {
    const code = (await report(provinceKey, { 'attribute[partner_ref]': 'IHN-4004' })).json()[0].service_request_id as string;
    const one = await get(`${V2}/requests/${code}.json?api_key=${provinceKey}`);
    expect(one.statusCode).toBe(200);
    const [r] = one.json() as Record<string, unknown>[];
    expect(r).toMatchObject({
      service_request_id: code, status: 'open', service_code: 'traffic', service_name: 'Trật tự an toàn giao thông',
      description: 'Xe tải chở quá tải thường xuyên chạy qua cầu Thiệu Hóa ban đêm.', address: 'Cầu Thiệu Hóa', lat: 19.8962, long: 105.6621,
      agency_responsible: 'Công an xã Thiệu Hóa',
    });
    expect(r!.status_notes).toContain('đã tiếp nhận');
    expect(r!.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

    const officer = await h.login('canbo.thieuhoa');
    const { items } = (await officer.get('/api/feedback?channel=partner')).json() as { items: { id: number; trackingCode: string }[] };
    const id = items.find((i) => i.trackingCode === code)!.id;
    expect((await officer.post(`/api/feedback/${id}/actions`, { action: 'refuse', reason: 'Nội dung đã được cơ quan khác giải quyết.' })).statusCode).toBe(200);
    const after = (await get(`${V2}/requests/${code}.xml?api_key=${provinceKey}`));
    const x = (parser.parse(after.body) as { service_requests: { request: Record<string, string>[] } }).service_requests.request[0]!;
    expect(x.status).toBe('closed');
    expect(x.status_notes).toContain('Nội dung đã được cơ quan khác giải quyết.');
    expect(Date.parse(x.updated_datetime!)).toBeGreaterThanOrEqual(Date.parse(x.requested_datetime!));

    // Dashes and lower case are forgiven; another partner, or no key, sees nothing.
    expect((await get(`${V2}/requests/${formatTrackingCode(code).toLowerCase()}.json?api_key=${provinceKey}`)).statusCode).toBe(200);
    const foreign = await get(`${V2}/requests/${code}.json?api_key=${communeKey}`);
    expect(foreign.statusCode).toBe(404);
    expect(errorsOf(foreign)[0]).toMatchObject({ code: 404 });
    expect((await get(`${V2}/requests/${code}.json`)).statusCode).toBe(401);
    expect((await get(`${V2}/requests/${code}.txt?api_key=${provinceKey}`)).statusCode).toBe(404);

    const mine = (await report(communeKey)).json()[0].service_request_id as string;
    const listed = await get(`${V2}/requests.json?api_key=${provinceKey}&service_request_id=${code},${mine},NOTACODE`);
    expect((listed.json() as { service_request_id: string }[]).map((l) => l.service_request_id)).toEqual([code]);
    const recent = (await get(`${V2}/requests.json?api_key=${communeKey}`)).json() as { service_request_id: string }[];
    expect(recent.map((l) => l.service_request_id)).toContain(mine);
    expect(recent.map((l) => l.service_request_id)).not.toContain(code);
    const closed = (await get(`${V2}/requests.json?api_key=${provinceKey}&status=closed`)).json() as { service_request_id: string }[];
    expect(closed.map((l) => l.service_request_id)).toEqual([code]);
    expect((await get(`${V2}/requests.json?api_key=${provinceKey}&start_date=yesterday`)).statusCode).toBe(400);
  });

  it('manages partner keys: created by a province admin, shown once, listed without it, deactivated for good', async () => {
    const created = await createPartner(admin, 'Zalo mini app', province);
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json() as { id: number; key: string };
    expect(key).toMatch(/^ln_[A-Za-z0-9_-]{43}$/);
    const stored = await h.database.db.selectFrom('api_partners').select('key_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(hashApiKey(key));
    expect((await report(key)).statusCode).toBe(201);

    const list = await admin.get('/api/feedback-partners');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key);
    expect(list.body).not.toContain(stored.key_hash);
    const mine = (list.json() as { partners: { id: number; active: boolean; unitCode: string; lastUsedAt: string | null }[] }).partners.find((p) => p.id === id);
    expect(mine).toMatchObject({ active: true, unitCode: DEMO.province });
    expect(mine!.lastUsedAt).not.toBeNull();

    expect((await admin.post(`/api/feedback-partners/${id}/deactivate`)).json()).toMatchObject({ id, active: false });
    const refused = await report(key);
    expect(refused.statusCode).toBe(403);
    expect(errorsOf(refused)[0]!.description).toBe('api_key không hợp lệ hoặc đã bị thu hồi.');
    expect((await admin.post(`/api/feedback-partners/${id}/deactivate`)).statusCode).toBe(200);
    const audit = await h.database.db.selectFrom('audit_events').select(['action', 'after_json']).where('entity_type', '=', 'api_partner').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['feedback.partner_create', 'feedback.partner_deactivate']);
    expect(JSON.stringify(audit)).not.toContain(stored.key_hash);

    // Rights: a viewer may not, an officer elsewhere does not see the unit, nobody sees keys of units outside.
    expect((await createPartner(await h.login('dando.tinhuy'), 'X', province)).statusCode).toBe(403);
    expect((await createPartner(await h.login('canbo.dinhhoa'), 'X', province)).statusCode).toBe(400);
    const leader = await h.login('lanhdao.thieuhoa');
    expect((await leader.get('/api/feedback-partners')).json().partners.map((p: { unitId: number }) => p.unitId)).toEqual([commune]);
    expect((await leader.post(`/api/feedback-partners/${id}/deactivate`)).statusCode).toBe(404);
    expect((await h.anon.get('/api/feedback-partners')).statusCode).toBe(401);
  });

  it('limits requests per key', async () => {
    const { key } = (await createPartner(admin, 'Bulk client', province)).json() as { key: string };
    let status = 0;
    for (let i = 0; i <= PER_KEY_PER_MINUTE && status !== 429; i++) status = (await get(`${V2}/requests.json?api_key=${key}&service_request_id=ABCDEFGHJK`)).statusCode;
    expect(status).toBe(429);
    const res = await get(`${V2}/requests.xml?api_key=${key}`);
    expect(parser.parse(res.body).errors.error[0].code).toBe('429');
    // When to come back: what is left of the key's minute.
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other partners are not slowed down.
    expect((await get(`${V2}/requests.json?api_key=${provinceKey}&service_request_id=ABCDEFGHJK`)).statusCode).toBe(200);
  });
});
