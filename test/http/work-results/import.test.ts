// Importing figures from CSV or XLSX: several units and periods in one file, a dry run that writes nothing, every
// bad row named (unknown or out-of-scope unit, bad period, unknown indicator, not a number, negative), all rows or
// none, one audit event per unit, rights and limits.
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { XLSX_TYPE } from '../../../src/http/content-types.ts';

function csv(rows: string[][]): string {
  return `\uFEFF${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;
}
const HEADER = ['STT', 'Mã đơn vị', 'Kỳ báo cáo', 'Mã chỉ tiêu', 'Giá trị'];

forEachEngine('work results: import', 'demo', (h) => {
  let clerk: Client;
  let commune: number;
  let oldCode: string;
  const url = (extra = '') => `/api/work-results/import${extra}`;
  const count = async () => Number((await h.database.db.selectFrom('work_results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  let firstAudit = 0;

  beforeAll(async () => {
    // Start from no figures (the demo may seed some) and count only this file's audit events.
    await h.database.db.deleteFrom('work_results').execute();
    firstAudit = Number((await h.database.db.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
    const graph = await loadUnitGraph(h.database.db);
    commune = graph.idOf(DEMO.thieuHoaCommune)!;
    const old = graph.historyOf(commune).find((e) => e.toUnitId === commune && e.fromUnitId !== commune)!.fromUnitId;
    oldCode = graph.units.get(old)!.code;
    clerk = await h.login('nhaplieu.thieuhoa');
  });

  const good = () => csv([
    ['BÁO CÁO KẾT QUẢ CÔNG TÁC ĐẢM BẢO ANTT'],
    HEADER,
    ['1', DEMO.thieuHoaCommune, '2026', 'crime_detected', '27'],
    ['2', DEMO.thieuHoaCommune, '2026', 'crime_solved', '21'],
    ['3', DEMO.thieuHoaCommune, '2026-H1', 'dossiers_received', '1.250'],
    ['4', oldCode, '2025-H1', 'crime_detected', '9'],
    ['5', DEMO.thieuHoaCommune, '2026', 'Số vụ cháy', '2'],
  ]);

  it('previews a dry run without writing anything', async () => {
    const before = await count();
    const audits = (await h.database.db.selectFrom('audit_events').select('id').execute()).length;
    const res = await clerk.post(url('?dryRun=1'), good());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true, total: 5, units: 2, changes: 5, periods: ['2025-H1', '2026', '2026-H1'],
      preview: [
        { line: 3, unitCode: DEMO.thieuHoaCommune, unitName: 'Công an xã Thiệu Hóa', period: '2026', indicatorCode: 'crime_detected', indicatorName: 'Số vụ phạm pháp hình sự phát hiện', value: 27, stored: null },
        { line: 4 }, { line: 5, value: 1250 }, { line: 6, unitCode: oldCode }, { line: 7, indicatorCode: 'fire_incidents' },
      ],
    });
    expect(await count()).toBe(before);
    expect((await h.database.db.selectFrom('audit_events').select('id').execute()).length).toBe(audits);
  });

  it('imports every row in one transaction with one audit event per unit', async () => {
    const before = await count();
    const res = await clerk.post(url('?filename=ket-qua.csv'), good());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dryRun: false, imported: 5, changed: 5, units: 2 });
    expect(await count()).toBe(before + 5);
    const read = (await clerk.get(`/api/work-results?unitId=${commune}&period=2026`)).json() as { rows: { code: string; value: number | null }[] };
    expect(read.rows.find((r) => r.code === 'crime_solved')!.value).toBe(21);
    const stored = await h.database.db.selectFrom('work_results').select(['source', 'updated_by']).where('unit_id', '=', commune).where('period', '=', '2026').execute();
    expect(new Set(stored.map((s) => s.source))).toEqual(new Set(['import']));
    const audit = await h.database.db.selectFrom('audit_events').select(['unit_id', 'before_json', 'after_json']).where('action', '=', 'work_results.import').where('id', '>', firstAudit).orderBy('id').execute();
    expect(audit).toHaveLength(2);
    const mine = audit.find((a) => a.unit_id === commune)!;
    expect(JSON.parse(mine.before_json!)).toEqual({ '2026': { crime_detected: null, crime_solved: null, fire_incidents: null }, '2026-H1': { dossiers_received: null } });
    expect(JSON.parse(mine.after_json!)).toMatchObject({ '2026': { crime_detected: 27, crime_solved: 21, fire_incidents: 2 }, filename: 'ket-qua.csv' });
    // The same file again changes nothing and writes no event.
    const again = await clerk.post(url(), good());
    expect(again.json()).toMatchObject({ imported: 5, changed: 0 });
    expect((await h.database.db.selectFrom('audit_events').select('id').where('action', '=', 'work_results.import').where('id', '>', firstAudit).execute())).toHaveLength(2);
  });

  it('imports nothing while one row is wrong, naming each line and column', async () => {
    const before = await count();
    const res = await clerk.post(url(), csv([
      HEADER,
      ['1', DEMO.thieuHoaCommune, '2026', 'drug_cases', '3'],
      ['2', 'KHONG-CO', '2026', 'drug_cases', '3'],
      ['3', DEMO.dinhHoaCommune, '2026', 'drug_cases', '3'],
      ['4', DEMO.thieuHoaCommune, 'năm 2026', 'drug_cases', '3'],
      ['5', DEMO.thieuHoaCommune, '2026', 'khong_co', '3'],
      ['6', DEMO.thieuHoaCommune, '2026', 'drug_offenders', 'ba'],
      ['7', DEMO.thieuHoaCommune, '2026', 'drug_offenders', '-4'],
      ['8', DEMO.thieuHoaCommune, '2024', 'drug_offenders', '4'],
      ['9', DEMO.thieuHoaCommune, '2026', 'drug_cases', '5'],
    ]));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('csv_invalid');
    expect(res.json().rows).toEqual([
      { line: 3, field: 'Mã đơn vị', message: 'Không có đơn vị mã KHONG-CO trong phạm vi được nhập số liệu.' },
      // A unit outside the scope reads exactly like an unknown one.
      { line: 4, field: 'Mã đơn vị', message: `Không có đơn vị mã ${DEMO.dinhHoaCommune} trong phạm vi được nhập số liệu.` },
      { line: 5, field: 'Kỳ báo cáo', message: expect.stringContaining('Kỳ báo cáo không hợp lệ') },
      { line: 6, field: 'Mã chỉ tiêu', message: expect.stringContaining('khong_co') },
      { line: 7, field: 'Giá trị', message: 'Giá trị không phải là số.' },
      { line: 8, field: 'Giá trị', message: 'Giá trị không được âm.' },
      { line: 9, field: 'Kỳ báo cáo', message: 'Đơn vị không tồn tại trong kỳ báo cáo này.' },
      { line: 10, field: 'Mã chỉ tiêu', message: 'Trùng với dòng 2 (cùng đơn vị, kỳ và chỉ tiêu).' },
    ]);
    expect(await count()).toBe(before);
    expect((await clerk.post(url('?dryRun=1&lang=en'), csv([HEADER, ['1', 'X', '2026', 'drug_cases', '1']]))).json().rows)
      .toEqual([{ line: 2, field: 'Mã đơn vị', message: 'No unit with code X in the scope you may enter figures for.' }]);
    expect((await clerk.post(url(), csv([['Mã chỉ tiêu', 'Giá trị'], ['drug_cases', '1']]))).json().rows)
      .toEqual([{ line: 1, field: 'Mã đơn vị', message: 'Thiếu cột bắt buộc.' }, { line: 1, field: 'Kỳ báo cáo', message: 'Thiếu cột bắt buộc.' }]);
  });

  it('imports an XLSX with English headers and numeric cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.addRow(['unit_code', 'period', 'indicator_code', 'value']);
    ws.addRow([DEMO.thieuHoaCommune, '2026-Q3', 'id_cards', 412]);
    ws.addRow([DEMO.thieuHoaCommune, 2026, 'residence_registrations', 1530]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await clerk.post(url(), buf as unknown as string, { 'content-type': XLSX_TYPE });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ imported: 2, periods: ['2026', '2026-Q3'] });
    const bad = new ExcelJS.Workbook();
    bad.addWorksheet('Data').addRows([['unit_code', 'period', 'indicator_code', 'value'], [DEMO.thieuHoaCommune, '2026', 'id_cards', 'nhiều']]);
    const refused = await clerk.post(url(), Buffer.from(await bad.xlsx.writeBuffer()) as unknown as string, { 'content-type': XLSX_TYPE });
    expect(refused.json().rows).toEqual([{ sheet: 'Data', line: 2, field: 'value', message: 'Giá trị không phải là số.' }]);
  });

  it('refuses a viewer (403), bad files and oversized ones, never with a 500', async () => {
    const viewer = await h.login('dando.tinhuy');
    expect((await viewer.post(url(), good())).statusCode).toBe(403);
    const garbage = await clerk.post(url(), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]) as unknown as string, { 'content-type': XLSX_TYPE });
    expect(garbage.statusCode).toBe(400);
    expect((await clerk.post(url(), '')).statusCode).toBe(400);
    expect((await clerk.post(url(), 'a,"b\n')).statusCode).toBe(400);
    expect((await clerk.post(url(), 'x'.repeat(3 * 1024 * 1024))).statusCode).toBe(413);
    expect((await clerk.post(url('?dryRun=maybe'), good())).statusCode).toBe(400);
    expect((await clerk.post(url(), { a: 1 })).statusCode).toBe(400);
  });
});
