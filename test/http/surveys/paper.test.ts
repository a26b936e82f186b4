// Paper forms: a batch is printed, each sheet keyed exactly once (or twice by different clerks), blank and
// spoiled sheets counted as invalid, and nothing outside one's units is reachable.
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { createUser } from '../../../src/commands/users/manage.ts';
import { DEMO } from '../../../src/seed/demo.ts';

const ALL_FOUR = { da_lam_viec: 'khong', ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`tieu_chi_${i + 1}`, '4'])) };

forEachEngine('paper forms', 'demo', (h) => {
  let officer: Client, clerk: Client, clerk2: Client, leader: Client;
  let campaignId: number, commune: number, sheets: string[];
  const totals = async () => (await leader.get(`/api/campaigns/${campaignId}/results?unit=${commune}`)).json().totals;

  beforeAll(async () => {
    const g = await loadUnitGraph(h.database.db);
    commune = g.idOf(DEMO.thieuHoaCommune)!;
    await createUser(h.ctx, { username: 'nhaplieu2.thieuhoa', password: 'Nhap-Lieu-2026', fullName: 'Lý Thị Mai', phone: null, email: null, unitId: commune }, { grants: [{ unitId: commune, role: 'clerk' }] });
    [officer, clerk, clerk2, leader] = await Promise.all([h.login('canbo.thieuhoa'), h.login('nhaplieu.thieuhoa'), h.login('nhaplieu2.thieuhoa', 'Nhap-Lieu-2026'), h.login('lanhdao.thieuhoa')]);
    campaignId = (await officer.get('/api/campaigns')).json().campaigns[0].id;
  });

  it('prints a batch of unique sheets as one PDF', async () => {
    const res = await officer.post(`/api/campaigns/${campaignId}/paper-batches`, { unitId: commune, count: 25, note: 'Hội nghị thôn 3' });
    expect(res.statusCode).toBe(201);
    const batchId = res.json().id;
    sheets = (await h.database.db.selectFrom('paper_sheets').select('sheet_id').where('batch_id', '=', batchId).orderBy('sheet_id').execute()).map((s) => s.sheet_id);
    expect(new Set(sheets).size).toBe(25);
    expect(sheets.every((s) => /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(s))).toBe(true);
    const pdf = await officer.get(`/api/paper-batches/${batchId}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)!.length).toBe(50);
    const list = (await officer.get(`/api/campaigns/${campaignId}/paper-batches`)).json().batches;
    expect(list[0]).toMatchObject({ id: batchId, sheetCount: 25, state: 'printed', sheets: { printed: 25 } });
    expect((await officer.post(`/api/paper-batches/${batchId}/state`, { state: 'handed_out' })).statusCode).toBe(200);
    expect((await officer.post(`/api/paper-batches/${batchId}/state`, { state: 'handed_out' })).statusCode).toBe(409);
  });

  it('keys a sheet once: the response counts, a second keying is refused, a typo is caught', async () => {
    const before = await totals();
    const typed = sheets[0]!.toLowerCase().replace('-', ' ');
    const view = (await clerk.get(`/api/paper-sheets/${encodeURIComponent(typed)}`)).json();
    expect(view).toMatchObject({ sheetId: sheets[0], state: 'printed', nextRound: 1, unitName: 'Công an xã Thiệu Hóa' });
    const ok = await clerk.post(`/api/paper-sheets/${sheets[0]}/keying`, { status: 'valid', answers: ALL_FOUR });
    expect(ok.json()).toEqual({ sheetId: sheets[0], round: 1, outcome: 'stored' });
    const again = await clerk2.post(`/api/paper-sheets/${sheets[0]}/keying`, { status: 'valid', answers: ALL_FOUR });
    expect(again.statusCode).toBe(409);
    expect(again.json().fields).toEqual({ sheetId: 'Phiếu này đã được nhập.' });
    const wrong = sheets[1]!.slice(0, -1) + (sheets[1]!.endsWith('0') ? '1' : '0');
    expect((await clerk.get(`/api/paper-sheets/${wrong}`)).json().fields).toEqual({ sheetId: expect.stringContaining('Mã phiếu không đúng') });
    const blank = await clerk.post(`/api/paper-sheets/${sheets[1]}/keying`, { status: 'blank' });
    expect(blank.json().outcome).toBe('stored');
    const missing = await clerk.post(`/api/paper-sheets/${sheets[2]}/keying`, { status: 'valid', answers: { da_lam_viec: 'co' } });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().fields)).toContain('tieu_chi_1');
    const after = await totals();
    expect([after.valid - before.valid, after.invalid - before.invalid]).toEqual([1, 1]);
    expect(after.byChannel.paper - before.byChannel.paper).toBe(2);
  });

  it('double entry: a second clerk must agree, or a manager settles it', async () => {
    const admin = await h.login('quantri.tinh');
    expect((await admin.put(`/api/campaigns/${campaignId}/double-entry`, { permille: 1000 })).statusCode).toBe(200);
    const [s1, s2] = [sheets[3]!, sheets[4]!];
    expect((await clerk.post(`/api/paper-sheets/${s1}/keying`, { status: 'valid', answers: ALL_FOUR })).json().outcome).toBe('awaiting_second');
    expect((await clerk.post(`/api/paper-sheets/${s1}/keying`, { status: 'valid', answers: ALL_FOUR })).json().fields).toEqual({ sheetId: 'Lần nhập thứ hai phải do người khác thực hiện.' });
    expect((await clerk2.post(`/api/paper-sheets/${s1}/keying`, { status: 'valid', answers: ALL_FOUR })).json().outcome).toBe('stored');
    await clerk.post(`/api/paper-sheets/${s2}/keying`, { status: 'valid', answers: ALL_FOUR });
    expect((await clerk2.post(`/api/paper-sheets/${s2}/keying`, { status: 'valid', answers: { ...ALL_FOUR, tieu_chi_5: '2' } })).json().outcome).toBe('disagreement');
    expect((await clerk.post(`/api/paper-sheets/${s2}/resolve`, { status: 'valid', answers: ALL_FOUR })).statusCode).toBe(403);
    const view = (await officer.get(`/api/paper-sheets/${s2}`)).json();
    expect(view.keyings.map((k: { answers: Record<string, string> }) => k.answers.tieu_chi_5)).toEqual(['4', '2']);
    expect((await officer.get(`/api/campaigns/${campaignId}/disagreements`)).json().sheets).toEqual([{ sheetId: s2, unitId: commune }]);
    const settled = await officer.post(`/api/paper-sheets/${s2}/resolve`, { status: 'valid', answers: { ...ALL_FOUR, tieu_chi_5: '2' } });
    expect(settled.json()).toEqual({ sheetId: s2, outcome: 'stored' });
    const stored = await h.database.db.selectFrom('answers as a').innerJoin('responses as r', 'r.id', 'a.response_id')
      .select('a.value').where('r.sheet_id', '=', s2).where('a.question_id', '=', 'tieu_chi_5').executeTakeFirstOrThrow();
    expect(stored.value).toBe('2');
  });

  it("answers 404 for another commune's sheets and batches", async () => {
    const other = await h.login('canbo.dinhhoa');
    expect((await other.get(`/api/paper-sheets/${sheets[5]}`)).statusCode).toBe(404);
    expect((await other.post(`/api/paper-sheets/${sheets[5]}/keying`, { status: 'blank' })).statusCode).toBe(404);
    const batch = await h.database.db.selectFrom('paper_sheets').select('batch_id').where('sheet_id', '=', sheets[5]!).executeTakeFirstOrThrow();
    expect((await other.get(`/api/paper-batches/${batch.batch_id}/pdf`)).statusCode).toBe(404);
    expect((await other.post(`/api/campaigns/${campaignId}/paper-batches`, { unitId: commune, count: 5 })).statusCode).toBe(404);
  });
});
