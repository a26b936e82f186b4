// XLSForm through the API: a version goes out as a spreadsheet and comes back as a new questionnaire;
// a broken file is refused with sheet, row and column, and nothing is created.
import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { forEachEngine } from '../../helpers/harness.ts';
import { XLSX_TYPE } from '../../../src/http/content-types.ts';

forEachEngine('XLSForm API', 'demo', (h) => {
  it('exports a published version and imports it back as an identical new questionnaire', async () => {
    const admin = await h.login('quantri.tinh');
    const list = (await admin.get('/api/questionnaires')).json().questionnaires;
    const source = list[0];
    const file = await admin.get(`/api/questionnaire-versions/${source.versions[0].id}/xlsform`);
    expect(file.headers['content-type']).toBe(XLSX_TYPE);
    const province = source.unitId;
    const res = await admin.post(`/api/questionnaires/xlsform?unitId=${province}&code=PHIEU-NHAP`, file.rawPayload as unknown as string, { 'content-type': XLSX_TYPE });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([]);
    const imported = (await admin.get(`/api/questionnaires/${res.json().questionnaireId}`)).json();
    const original = (await admin.get(`/api/questionnaires/${source.id}`)).json();
    expect(imported.versions[0].definition).toEqual(original.versions[0].definition);
    expect(imported.versions[0].status).toBe('draft');
  });

  it('refuses a broken form with sheet, row and column, creating nothing', async () => {
    const admin = await h.login('quantri.tinh');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('survey').addRows([['type', 'name', 'label::Vietnamese (vi)'], ['geopoint', 'vi_tri', 'Vị trí'], ['select_one khong_co', 'q1', 'Câu 1']]);
    wb.addWorksheet('choices').addRows([['list_name', 'name', 'label::Vietnamese (vi)']]);
    wb.addWorksheet('settings').addRows([['form_title'], ['Phiếu thử']]);
    const before = (await admin.get('/api/questionnaires')).json().questionnaires.length;
    const res = await admin.post('/api/questionnaires/xlsform?unitId=2&code=PHIEU-LOI', Buffer.from(await wb.xlsx.writeBuffer()) as unknown as string, { 'content-type': XLSX_TYPE });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('xlsform_invalid');
    expect(res.json().rows.map((r: { sheet: string; line: number; field: string }) => `${r.sheet}:${r.line}:${r.field}`)).toEqual(expect.arrayContaining(['survey:2:type', 'survey:3:type']));
    expect((await admin.get('/api/questionnaires')).json().questionnaires.length).toBe(before);
    const junk = await admin.post('/api/questionnaires/xlsform?unitId=2&code=PHIEU-RAC', Buffer.from('not a spreadsheet') as unknown as string, { 'content-type': XLSX_TYPE });
    expect(junk.statusCode).toBe(400);
  });
});
