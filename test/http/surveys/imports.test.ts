// Importing responses from another tool: suggested mapping, codes such as 9 = "don't know", all or nothing.
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { defaultQuestionnaire } from '../../../src/core/surveys/template.ts';
import { XLSX_TYPE } from '../../../src/http/content-types.ts';

const form = defaultQuestionnaire();
const criteria = form.sections[1]!.questions;
const LEVEL = { '4': 'Rất hài lòng', '3': 'Hài lòng', '2': 'Chưa hài lòng', '1': 'Không hài lòng' } as const;

forEachEngine('response imports', 'demo', (h) => {
  let clerk: Client;
  let campaignId: number, commune: number;
  const count = async () => Number((await h.database.db.selectFrom('responses').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', campaignId).where('channel', '=', 'import').executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    clerk = await h.login('nhaplieu.thieuhoa');
    campaignId = (await clerk.get('/api/campaigns')).json().campaigns[0].id;
    commune = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
  });

  it('imports a Google Forms export (labels as headers and answers), suggesting the mapping', async () => {
    const header = ['Dấu thời gian', form.sections[0]!.questions[0]!.label.vi, ...criteria.map((q) => q.label.vi)];
    const rows = Array.from({ length: 30 }, (_, i) => ['2026/11/20 9:00:00', i % 2 ? 'Có' : 'Không', ...criteria.map((q, j) => (q.id === 'tieu_chi_7' && i % 2 === 0 ? '' : LEVEL[(['4', '3', '3', '2'] as const)[(i + j) % 4]!]))]);
    const csv = [header, ...rows].map((r) => r.map((c) => `"${c}"`).join(',')).join('\n');
    const up = await clerk.post(`/api/campaigns/${campaignId}/imports?unitId=${commune}&filename=google.csv`, csv);
    expect(up.statusCode).toBe(201);
    const { id, suggestion, total } = up.json();
    expect(total).toBe(30);
    expect(Object.values(suggestion.columns).sort()).toEqual(['da_lam_viec', ...criteria.map((q) => q.id)].sort());
    expect(suggestion.columns['Dấu thời gian']).toBeUndefined();
    expect(suggestion.values.tieu_chi_1).toMatchObject({ 'Rất hài lòng': '4', 'Hài lòng': '3', 'Chưa hài lòng': '2' });
    const check = (await clerk.post(`/api/imports/${id}/check`, suggestion)).json();
    expect(check).toMatchObject({ total: 30, valid: 30, rows: [] });
    const before = await count();
    const run = await clerk.post(`/api/imports/${id}/run`, suggestion);
    expect(run.json()).toEqual({ imported: 30 });
    expect(await count()).toBe(before + 30);
    expect((await clerk.get(`/api/imports/${id}`)).json()).toMatchObject({ state: 'done', imported: 30 });
    expect((await clerk.post(`/api/imports/${id}/run`, suggestion)).statusCode).toBe(409);
  });

  it('maps codes (9 = "don\'t know" to no opinion) from an XLSX, and imports nothing while one row is wrong', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['da_lam_viec', ...criteria.map((q) => q.id)]);
    for (let i = 0; i < 12; i++) ws.addRow(['khong', ...criteria.map((q) => (q.id === 'tieu_chi_7' ? null : i === 5 && q.id === 'tieu_chi_2' ? 7 : (i % 3) + 1 === 3 ? 9 : (i % 3) + 1))]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const up = (await clerk.post(`/api/campaigns/${campaignId}/imports?unitId=${commune}`, buf as unknown as string, { 'content-type': XLSX_TYPE })).json();
    const codes = { '1': '4', '2': '3', '9': '9' };
    const mapping = { columns: up.suggestion.columns, values: Object.fromEntries(criteria.map((q) => [q.id, codes])) };
    const check = (await clerk.post(`/api/imports/${up.id}/check`, mapping)).json();
    expect(check.rows).toEqual([{ line: 7, field: 'tieu_chi_2', message: 'Giá trị «7» chưa được gán với câu trả lời nào.' }]);
    const before = await count();
    const refused = await clerk.post(`/api/imports/${up.id}/run`, mapping);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('import_invalid');
    expect(await count()).toBe(before);
    const fixed = { ...mapping, values: { ...mapping.values, tieu_chi_2: { ...codes, '7': '' } } };
    const blankRequired = (await clerk.post(`/api/imports/${up.id}/check`, fixed)).json();
    expect(blankRequired.rows[0]).toMatchObject({ line: 7, field: 'tieu_chi_2', message: 'Vui lòng trả lời câu hỏi này.' });
  });

  it('refuses a file that is not a table, and 404 for another commune', async () => {
    expect((await clerk.post(`/api/campaigns/${campaignId}/imports?unitId=${commune}`, '')).statusCode).toBe(400);
    const other = (await loadUnitGraph(h.database.db)).idOf(DEMO.dinhHoaCommune)!;
    expect((await clerk.post(`/api/campaigns/${campaignId}/imports?unitId=${other}`, 'a,b\n1,2')).statusCode).toBe(404);
  });
});
