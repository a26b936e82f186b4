// Results are exactly what a statistician computes by hand from the raw answers, rolled up through the
// hierarchy and, for last year, through lineage; every role sees only its own units' results.
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Client } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { wilson } from '../../../src/core/surveys/stats.ts';
import type { Harness } from '../../helpers/harness.ts';

async function byHand(h: Harness, campaignId: number, unitIds: number[], question: string) {
  // Straight from the raw answers: valid responses of these units, this question, levels 1-4 (9 = no opinion).
  const rows = await h.database.db
    .selectFrom('answers as a').innerJoin('responses as r', 'r.id', 'a.response_id')
    .select(['a.value']).where('r.campaign_id', '=', campaignId).where('r.unit_id', 'in', unitIds)
    .where('r.status', '=', 'valid').where('a.question_id', '=', question).execute();
  const levels = rows.map((r) => r.value).filter((v) => ['1', '2', '3', '4'].includes(v));
  const satisfied = levels.filter((v) => v === '3' || v === '4').length;
  return { satisfied, denominator: levels.length, noOpinion: rows.filter((r) => r.value === '9').length };
}

forEachEngine('survey results', 'demo', (h) => {
  let leader: Client;
  let campaigns: { id: number; period: string; state: string }[];
  beforeAll(async () => {
    leader = await h.login('lanhdao.tinh');
    campaigns = (await leader.get('/api/campaigns')).json().campaigns;
  });

  it('lists the yearly campaigns, the current one open', () => {
    expect(campaigns.map((c) => `${c.period}:${c.state}`)).toEqual(['2026-Q4:open', '2025-Q4:closed', '2024-Q4:closed']);
  });

  it('gives % satisfied, denominator and Wilson interval exactly as computed by hand, for the province and a commune', async () => {
    const c2026 = campaigns[0]!.id;
    const res = (await leader.get(`/api/campaigns/${c2026}/results`)).json();
    const graph = await loadUnitGraph(h.database.db);
    const all = (await h.database.db.selectFrom('campaign_units').select('unit_id').where('campaign_id', '=', c2026).execute()).map((r) => r.unit_id);
    for (const c of res.criteria) {
      const hand = await byHand(h, c2026, all, c.id);
      expect([c.id, c.satisfied, c.denominator, c.noOpinion]).toEqual([c.id, hand.satisfied, hand.denominator, hand.noOpinion]);
      expect(c.share).toBeCloseTo(hand.satisfied / hand.denominator, 12);
      const w = wilson(hand.satisfied, hand.denominator)!;
      expect([c.low, c.high]).toEqual([w.low, w.high]);
    }
    const validByHand = await h.database.db.selectFrom('responses').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', c2026).where('status', '=', 'valid').executeTakeFirstOrThrow();
    expect(res.totals.valid).toBe(Number(validByHand.n));
    expect(res.children).toHaveLength(166);
    const commune = graph.idOf(DEMO.thieuHoaCommune)!;
    const one = (await leader.get(`/api/campaigns/${c2026}/results?unit=${commune}`)).json();
    const hand = await byHand(h, c2026, [commune], 'tieu_chi_9');
    expect(one.criteria.find((c: { id: string }) => c.id === 'tieu_chi_9')).toMatchObject({ satisfied: hand.satisfied, denominator: hand.denominator });
  });

  it("compares with last year through lineage: 2024's old communes roll up into today's commune", async () => {
    const c2025 = campaigns[1]!.id;
    const c2024 = campaigns[2]!.id;
    const graph = await loadUnitGraph(h.database.db);
    const commune = graph.idOf(DEMO.thieuHoaCommune)!;
    const res = (await leader.get(`/api/campaigns/${c2025}/results?unit=${commune}`)).json();
    expect(res.previous.campaignId).toBe(c2024);
    const olds = graph.predecessors(commune);
    expect(res.previous.units).toBe(olds.length);
    const hand = await byHand(h, c2024, olds, 'tieu_chi_1');
    expect(res.previous.criteria.tieu_chi_1).toMatchObject({ denominator: hand.denominator, share: hand.satisfied / hand.denominator });
  });

  it('shows a commune officer only their commune, and 404 for another', async () => {
    const officer = await h.login('canbo.thieuhoa');
    const list = (await officer.get('/api/campaigns')).json().campaigns;
    expect(list).toHaveLength(3);
    const graph = await loadUnitGraph(h.database.db);
    const res = (await officer.get(`/api/campaigns/${list[0].id}/results`)).json();
    expect(res.focus.name).toBe('Công an xã Thiệu Hóa');
    expect((await officer.get(`/api/campaigns/${list[0].id}/results?unit=${graph.idOf(DEMO.dinhHoaCommune)}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/campaigns/${list[0].id}/results?unit=${graph.idOf(DEMO.province)}`)).statusCode).toBe(404);
    const detail = (await officer.get(`/api/campaigns/${list[0].id}`)).json();
    expect(detail.participants.map((p: { name: string }) => p.name)).toEqual(['Công an xã Thiệu Hóa']);
    expect(detail.actions).toEqual([]);
  });
});

forEachEngine('survey results: the headline', 'demo', (h) => {
  it('is the overall-satisfaction criterion, over forms, with its interval, for the province and each unit', async () => {
    const leader = await h.login('lanhdao.tinh');
    const c = (await leader.get('/api/campaigns')).json().campaigns[0];
    const res = (await leader.get(`/api/campaigns/${c.id}/results`)).json();
    expect(res.headline.id).toBe('tieu_chi_9');
    expect(res.headline).toEqual(res.criteria.find((x: { id: string }) => x.id === 'tieu_chi_9'));
    expect(res.headline.denominator).toBeLessThanOrEqual(res.totals.valid);
    const child = res.children[0];
    expect(child.headline).toEqual(expect.objectContaining({ denominator: expect.any(Number) }));
  });
});

forEachEngine('campaign questionnaire for participants', 'demo', (h) => {
  it("lets a commune clerk read the campaign's questions (not the province's questionnaire list)", async () => {
    const clerk = await h.login('nhaplieu.thieuhoa');
    const c = (await clerk.get('/api/campaigns')).json().campaigns[0];
    const q = (await clerk.get(`/api/campaigns/${c.id}/questionnaire`)).json();
    expect(q.definition.sections[1].questions[0].id).toBe('tieu_chi_1');
    expect((await clerk.get('/api/questionnaires')).json().questionnaires).toEqual([]);
  });
});
