// Data-subject requests: verified by a code sent to the contact on file (wrong codes counted, five end it),
// opened with a 2-working-day clock, answered by staff in scope (see, correct, delete = anonymise), every step
// audited; consent withdrawal behind the same verification; anonymous items sent to the unit in person.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { forEachEngine, type Harness } from '../../helpers/harness.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { formatDate, todayVN } from '../../../src/core/dates.ts';
import { feedbackConfig } from '../../../src/db/repos/feedback-config.ts';

function multipart(fields: Record<string, string | string[]>) {
  const boundary = `----lnTest${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).flatMap(([name, value]) =>
    [value].flat().map((v) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
  return { payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let ipSeq = 1;
const newIp = () => `10.8.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;
const form = (h: Harness, url: string, ip: string, payload: Record<string, string>) =>
  h.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(payload).toString() });
const get = (h: Harness, url: string, ip: string) => h.app.inject({ method: 'GET', url, remoteAddress: ip });

const NAME = '<script>alert("x")</script> Trần Thị Mai';

forEachEngine('feedback data-subject requests', 'demo', (h) => {
  async function submit(ip: string, fields: Record<string, string | string[]>) {
    const body = multipart({ kind: 'report', content: '<script>alert(2)</script> Xe tải chở vật liệu chạy quá tốc độ qua trường học.', ...fields });
    const res = await h.app.inject({ method: 'POST', url: `/y/${DEMO.thieuHoaCommune}`, remoteAddress: ip, payload: body.payload, headers: body.headers });
    expect(res.statusCode).toBe(303);
    const code = /^\/tra-cuu\/([^/]+)\/receipt/.exec(res.headers.location as string)![1]!;
    const item = await h.database.db.selectFrom('feedback_items').select(['id', 'submitter_id', 'unit_id']).where('tracking_code', '=', code.replace('-', '')).executeTakeFirstOrThrow();
    return { code, ...item };
  }

  /** Starts a request and returns its id and the code from the message queued for the citizen. */
  async function start(ip: string, code: string, itemId: number, payload: Record<string, string>) {
    const res = await form(h, `/tra-cuu/${code}/data`, ip, payload);
    expect(res.statusCode, res.body).toBe(303);
    const rid = Number(/\/data\/(\d+)$/.exec(res.headers.location as string)![1]);
    const msgs = await h.database.db.selectFrom('notification_outbox').select(['adapter', 'recipient', 'body']).where('item_id', '=', itemId)
      .where('subject', 'like', '%mã xác minh%').orderBy('id', 'desc').limit(2).execute();
    const secret = /: (\d{6})\n/.exec(msgs[0]!.body)![1]!;
    return { rid, secret, msgs, location: res.headers.location as string };
  }

  const audits = (entityId: number, entityType = 'data_request') => h.database.db.selectFrom('audit_events').select(['action', 'after_json'])
    .where('entity_type', '=', entityType).where('entity_id', '=', String(entityId)).orderBy('id').execute();

  it('verifies a deletion request by a code sent to the contact, then staff anonymise the person', async () => {
    const ip = newIp();
    const item = await submit(ip, { fullName: NAME, email: 'mai@example.vn', phone: '0911 222 333', address: 'Thôn 5', consents: ['contact_updates', 'followup_survey'] });
    const page = await get(h, `/tra-cuu/${item.code}/data`, ip);
    expect(page.statusCode).toBe(200);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('name="request" value="delete"');
    expect(page.body).toContain('Rút lại đồng ý: nhận thông báo kết quả giải quyết');
    expect(page.body).not.toContain('Trần Thị Mai');

    const missing = await form(h, `/tra-cuu/${item.code}/data`, ip, { request: 'correct', details: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Vui lòng ghi thông tin cần chỉnh sửa.');

    const { rid, secret, msgs, location } = await start(ip, item.code, item.id, { request: 'delete', details: 'Xin xóa <b>số điện thoại</b>' });
    expect(msgs.map((m) => [m.adapter, m.recipient]).sort()).toEqual([['email', 'mai@example.vn'], ['webhook', '0911 222 333']]);
    const stored = await h.database.db.selectFrom('data_requests').selectAll().where('id', '=', rid).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ item_id: item.id, unit_id: item.unit_id, kind: 'delete', state: 'unverified', attempts: 0, due_on: null, details: 'Xin xóa <b>số điện thoại</b>' });
    expect(stored.code_hash).not.toContain(secret);

    const entry = await get(h, location, ip);
    expect(entry.body).toContain('m***@example.vn, 09******33');
    expect(entry.body).toContain('name="verify"');

    const wrong = await form(h, location, ip, { verify: secret === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mã không đúng. Còn 4 lần thử.');
    expect((await h.database.db.selectFrom('data_requests').select('attempts').where('id', '=', rid).executeTakeFirstOrThrow()).attempts).toBe(1);

    const right = await form(h, location, ip, { verify: secret });
    expect(right.statusCode).toBe(200);
    const due = (await feedbackConfig(h.database)).calendar.addWorkingDays(todayVN(), 2);
    expect(right.body).toContain(`Đơn vị sẽ trả lời trước ngày ${formatDate(due)}`);
    // The verified person sees what is held, escaped.
    expect(right.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Trần Thị Mai');
    expect(right.body).not.toContain('<script>');
    expect(right.body).toContain('mai@example.vn');
    const open = await h.database.db.selectFrom('data_requests').selectAll().where('id', '=', rid).executeTakeFirstOrThrow();
    expect(open).toMatchObject({ state: 'open', due_on: due, code_hash: null });
    expect((await form(h, location, ip, { verify: secret })).statusCode).toBe(409);
    const status = await get(h, `/tra-cuu/${item.code}/data`, ip);
    expect(status.body).toContain(`đang xử lý, hạn trả lời ${formatDate(due)}`);
    expect(status.body).not.toContain('<script>');

    // Staff: in scope with the due date; outside the scope nothing; a clerk may not answer.
    const officer = await h.login('canbo.thieuhoa');
    const list = (await officer.get('/api/feedback-data-requests')).json();
    expect(list.requests).toContainEqual(expect.objectContaining({ id: rid, kind: 'delete', dueOn: due, state: 'open', trackingCode: item.code.replace('-', '') }));
    expect((await (await h.login('canbo.dinhhoa')).get('/api/feedback-data-requests')).json().requests.map((r: { id: number }) => r.id)).not.toContain(rid);
    const clerk = await h.login('nhaplieu.thieuhoa');
    expect((await clerk.get('/api/feedback-data-requests')).json().requests).toEqual([]);
    expect((await clerk.post(`/api/feedback-data-requests/${rid}/complete`, {})).statusCode).toBe(403);
    expect((await (await h.login('canbo.dinhhoa')).post(`/api/feedback-data-requests/${rid}/complete`, {})).statusCode).toBe(404);
    const detail = (await officer.get(`/api/feedback-data-requests/${rid}`)).json();
    expect(detail.data).toMatchObject({ fullName: NAME, email: 'mai@example.vn', phone: '0911 222 333' });

    const done = await officer.post(`/api/feedback-data-requests/${rid}/complete`, {});
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done' });
    const person = await h.database.db.selectFrom('feedback_submitters').selectAll().where('id', '=', item.submitter_id!).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ full_name: null, phone: null, email: null, address: null });
    expect(person.anonymised_at).not.toBeNull();
    const consents = await h.database.db.selectFrom('feedback_consents').select('withdrawn_at').where('submitter_id', '=', item.submitter_id!).execute();
    expect(consents.every((c) => c.withdrawn_at !== null)).toBe(true);
    const leftover = await h.database.db.selectFrom('notification_outbox').select(['recipient', 'body']).where('item_id', '=', item.id).execute();
    expect(JSON.stringify(leftover)).not.toMatch(/mai@example\.vn|0911 222 333|Trần Thị Mai/);
    expect((await audits(rid)).map((a) => a.action)).toEqual(['data_request.create', 'data_request.verify_failed', 'data_request.verify', 'data_request.complete']);
    expect(JSON.stringify(await audits(rid))).not.toContain('mai@example.vn');
    expect((await officer.post(`/api/feedback-data-requests/${rid}/complete`, {})).statusCode).toBe(409);
    expect((await get(h, `/tra-cuu/${item.code}/data`, ip)).body).toContain('không xác minh được qua mạng');
  });

  it('ends a request after five wrong codes', async () => {
    const ip = newIp();
    const item = await submit(ip, { email: 'sai@example.vn' });
    const { rid, location } = await start(ip, item.code, item.id, { request: 'see' });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await form(h, location, ip, { verify: 'abcdef' })).statusCode);
    expect(answers).toEqual([400, 400, 400, 400, 429]);
    const req = await h.database.db.selectFrom('data_requests').select(['state', 'attempts']).where('id', '=', rid).executeTakeFirstOrThrow();
    expect(req).toEqual({ state: 'refused', attempts: 5 });
    const after = await form(h, location, ip, { verify: '123456' });
    expect(after.statusCode).toBe(409);
    expect(after.body).toContain('đã được xác minh hoặc đã kết thúc');
  });

  it('withdraws a consent at once after verification: no more notices', async () => {
    const ip = newIp();
    const item = await submit(ip, { email: 'rut@example.vn', consents: 'contact_updates' });
    const { rid, secret, location } = await start(ip, item.code, item.id, { withdraw: 'contact_updates' });
    const ok = await form(h, location, ip, { verify: secret });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Đã rút lại đồng ý: nhận thông báo kết quả giải quyết');
    const c = await h.database.db.selectFrom('feedback_consents').select('withdrawn_at').where('submitter_id', '=', item.submitter_id!).executeTakeFirstOrThrow();
    expect(c.withdrawn_at).not.toBeNull();
    expect((await h.database.db.selectFrom('data_requests').select(['state', 'kind']).where('id', '=', rid).executeTakeFirstOrThrow())).toEqual({ state: 'done', kind: 'object' });
    expect((await audits(item.id, 'feedback_item')).map((a) => a.action)).toContain('feedback.consent_withdraw');
    const before = (await h.database.db.selectFrom('notification_outbox').select('id').where('item_id', '=', item.id).execute()).length;
    const officer = await h.login('canbo.thieuhoa');
    expect((await officer.post(`/api/feedback/${item.id}/actions`, { action: 'accept' })).statusCode).toBe(200);
    expect((await h.database.db.selectFrom('notification_outbox').select('id').where('item_id', '=', item.id).execute()).length).toBe(before);
  });

  it('corrects and shows the data held when staff answer; anonymous items are told to come in person', async () => {
    const ip = newIp();
    const item = await submit(ip, { fullName: 'Phạm Văn Nam', phone: '0900000001' });
    const see = await start(ip, item.code, item.id, { request: 'see' });
    expect((await form(h, see.location, ip, { verify: see.secret })).statusCode).toBe(200);
    const fix = await start(ip, item.code, item.id, { request: 'correct', details: 'Số đúng là 0900 000 002' });
    expect((await form(h, fix.location, ip, { verify: fix.secret })).statusCode).toBe(200);

    const officer = await h.login('canbo.thieuhoa');
    const shown = await officer.post(`/api/feedback-data-requests/${see.rid}/complete`, {});
    expect(shown.json().data).toMatchObject({ fullName: 'Phạm Văn Nam', phone: '0900000001', items: [expect.objectContaining({ trackingCode: item.code.replace('-', '') })] });
    const answer = await h.database.db.selectFrom('notification_outbox').select('body').where('item_id', '=', item.id).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(answer.body).toContain('Họ và tên: Phạm Văn Nam');
    expect((await officer.post(`/api/feedback-data-requests/${fix.rid}/complete`, { corrections: { phone: 'abc' } })).statusCode).toBe(400);
    const fixed = await officer.post(`/api/feedback-data-requests/${fix.rid}/complete`, { corrections: { phone: '0900 000 002' }, answer: 'Đã sửa số điện thoại.' });
    expect(fixed.json()).toMatchObject({ state: 'done', changed: ['phone'] });
    expect((await h.database.db.selectFrom('feedback_submitters').select('phone').where('id', '=', item.submitter_id!).executeTakeFirstOrThrow()).phone).toBe('0900 000 002');
    const audit = await audits(fix.rid);
    expect(JSON.parse(audit.at(-1)!.after_json!)).toMatchObject({ state: 'done', kind: 'correct', fields: ['phone'] });
    expect(audit.at(-1)!.after_json).not.toContain('0900');

    const other = await start(ip, item.code, item.id, { request: 'restrict', details: 'Chỉ dùng số điện thoại để xác minh.' });
    expect((await form(h, other.location, ip, { verify: other.secret })).statusCode).toBe(200);
    expect((await officer.post(`/api/feedback-data-requests/${other.rid}/complete`, { refuse: true })).statusCode).toBe(400);
    const refused = await officer.post(`/api/feedback-data-requests/${other.rid}/complete`, { refuse: true, answer: 'Dữ liệu đang cần cho việc xác minh <b>vụ việc</b>.' });
    expect(refused.json()).toMatchObject({ state: 'refused' });
    expect((await audits(other.rid)).at(-1)!.action).toBe('data_request.refuse');
    expect((await get(h, `/tra-cuu/${item.code}/data`, ip)).body).toContain('không thực hiện');

    const anon = await submit(ip, {});
    const page = await get(h, `/tra-cuu/${anon.code}/data`, ip);
    expect(page.body).toContain('không xác minh được qua mạng');
    expect(page.body).toContain('mang theo giấy tờ tùy thân');
    expect(page.body).not.toContain('name="request"');
    const tried = await form(h, `/tra-cuu/${anon.code}/data`, ip, { request: 'see' });
    expect(tried.statusCode).toBe(400);
    expect(await h.database.db.selectFrom('data_requests').selectAll().where('item_id', '=', anon.id).execute()).toEqual([]);
  });
});
