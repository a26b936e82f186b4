// The province's view of a year's conferences per commune, and the paper batch handed out at a conference: the
// figures move by exactly what one conference adds (the demo's own conferences are there already).
import { expect, it } from 'vitest';
import { todayVN } from '../../../src/core/dates.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { forEachEngine } from '../../helpers/harness.ts';

interface Row { unitId: number; unitName: string; planned: number; held: number; delegates: number; attended: number; opinions: number; answeredOnTime: number; overdue: number; formsCollected: number; lastHeldOn: string | null }

forEachEngine('conference overview', 'demo', (h) => {
  it('counts per commune what a conference adds, lists who held none, and stays in scope', async () => {
    const graph = await loadUnitGraph(h.database.db);
    const province = graph.idOf(DEMO.province)!;
    const thieuHoa = graph.idOf(DEMO.thieuHoaCommune)!;
    const dinhHoa = graph.idOf(DEMO.dinhHoaCommune)!;
    const year = Number(todayVN().slice(0, 4));
    const leader = await h.login('lanhdao.tinh');
    const url = `/api/conferences/overview?unitId=${province}&year=${year}`;
    const before = (await leader.get(url)).json() as { units: Row[]; notHeld: { unitId: number }[] };
    const row = (o: { units: Row[] }) => o.units.find((u) => u.unitId === thieuHoa)!;
    expect(row(before)).toBeDefined();
    expect(before.units.length).toBeGreaterThan(100);
    for (const n of before.notHeld) expect(before.units.find((u) => u.unitId === n.unitId)!.held).toBe(0);

    const officer = await h.login('canbo.thieuhoa');
    const campaign = (await h.database.db.selectFrom('campaigns').select('id').where('period', '=', `${year}-Q4`).executeTakeFirst())?.id ?? null;
    const c = (await officer.post('/api/conferences', {
      unitId: thieuHoa, campaignId: campaign, title: 'Hội nghị bổ sung', period: String(year), date: todayVN(), startTime: '14:00', endTime: '16:00',
      venue: 'Nhà văn hóa thôn Tổng kết',
    })).json();
    const a = (await officer.post(`/api/conferences/${c.id}/delegates`, { fullName: 'Nguyễn Văn An', category: 'resident' })).json();
    await officer.post(`/api/conferences/${c.id}/delegates`, { fullName: 'Lê Thị Bình', category: 'resident' });
    await officer.post(`/api/conferences/${c.id}/checkin`, { delegateId: a.id, present: true });
    await officer.patch(`/api/conferences/${c.id}`, { extraAttendance: 3 });
    await officer.post(`/api/conferences/${c.id}/opinions`, { kind: 'request', content: 'Đề nghị tuần tra ban đêm.', answerMode: 'spot', spotAnswer: 'Đã bố trí.' });
    await officer.post(`/api/conferences/${c.id}/opinions`, { kind: 'report', content: 'Phản ánh xe tải chạy nhanh.', answerMode: 'writing' });
    expect((await officer.post(`/api/conferences/${c.id}/state`, { action: 'hold' })).json().state).toBe('held');

    // Paper forms handed out at the conference: only a batch of its campaign and unit can be tied to it.
    const now = new Date().toISOString();
    const batch = campaign === null ? null : await h.database.db.insertInto('paper_batches').values({
      campaign_id: campaign, unit_id: thieuHoa, sheet_count: 10, layout: '{}', state: 'handed_out', note: null, conference_id: null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const other = campaign === null ? null : await h.database.db.insertInto('paper_batches').values({
      campaign_id: campaign, unit_id: dinhHoa, sheet_count: 5, layout: '{}', state: 'handed_out', note: null, conference_id: null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    let keyed = 0;
    if (batch && other) {
      await h.database.db.insertInto('paper_sheets').values(Array.from({ length: 10 }, (_, i) => ({
        sheet_id: `TCONF${batch.id}X${i}`, batch_id: batch.id, campaign_id: campaign!, unit_id: thieuHoa, state: i < 4 ? 'keyed' as const : 'printed' as const, response_id: null,
      }))).execute();
      keyed = 4;
      expect(Object.keys((await officer.post(`/api/conferences/${c.id}/paper-batch`, { batchId: other.id })).json().fields)).toEqual(['batchId']);
      expect((await officer.post(`/api/conferences/${c.id}/paper-batch`, { batchId: 999999 })).statusCode).toBe(400);
      const linked = await officer.post(`/api/conferences/${c.id}/paper-batch`, { batchId: batch.id });
      expect(linked.json().counts).toMatchObject({ formsHandedOut: 10, formsReturned: 4 });
      expect((await (await h.login('nhaplieu.thieuhoa')).post(`/api/conferences/${c.id}/paper-batch`, { batchId: batch.id })).statusCode).toBe(403);
    }

    // Online answers count once per campaign and unit: only if no earlier conference of the unit this year had the campaign.
    const pairSeen = campaign !== null && !!(await h.database.db.selectFrom('conferences').select('id').where('unit_id', '=', thieuHoa)
      .where('campaign_id', '=', campaign).where('id', '!=', c.id).where('state', '!=', 'cancelled')
      .where('held_on', '>=', `${year}-01-01`).where('held_on', '<=', `${year}-12-31`).executeTakeFirst());
    const web = campaign === null || pairSeen ? 0 : Number((await h.database.db.selectFrom('result_totals').select((eb) => eb.fn.sum<number>('n').as('n'))
      .where('campaign_id', '=', campaign).where('unit_id', '=', thieuHoa).where('channel', '=', 'web').executeTakeFirst())?.n ?? 0);

    const after = (await leader.get(url)).json() as { units: Row[]; notHeld: { unitId: number }[] };
    const b = row(before);
    const x = row(after);
    expect({
      held: x.held - b.held, planned: x.planned - b.planned, delegates: x.delegates - b.delegates, attended: x.attended - b.attended,
      opinions: x.opinions - b.opinions, answeredOnTime: x.answeredOnTime - b.answeredOnTime, formsCollected: x.formsCollected - b.formsCollected,
    }).toEqual({ held: 1, planned: 0, delegates: 2, attended: 4, opinions: 2, answeredOnTime: 1, formsCollected: keyed + web });
    expect(x.lastHeldOn).toBe(todayVN());
    expect(after.notHeld.map((n) => n.unitId)).not.toContain(thieuHoa);

    // A commune officer sees the province's view as not found, and their own commune as one row.
    expect((await officer.get(url)).statusCode).toBe(404);
    const own = (await officer.get(`/api/conferences/overview?unitId=${thieuHoa}&year=${year}`)).json();
    expect(own.units.map((u: Row) => u.unitId)).toEqual([thieuHoa]);
    expect((await leader.get('/api/conferences/overview')).statusCode).toBe(400);
    expect((await leader.get(`/api/conferences/overview?unitId=${province}&year=1800`)).statusCode).toBe(400);
  });
});
