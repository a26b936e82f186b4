// Demographic breakdowns: figures exactly as counted by hand, and groups smaller than the minimum hidden.
import { expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';

forEachEngine('demographic breakdowns', 'demo', (h) => {
  it('shows each age group with its own figures at province level and hides groups under 10 responses in a commune', async () => {
    const leader = await h.login('lanhdao.tinh');
    const campaign = (await leader.get('/api/campaigns')).json().campaigns[0];
    const res = (await leader.get(`/api/campaigns/${campaign.id}/breakdown?by=do_tuoi`)).json();
    expect(res.minCell).toBe(10);
    expect(res.groups.map((g: { code: string }) => g.code)).toEqual(['duoi_30', '30_45', '46_60', 'tren_60']);
    const group = res.groups[0];
    expect(group.suppressed).toBe(false);
    // By hand: valid responses of the campaign whose age answer is "duoi_30", and their tieu_chi_1 answers.
    const ids = (await h.database.db.selectFrom('answers as d').innerJoin('responses as r', 'r.id', 'd.response_id').select('r.id')
      .where('r.campaign_id', '=', campaign.id).where('r.status', '=', 'valid').where('d.question_id', '=', 'do_tuoi').where('d.value', '=', 'duoi_30').execute()).map((r) => r.id);
    expect(group.responses).toBe(ids.length);
    const t1 = (await h.database.db.selectFrom('answers').select('value').where('question_id', '=', 'tieu_chi_1').where('response_id', 'in', ids).execute()).map((a) => a.value);
    const valid = t1.filter((v) => ['1', '2', '3', '4'].includes(v));
    const c1 = group.criteria.find((c: { id: string }) => c.id === 'tieu_chi_1');
    expect(c1.denominator).toBe(valid.length);
    expect(c1.share).toBeCloseTo(valid.filter((v) => v === '3' || v === '4').length / valid.length, 12);

    const commune = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const small = (await leader.get(`/api/campaigns/${campaign.id}/breakdown?by=do_tuoi&unit=${commune}`)).json();
    expect(small.groups.every((g: { suppressed: boolean; responses: number | null; criteria: unknown }) => g.suppressed && g.responses === null && g.criteria === null)).toBe(true);
    expect((await leader.get(`/api/campaigns/${campaign.id}/breakdown?by=tieu_chi_1`)).statusCode).toBe(400);
  });
});
