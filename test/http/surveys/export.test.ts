// Exports carry exactly the responses of the units asked for, labelled in Vietnamese, and open in Excel.
import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { forEachEngine } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';

forEachEngine('survey exports', 'demo', (h) => {
  it('exports one commune as CSV (BOM, Vietnamese labels), XLSX (three sheets) and JSON, with the same responses', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const campaign = (await officer.get('/api/campaigns')).json().campaigns[0];
    const commune = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const expected = Number((await h.database.db.selectFrom('responses').select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaign.id).where('unit_id', '=', commune).executeTakeFirstOrThrow()).n);
    expect(expected).toBeGreaterThan(0);

    const csv = await officer.get(`/api/campaigns/${campaign.id}/export.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFMã phiếu,Đơn vị,Kênh')).toBe(true);
    const rows = parse(csv.body.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r['Đơn vị']))).toEqual(new Set(['Công an xã Thiệu Hóa']));
    const labels = new Set(rows.map((r) => r['tieu_chi_1. Kết quả công tác bảo đảm an ninh, trật tự trên địa bàn']).filter(Boolean));
    expect([...labels].every((l) => ['Rất hài lòng', 'Hài lòng', 'Chưa hài lòng', 'Không hài lòng', 'Không có ý kiến / không áp dụng'].includes(l!))).toBe(true);

    const xlsx = await officer.get(`/api/campaigns/${campaign.id}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phiếu trả lời', 'Từ điển', 'Tổng hợp']);
    expect(wb.getWorksheet('Phiếu trả lời')!.rowCount).toBe(expected + 1);
    const results = (await officer.get(`/api/campaigns/${campaign.id}/results`)).json();
    const summaryRow = wb.getWorksheet('Tổng hợp')!.getRow(2).values as unknown[];
    expect(summaryRow.slice(1, 5)).toEqual([results.criteria[0].id, results.criteria[0].label.vi, results.criteria[0].satisfied, results.criteria[0].denominator]);

    const json = (await officer.get(`/api/campaigns/${campaign.id}/export.json`)).json();
    expect(json.responses).toHaveLength(expected);
    expect(json.questions.find((q: { id: string }) => q.id === 'tieu_chi_1').choices[0]).toEqual({ code: '4', label: 'Rất hài lòng', satisfied: true });
    const audit = (await (await h.login('lanhdao.thieuhoa')).get('/api/audit?action=campaign.export')).json().events;
    expect(audit.length).toBe(3);
  });

  it('answers 404 for units outside one\'s scope and unknown formats', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const campaign = (await officer.get('/api/campaigns')).json().campaigns[0];
    const other = (await loadUnitGraph(h.database.db)).idOf(DEMO.dinhHoaCommune)!;
    expect((await officer.get(`/api/campaigns/${campaign.id}/export.csv?unit=${other}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/campaigns/${campaign.id}/export.pdf`)).statusCode).toBe(404);
  });
});
