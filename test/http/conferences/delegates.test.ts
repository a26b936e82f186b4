// Delegates through the staff API: add with phone normalisation and per-field errors, lists without contact
// details, the contact view (policy and audit), edit and remove, and the import (XLSX or CSV, multipart or raw):
// dry run, per-row errors, all or nothing, the template.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { todayVN } from '../../../src/core/dates.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { forEachEngine, type Client } from '../../helpers/harness.ts';

function multipart(name: string, filename: string, content: Buffer, type: string) {
  const boundary = '----lnconf' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

forEachEngine('conference delegates', 'demo', (h) => {
  let seq = 0;
  async function newConference(c: Client) {
    const unitId = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const res = await c.post('/api/conferences', {
      unitId, title: 'Hội nghị lắng nghe ý kiến Nhân dân', period: '2026', date: todayVN(), startTime: '08:00', endTime: '11:00',
      venue: `Hội trường số ${++seq}`,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  }

  it('adds delegates with normalised phones, lists them without contact, shows the contact only to whom may (logged)', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const id = await newConference(officer);
    const add = await officer.post(`/api/conferences/${id}/delegates`, { fullName: 'Nguyễn Văn An', title: 'Trưởng thôn', village: 'Thôn 3', phone: '+84 912 345 678', email: 'An@Example.vn', category: 'village_head' });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ fullName: 'Nguyễn Văn An', category: 'village_head', hasContact: true, checkedInAt: null, walkIn: false });
    const bad = await officer.post(`/api/conferences/${id}/delegates`, { fullName: '', phone: '0123', category: 'alien' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['category']);
    const badPhone = await officer.post(`/api/conferences/${id}/delegates`, { fullName: 'Lê B', phone: '0912 345 67', category: 'resident' });
    expect(badPhone.json().fields.phone).toContain('10 chữ số');
    const badPhone2 = await officer.post(`/api/conferences/${id}/delegates`, { fullName: 'Lê B', phone: '0112345678', category: 'resident' });
    expect(Object.keys(badPhone2.json().fields)).toEqual(['phone']);
    const noName = await officer.post(`/api/conferences/${id}/delegates`, { fullName: '  ', category: 'resident' });
    expect(Object.keys(noName.json().fields)).toEqual(['fullName']);
    const landline = await officer.post(`/api/conferences/${id}/delegates`, { fullName: 'Trần Thị Cúc', phone: '(0237) 3852 123', category: 'official' });
    expect(landline.statusCode).toBe(201);

    const list = await officer.get(`/api/conferences/${id}/delegates`);
    expect(list.json().delegates.map((d: { fullName: string }) => d.fullName)).toEqual(['Nguyễn Văn An', 'Trần Thị Cúc']);
    expect(list.body).not.toContain('0912345678');
    expect(list.body).not.toContain('example.vn');

    const delegateId = add.json().id as number;
    const clerk = await h.login('nhaplieu.thieuhoa');
    expect((await clerk.get(`/api/conferences/${id}/delegates/${delegateId}/contact`)).statusCode).toBe(403);
    const other = await h.login('canbo.dinhhoa');
    expect((await other.get(`/api/conferences/${id}/delegates/${delegateId}/contact`)).statusCode).toBe(404);
    expect((await other.get(`/api/conferences/${id}/delegates`)).statusCode).toBe(404);
    const contact = (await officer.get(`/api/conferences/${id}/delegates/${delegateId}/contact`)).json();
    expect(contact).toMatchObject({ phone: '0912345678', email: 'an@example.vn' });
    expect((await h.database.db.selectFrom('conference_delegates').select('phone').where('id', '=', landline.json().id).executeTakeFirstOrThrow()).phone).toBe('02373852123');
    const views = await h.database.db.selectFrom('audit_events').select(['action', 'actor_username']).where('action', '=', 'conference.delegate_contact_view')
      .where('entity_id', '=', String(delegateId)).execute();
    expect(views).toEqual([{ action: 'conference.delegate_contact_view', actor_username: 'canbo.thieuhoa' }]);

    const edit = await officer.patch(`/api/conferences/${id}/delegates/${delegateId}`, { phone: null, email: null, title: 'Bí thư chi bộ' });
    expect(edit.json()).toMatchObject({ title: 'Bí thư chi bộ', hasContact: false });
    const audit = await h.database.db.selectFrom('audit_events').select('after_json').where('action', '=', 'conference.delegate_update').where('entity_id', '=', String(delegateId)).executeTakeFirstOrThrow();
    expect(audit.after_json).not.toContain('0912345678');
    expect((await officer.post(`/api/conferences/${id}/checkin`, { delegateId, present: true })).json().checkedInAt).toBeTruthy();
    expect((await officer.delete(`/api/conferences/${id}/delegates/${delegateId}`)).statusCode).toBe(409);
    expect((await officer.delete(`/api/conferences/${id}/delegates/${landline.json().id}`)).statusCode).toBe(200);
    expect((await officer.delete(`/api/conferences/${id}/delegates/${landline.json().id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/conferences/${id}/delegates`)).json().delegates).toHaveLength(1);
  });

  it('imports a list: Vietnamese headers with or without diacritics, dry run, then all rows in one go', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const id = await newConference(officer);
    const file = await xlsx([
      ['DANH SÁCH ĐẠI BIỂU'],
      ['STT', 'Ho va ten', 'Chuc vu', 'Co quan/don vi', 'Thon/TDP', 'Dien thoai', 'Email', 'Thanh phan', 'Ghi chú khác'],
      [1, 'Nguyễn Văn An', 'Trưởng thôn', '', 'Thôn 1', 912345678, '', 'Trưởng thôn'],
      [2, 'Lê Thị Bình', 'Chủ tịch', 'Hội Phụ nữ xã', '', '', 'binh@example.vn', 'mat tran, doan the'],
      [3, 'Phạm Văn Cường', '', '', 'Thôn 2', '', '', 'Nhân dân'],
    ]);
    const mp = multipart('file', 'dai-bieu.xlsx', file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const dry = await officer.post(`/api/conferences/${id}/delegates/import?dryRun=1`, mp.body, mp.headers);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 3, ignoredColumns: ['Ghi chú khác'] });
    expect(dry.json().preview.map((p: { category: string }) => p.category)).toEqual(['village_head', 'mass_org', 'resident']);
    expect((await officer.get(`/api/conferences/${id}/delegates`)).json().delegates).toHaveLength(0);

    const real = await officer.post(`/api/conferences/${id}/delegates/import`, mp.body, mp.headers);
    expect(real.statusCode).toBe(201);
    expect(real.json()).toMatchObject({ dryRun: false, imported: 3 });
    expect((await officer.get(`/api/conferences/${id}/delegates`)).json().delegates).toHaveLength(3);
    const an = await h.database.db.selectFrom('conference_delegates').select('phone').where('conference_id', '=', id).where('full_name', '=', 'Nguyễn Văn An').executeTakeFirstOrThrow();
    expect(an.phone).toBe('0912345678');
    const audit = await h.database.db.selectFrom('audit_events').select('after_json').where('action', '=', 'conference.delegate_import').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!).count).toBe(3);
  });

  it('reports every bad row and imports nothing; refuses wrong columns; takes CSV as the body', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const id = await newConference(officer);
    const csv = 'Họ và tên,Điện thoại,Thành phần\nNguyễn Văn An,0912345678,Nhân dân\n,0912345678,Nhân dân\nLê Văn Bốn,0912 34,Khách mời\nTrần Năm,,Ngoài hành tinh\n';
    const res = await officer.post(`/api/conferences/${id}/delegates/import`, csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('csv_invalid');
    expect(res.json().rows.map((r: { line: number; field: string }) => `${r.line}:${r.field}`)).toEqual(['3:Họ và tên', '4:Điện thoại', '5:Thành phần']);
    expect(res.json().rows[1].message).toContain('10 chữ số');
    expect((await officer.get(`/api/conferences/${id}/delegates`)).json().delegates).toHaveLength(0);

    const wrong = await officer.post(`/api/conferences/${id}/delegates/import?dryRun=1`, 'Name of person;Phone\nAn;0912345678\n');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().rows.map((r: { field: string }) => r.field)).toEqual(['Họ và tên', 'Thành phần']);

    const ok = await officer.post(`/api/conferences/${id}/delegates/import`, 'Họ và tên;Thành phần\nĐào Thị Sáu;Công an\n');
    expect(ok.statusCode).toBe(201);
    const garbage = multipart('file', 'x.xlsx', Buffer.from('PK\u0003\u0004garbage'), 'application/octet-stream');
    expect((await officer.post(`/api/conferences/${id}/delegates/import`, garbage.body, garbage.headers)).statusCode).toBe(400);
    const none = multipart('other', 'x.csv', Buffer.from('a'), 'text/csv');
    expect((await officer.post(`/api/conferences/${id}/delegates/import`, none.body, none.headers)).json().fields).toHaveProperty('file');
    const big = multipart('file', 'big.csv', Buffer.alloc(3 * 1024 * 1024, 'a'), 'text/csv');
    expect((await officer.post(`/api/conferences/${id}/delegates/import`, big.body, big.headers)).statusCode).toBe(413);
    const broken = { body: Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'), headers: { 'content-type': 'multipart/form-data; boundary=xyz' } };
    expect((await officer.post(`/api/conferences/${id}/delegates/import`, broken.body, broken.headers)).statusCode).toBeLessThan(500);
    const clerk = await h.login('nhaplieu.thieuhoa');
    expect((await clerk.post(`/api/conferences/${id}/delegates/import`, 'Họ và tên;Thành phần\nA;Công an\n')).statusCode).toBe(403);
  });

  it('serves a template that imports as it is', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const t = await officer.get('/api/conferences/delegates-template.xlsx');
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toContain('spreadsheetml');
    const id = await newConference(officer);
    const mp = multipart('file', 'mau.xlsx', t.rawPayload, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const dry = await officer.post(`/api/conferences/${id}/delegates/import?dryRun=1`, mp.body, mp.headers);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().total).toBe(2);
  });
});
