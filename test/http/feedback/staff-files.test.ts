// Files staff attach to an item: a PDF reply letter sent with the answer (the citizen sees it on the status page
// only once a leader approved the answer, and it cannot be removed after that), an internal photo re-encoded
// without metadata; bad files refused per field; scope, rights and the audit trail.
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { formatTrackingCode } from '../../../src/core/feedback/tracking.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { forEachEngine } from '../../helpers/harness.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

forEachEngine('feedback staff files', 'demo', (h) => {
  async function newItem() {
    const unitId = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const clerk = await h.login('nhaplieu.thieuhoa');
    const res = await clerk.post('/api/feedback', { unitId, channel: 'letter', kind: 'request', content: 'Đề nghị sửa biển báo giao thông bị đổ ở ngã ba thôn Đông.' });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; trackingCode: string };
  }

  it('sends a PDF with the answer only once approved, keeps internal files internal, and locks what was published', async () => {
    const { id, trackingCode } = await newItem();
    const officer = await h.login('canbo.thieuhoa');
    const leader = await h.login('lanhdao.thieuhoa');
    const up = await officer.post(`/api/feedback/${id}/attachments?public=1&filename=${encodeURIComponent('C:\\Văn bản\\Công văn trả lời.pdf')}`, PDF, { 'content-type': 'application/pdf' });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ role: 'answer', public: true, filename: 'Công văn trả lời.pdf', mime: 'application/pdf' });
    const photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#333' } })
      .withExif({ IFD0: { Artist: 'Cán bộ A' } }).jpeg().toBuffer();
    const internal = await officer.post(`/api/feedback/${id}/attachments?filename=hien-truong`, photo, { 'content-type': 'image/jpeg' });
    expect(internal.json()).toMatchObject({ role: 'internal', public: false, filename: 'hien-truong.jpg', mime: 'image/jpeg' });
    const stored = await officer.get(`/api/feedback/${id}/attachments/${internal.json().id}`);
    expect((await sharp(stored.rawPayload).metadata()).exif).toBeUndefined();
    const detail = (await officer.get(`/api/feedback/${id}`)).json();
    expect(detail.attachments.map((a: { role: string }) => a.role)).toEqual(['answer', 'internal']);

    // Before approval the citizen sees no file, and the file address answers 404.
    const code = formatTrackingCode(trackingCode);
    const fileUrl = `/tra-cuu/${code}/tep/${up.json().id}`;
    expect((await h.anon.get(`/tra-cuu/${code}/status`)).body).not.toContain('Công văn trả lời.pdf');
    expect((await h.anon.get(fileUrl)).statusCode).toBe(404);

    const me = (await officer.get('/api/auth/me')).json();
    for (const [who, body] of [[officer, { action: 'accept' }], [leader, { action: 'assign', assigneeId: me.user?.id ?? me.id }], [officer, { action: 'start' }],
      [officer, { action: 'draft', answer: 'Đơn vị đã phối hợp dựng lại biển báo; công văn trả lời kèm theo.' }], [leader, { action: 'approve' }]] as const) {
      expect((await who.post(`/api/feedback/${id}/actions`, body)).statusCode).toBe(200);
    }
    const status = (await h.anon.get(`/tra-cuu/${code}/status`)).body;
    expect(status).toContain('Công văn trả lời.pdf');
    expect(status).not.toContain('hien-truong');
    const file = await h.anon.get(fileUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await h.anon.get(`/tra-cuu/${code}/tep/${internal.json().id}`)).statusCode).toBe(404);

    // Published: the answer's file stays; the internal one can go.
    expect((await officer.delete(`/api/feedback/${id}/attachments/${up.json().id}`)).statusCode).toBe(409);
    expect((await officer.delete(`/api/feedback/${id}/attachments/${internal.json().id}`)).statusCode).toBe(204);
    const audit = await h.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'feedback_item')
      .where('entity_id', '=', String(id)).where('action', 'like', 'feedback.file%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['feedback.file_add', 'feedback.file_add', 'feedback.file_remove']);
  });

  it('refuses other files per field, and keeps other units, clerks and viewers out', async () => {
    const { id } = await newItem();
    const officer = await h.login('canbo.thieuhoa');
    const exe = await officer.post(`/api/feedback/${id}/attachments`, Buffer.from('MZ\x90\x00 not a pdf'), { 'content-type': 'application/octet-stream' });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().fields.file).toBeTruthy();
    expect((await officer.post(`/api/feedback/${id}/attachments`, Buffer.alloc(0), { 'content-type': 'application/pdf' })).statusCode).toBe(400);
    expect((await officer.post(`/api/feedback/${id}/attachments?public=maybe`, PDF, { 'content-type': 'application/pdf' })).json().fields.public).toBeTruthy();
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await officer.post(`/api/feedback/${id}/attachments`, big, { 'content-type': 'application/pdf' });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().fields.file).toContain('10 MB');
    expect((await (await h.login('canbo.dinhhoa')).post(`/api/feedback/${id}/attachments`, PDF, { 'content-type': 'application/pdf' })).statusCode).toBe(404);
    expect((await (await h.login('nhaplieu.thieuhoa')).post(`/api/feedback/${id}/attachments`, PDF, { 'content-type': 'application/pdf' })).statusCode).toBe(403);
    expect((await (await h.login('dando.tinhuy')).post(`/api/feedback/${id}/attachments`, PDF, { 'content-type': 'application/pdf' })).statusCode).toBe(403);
    // A citizen's photo is not the staff's to delete.
    expect((await officer.delete(`/api/feedback/${id}/attachments/999999`)).statusCode).toBe(404);
  });
});
