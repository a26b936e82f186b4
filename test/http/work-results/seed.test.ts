// The demo's work results: filled through the save command (audited), consistent (solved <= detected and the other
// "not more than" pairs, a half below its year), and the first half of 2025 of a commune formed in July 2025 rolls
// up from the communes it was formed from.
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { seedWorkResults } from '../../../src/seed/work-results.ts';
import { NOT_MORE_THAN } from '../../../src/core/work-results/indicators.ts';

forEachEngine('work results: demo seed', 'demo', (h) => {
  beforeAll(async () => {
    await h.database.db.deleteFrom('work_results').execute();
    await seedWorkResults(h.ctx, await loadUnitGraph(h.database.db));
  });

  it('fills the province and the persona communes, consistently, through the command', async () => {
    const graph = await loadUnitGraph(h.database.db);
    const rows = await h.database.db.selectFrom('work_results').innerJoin('work_indicators as i', 'i.id', 'work_results.indicator_id')
      .select(['unit_id', 'period', 'i.code', 'value', 'source']).execute();
    const at = new Map(rows.map((r) => [`${r.unit_id}|${r.period}|${r.code}`, Number(r.value)]));
    for (const code of [DEMO.province, DEMO.thieuHoaCommune, DEMO.dinhHoaCommune, DEMO.thieuTrungCommune]) {
      const id = graph.idOf(code)!;
      for (const period of ['2025', '2026', '2026-H1']) expect(at.get(`${id}|${period}|crime_detected`), `${code} ${period}`).toBeGreaterThan(0);
    }
    const keys = new Set(rows.map((r) => `${r.unit_id}|${r.period}`));
    for (const k of keys) {
      for (const [small, big] of NOT_MORE_THAN) expect(at.get(`${k}|${small}`)!, `${k} ${small}`).toBeLessThanOrEqual(at.get(`${k}|${big}`)!);
    }
    for (const r of rows.filter((x) => x.period === '2026-H1')) expect(r.value).toBeLessThanOrEqual(at.get(`${r.unit_id}|2026|${r.code}`)!);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['manual']));
    expect((await h.database.db.selectFrom('audit_events').select('id').where('action', '=', 'work_results.save').execute()).length).toBeGreaterThan(10);

    const leader = await h.login('lanhdao.thieuhoa');
    const commune = graph.idOf(DEMO.thieuHoaCommune)!;
    const res = (await leader.get(`/api/work-results?unitId=${commune}&period=2026-H1`)).json() as { rows: { code: string; value: number; previous: number }[]; sources: { previous: { id: number }[] } };
    expect(res.rows.find((r) => r.code === 'crime_detected')!.previous).toBeGreaterThan(0);
    expect(res.sources.previous.map((u) => u.id)).not.toContain(commune);
    expect(res.sources.previous.length).toBeGreaterThan(1);
  });
});
