// Importing a register kept in Excel: Vietnamese (or English) column names, dd/MM/yyyy dates, channels and kinds
// written as people write them; every row checked, all rows or none, a dry run that writes nothing, rights.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { XLSX_TYPE } from '../../../src/http/content-types.ts';
import { formatDate, todayVN } from '../../../src/core/dates.ts';
import { channelOf, fieldOfHeader, kindOf, parseReceivedOn } from '../../../src/core/feedback/import-rows.ts';
import { searchKey } from '../../../src/core/feedback/duplicates.ts';

/** dd/MM/yyyy, n days before today. */
function daysAgo(n: number): string {
  const d = new Date(`${todayVN()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return formatDate(d.toISOString().slice(0, 10));
}
const iso = (vn: string) => vn.split('/').reverse().join('-');

function csv(rows: string[][]): string {
  return `\uFEFF${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;
}

const HEADER = ['STT', 'Ngày tiếp nhận', 'Kênh', 'Loại', 'Lĩnh vực', 'Nội dung', 'Họ tên', 'Điện thoại', 'Email', 'Địa chỉ', 'Chức vụ', 'Đơn vị/tổ chức', 'Ghi chú'];

describe('register import rows (pure)', () => {
  it('reads kinds, channels, headers and dates as people write them', () => {
    expect(kindOf('Góp ý')).toBe('suggestion');
    expect(kindOf('phan anh')).toBe('report');
    expect(kindOf('KIẾN NGHỊ')).toBe('request');
    expect(kindOf('khen ngoi')).toBe('praise');
    expect(kindOf('Khiếu nại')).toBe('complaint');
    expect(kindOf('to cao')).toBe('denunciation');
    expect(kindOf('Tố giác tội phạm')).toBe('crime_report');
    expect(kindOf('linh tinh')).toBeNull();
    expect(channelOf('Đường dây nóng')).toBe('hotline');
    expect(channelOf('thư')).toBe('letter');
    expect(channelOf('Trực tiếp')).toBe('walk_in');
    expect(channelOf('hom thu gop y')).toBe('suggestion_box');
    expect(channelOf('Hội nghị')).toBe('conference');
    expect(channelOf('walk_in')).toBe('walk_in');
    expect(fieldOfHeader('Ngày tiếp nhận')).toBe('received_on');
    expect(fieldOfHeader('ngay tiep nhan')).toBe('received_on');
    expect(fieldOfHeader('Nội dung (*)'.replace(' (*)', '*'))).toBe('content');
    expect(fieldOfHeader('Đơn vị / tổ chức')).toBe('organisation');
    expect(fieldOfHeader('received_on')).toBe('received_on');
    expect(fieldOfHeader('SĐT')).toBe('phone');
    expect(parseReceivedOn('5/3/2025')).toBe('2025-03-05');
    expect(parseReceivedOn('05-03-2025')).toBe('2025-03-05');
    expect(parseReceivedOn('2025-03-05')).toBe('2025-03-05');
    expect(parseReceivedOn('2025-03-05T08:30:00')).toBe('2025-03-05');
    expect(parseReceivedOn('45721')).toBe('2025-03-05');
    expect(parseReceivedOn('31/02/2025')).toBeNull();
  });
});

forEachEngine('feedback import', 'demo', (h) => {
  let clerk: Client;
  let commune: number;
  const url = (extra = '') => `/api/feedback-imports?unitId=${commune}${extra}`;
  const count = async () => Number((await h.database.db.selectFrom('feedback_items').select((eb) => eb.fn.countAll().as('n')).where('unit_id', '=', commune).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    commune = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    clerk = await h.login('nhaplieu.thieuhoa');
  });

  it('imports a CSV with Vietnamese headers and dd/MM/yyyy dates, each row with its register number', async () => {
    const d1 = daysAgo(40), d2 = daysAgo(12), d3 = daysAgo(3);
    const file = csv([
      HEADER,
      ['1', d1, 'Đường dây nóng', 'Góp ý', 'traffic', 'Đề nghị bố trí lực lượng điều tiết giao thông giờ tan trường.', 'Nguyễn Văn An', '0912345678', 'An@Example.vn', 'Thôn 2', '', '', 'đã gọi lại'],
      ['2', d2, 'thu', 'phan anh', 'Ma túy', 'Phản ánh nhóm thanh niên tụ tập, nghi sử dụng ma túy\nở khu vực bãi sông.', '', '', '', '', '', '', ''],
      ['3', d3, 'Hội nghị', 'Khen ngợi', 'trat tu an toan giao thong', 'Khen ngợi tổ tuần tra đã giúp đỡ người dân.', 'Trần Thị Bình', '', '', '', 'Trưởng thôn', 'Thôn 4', ''],
    ]);
    const before = await count();
    const res = await clerk.post(url('&filename=so-tiep-nhan.csv'), file);
    expect(res.statusCode).toBe(201);
    const body = res.json() as { imported: number; ignoredColumns: string[]; items: { line: number; id: number; registerNo: number; registerYear: number; trackingCode: string }[] };
    expect(body.imported).toBe(3);
    expect(body.ignoredColumns).toEqual(['Ghi chú']);
    // A line break inside a quoted cell: the row is named by its first line.
    expect(body.items.map((i) => i.line)).toEqual([2, 3, 5]);
    for (const i of body.items) expect(i.registerNo).toBeGreaterThan(0);
    expect(await count()).toBe(before + 3);

    const items = await h.database.db.selectFrom('feedback_items').selectAll().where('id', 'in', body.items.map((i) => i.id)).orderBy('id').execute();
    expect(items.map((i) => [i.channel, i.kind, i.topic_code, i.received_on])).toEqual([
      ['hotline', 'suggestion', 'traffic', iso(d1)], ['letter', 'report', 'drugs', iso(d2)], ['conference', 'praise', 'traffic', iso(d3)],
    ]);
    expect(items.map((i) => i.register_year)).toEqual([iso(d1), iso(d2), iso(d3)].map((d) => Number(d.slice(0, 4))));
    expect(items[0]!.source_type).toBe('import');
    expect(items[1]!.anonymous).toBe(1);
    const people = await h.database.db.selectFrom('feedback_submitters').selectAll().where('id', 'in', [items[0]!.submitter_id!, items[2]!.submitter_id!]).orderBy('id').execute();
    expect(people.map((p) => [p.full_name, p.email, p.role_title, p.organisation])).toEqual([['Nguyễn Văn An', 'an@example.vn', null, null], ['Trần Thị Bình', null, 'Trưởng thôn', 'Thôn 4']]);
    const consents = await h.database.db.selectFrom('feedback_consents').select('id').where('submitter_id', 'in', people.map((p) => p.id)).execute();
    expect(consents).toEqual([]);

    const audit = await h.database.db.selectFrom('audit_events').select(['action', 'after_json', 'unit_id', 'actor_username']).where('action', '=', 'feedback.import').execute();
    expect(audit).toHaveLength(1);
    // One event for the batch names every item it created (no event per row).
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ count: 3, filename: 'so-tiep-nhan.csv', items: body.items.map((i) => i.id) });
    expect(audit[0]).toMatchObject({ unit_id: commune, actor_username: 'nhaplieu.thieuhoa' });
    const receives = await h.database.db.selectFrom('audit_events').select('id').where('action', '=', 'feedback.receive').where('entity_id', 'in', body.items.map((i) => String(i.id))).execute();
    expect(receives).toHaveLength(0);

    const officer = await h.login('canbo.thieuhoa');
    const codes = (await officer.get('/api/feedback?limit=200')).json().items.map((i: { trackingCode: string }) => i.trackingCode);
    for (const i of body.items) expect(codes).toContain(i.trackingCode);

    // The same file again is refused: nothing is imported twice (a dry run says so beforehand).
    expect((await clerk.post(url('&dryRun=1'), file)).json()).toMatchObject({ dryRun: true, alreadyImported: true });
    const again = await clerk.post(url(), file);
    expect(again.statusCode).toBe(409);
    expect(await count()).toBe(before + 3);
  });

  it('imports nothing while one row is wrong, naming each line and column', async () => {
    const file = csv([
      ['Ngày tiếp nhận', 'Kênh', 'Loại', 'Nội dung', 'Điện thoại'],
      [daysAgo(5), 'Trực tiếp', 'Kiến nghị', 'Đề nghị tăng cường tuần tra ban đêm.', ''],
      ['31/02/2026', 'Trực tiếp', 'Kiến nghị', 'Ngày không có thật.', ''],
      [daysAgo(5), 'Fax', 'Ý kiến lạ', '', 'abc'],
      [daysAgo(-3), 'Trực tiếp', 'Góp ý', 'Ngày ở tương lai.', ''],
    ]);
    const before = await count();
    const res = await clerk.post(url(), file);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('csv_invalid');
    expect(res.json().rows).toEqual([
      { line: 3, field: 'Ngày tiếp nhận', message: 'Ngày không hợp lệ (dd/MM/yyyy).' },
      { line: 4, field: 'Kênh', message: expect.stringContaining('«Fax»') },
      { line: 4, field: 'Loại', message: expect.stringContaining('«Ý kiến lạ»') },
      { line: 4, field: 'Nội dung', message: 'Bắt buộc nhập.' },
      { line: 4, field: 'Điện thoại', message: expect.any(String) },
      { line: 5, field: 'Ngày tiếp nhận', message: 'Ngày tiếp nhận không được sau hôm nay.' },
    ]);
    expect(await count()).toBe(before);
    // A dry run of the same file reports the same rows.
    expect((await clerk.post(url('&dryRun=1'), file)).json().rows).toHaveLength(6);
    // A file without a content column says so.
    const noContent = await clerk.post(url(), csv([['Ngày tiếp nhận', 'Họ tên'], [daysAgo(1), 'A']]));
    expect(noContent.json().rows).toEqual([{ line: 1, field: 'Nội dung', message: 'Thiếu cột bắt buộc.' }]);
    expect((await clerk.post(url(), csv([['Nội dung', 'Content'], ['a', 'b']]))).json().rows[0]).toMatchObject({ line: 1, field: 'Content' });
  });

  it('imports an XLSX with a title above the header, Excel dates and a phone number Excel stored as a number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sổ tiếp nhận');
    ws.addRow(['SỔ TIẾP NHẬN Ý KIẾN NĂM 2026']);
    ws.addRow([]);
    ws.addRow(['STT', 'received_on', 'channel', 'kind', 'topic', 'content', 'full_name', 'phone']);
    const day = new Date(`${iso(daysAgo(20))}T00:00:00Z`);
    ws.addRow([1, day, 'hom thu', 'to giac', 'Tội phạm', 'Tố giác một điểm đánh bạc ở thôn 7.', 'Người dân', 912345678]);
    ws.addRow([2, daysAgo(2), 'hotline', 'report', '', { richText: [{ text: 'Tiếng ồn ' }, { text: 'karaoke sau 22 giờ.' }] }, '', '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await clerk.post(url(), buf as unknown as string, { 'content-type': XLSX_TYPE });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { imported: number; items: { line: number; id: number }[] };
    expect(body.imported).toBe(2);
    expect(body.items.map((i) => i.line)).toEqual([4, 5]);
    const items = await h.database.db.selectFrom('feedback_items').leftJoin('feedback_submitters as s', 's.id', 'feedback_items.submitter_id')
      .select(['channel', 'kind', 'procedure', 'topic_code', 'received_on', 'content', 's.phone']).where('feedback_items.id', 'in', body.items.map((i) => i.id)).orderBy('feedback_items.id').execute();
    expect(items).toEqual([
      { channel: 'suggestion_box', kind: 'crime_report', procedure: 'crime_report', topic_code: 'crime', received_on: iso(daysAgo(20)), content: 'Tố giác một điểm đánh bạc ở thôn 7.', phone: '0912345678' },
      { channel: 'hotline', kind: 'report', procedure: null, topic_code: null, received_on: iso(daysAgo(2)), content: 'Tiếng ồn karaoke sau 22 giờ.', phone: null },
    ]);

    const bad = new ExcelJS.Workbook();
    const bws = bad.addWorksheet('Data');
    bws.addRow(['Nội dung', 'Loại']);
    bws.addRow(['Được', 'Góp ý']);
    bws.addRow(['Không được', 'Bình luận']);
    const refused = await clerk.post(url(), Buffer.from(await bad.xlsx.writeBuffer()) as unknown as string, { 'content-type': XLSX_TYPE });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().rows).toEqual([{ sheet: 'Data', line: 3, field: 'Loại', message: expect.stringContaining('«Bình luận»') }]);
  });

  it('cleans and folds each row\'s own content, also when rows share a kind and a day', async () => {
    const day = daysAgo(5);
    // The second row as a Mac's spreadsheet may write it, with decomposed marks (NFD): stored composed (NFC).
    const file = csv([['Ngày tiếp nhận', 'Nội dung', 'Loại'], [day, 'Đèn đường ở ngõ 5 bị hỏng.', 'phản ánh'], [day, 'Chó thả rông ở xóm Bến.'.normalize('NFD'), 'phản ánh']]);
    const res = await clerk.post(url('&filename=cung-ngay.csv'), file);
    expect(res.statusCode).toBe(201);
    const ids = (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
    const items = await h.database.db.selectFrom('feedback_items').select(['content', 'search_key']).where('id', 'in', ids).orderBy('id').execute();
    expect(items.map((i) => i.content)).toEqual(['Đèn đường ở ngõ 5 bị hỏng.', 'Chó thả rông ở xóm Bến.']);
    expect(items.map((i) => i.search_key)).toEqual([searchKey('Đèn đường ở ngõ 5 bị hỏng.'), searchKey('Chó thả rông ở xóm Bến.')]);
    expect(items[0]!.search_key).toContain('den');
    expect(items[1]!.search_key).toContain('ben');
  });

  it('previews a dry run without writing anything', async () => {
    const file = csv([['Ngày tiếp nhận', 'Nội dung', 'Loại'], [daysAgo(1), 'Đề nghị sửa biển báo hỏng.', ''], [daysAgo(1), 'Cảm ơn cán bộ tiếp dân.', 'khen']]);
    const before = await count();
    const auditBefore = (await h.database.db.selectFrom('audit_events').select('id').execute()).length;
    const res = await clerk.post(url('&dryRun=1'), file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true, total: 2, alreadyImported: false, columns: { 'Ngày tiếp nhận': 'received_on', 'Nội dung': 'content', 'Loại': 'kind' },
      preview: [{ line: 2, kind: 'suggestion', channel: 'import', receivedOn: iso(daysAgo(1)) }, { line: 3, kind: 'praise' }],
    });
    expect(await count()).toBe(before);
    expect((await h.database.db.selectFrom('audit_events').select('id').execute()).length).toBe(auditBefore);
    // Without a date column the items are received today.
    const today = await clerk.post(url('&dryRun=true'), csv([['content'], ['Hello']]));
    expect(today.json().preview[0].receivedOn).toBe(todayVN());
  });

  it('lets a clerk import; refuses a viewer (403), units outside (404), bad files and too many rows (400)', async () => {
    const file = csv([['Nội dung'], ['Một ý kiến.']]);
    expect((await (await h.login('dando.tinhuy')).post(url(), file)).statusCode).toBe(403);
    expect((await (await h.login('canbo.dinhhoa')).post(url(), file)).statusCode).toBe(404);
    expect((await clerk.post('/api/feedback-imports?unitId=999999', file)).statusCode).toBe(404);
    expect((await clerk.post('/api/feedback-imports', file)).statusCode).toBe(400);
    expect((await h.anon.post(url(), file)).statusCode).toBe(401);
    const broken = await clerk.post(url(), 'Nội dung\n"không đóng ngoặc\n');
    expect(broken.json().rows[0]).toMatchObject({ field: '' });
    expect((await clerk.post(url(), Buffer.from('PK\u0003\u0004garbage') as unknown as string, { 'content-type': XLSX_TYPE })).json().rows[0].message)
      .toContain('Không đọc được tệp');
    const many = csv([['Nội dung'], ...Array.from({ length: 5001 }, (_, i) => [`Ý kiến số ${i}`])]);
    const tooMany = await clerk.post(url(), many);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().rows[0].message).toContain('5000');
    expect((await clerk.post(url(), 'x'.repeat(5 * 1024 * 1024 + 10))).statusCode).toBe(413);
    expect((await clerk.post(url(), csv([['Nội dung'], ['Được phép.']]))).statusCode).toBe(201);
  });
});
