// The register's per-unit figures (GET /api/feedback-stats), counted by the database, against the same figures
// worked out here from every item's row, the plain way: the definitions are in the rows, not in the SQL.
import { expect, it } from 'vitest';
import { forEachEngine } from '../../helpers/harness.ts';
import { loadUnitGraph } from '../../../src/db/repos/units.ts';
import { feedbackConfig } from '../../../src/db/repos/feedback-config.ts';
import { OPEN_STATES, OWING_STATES } from '../../../src/core/feedback/lifecycle.ts';
import { medianOfCounts } from '../../../src/commands/feedback/register.ts';
import { todayVN } from '../../../src/core/dates.ts';
import { DEMO } from '../../../src/seed/demo.ts';

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

it('takes the median of counted values as of the values themselves', () => {
  for (const xs of [[], [3], [3, 1], [5, 1, 3], [2, 2, 9, 1], [4, 4, 4, 10, 10, 1, 7]]) {
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect(medianOfCounts([...counts, [99, 0]])).toBe(median(xs));
  }
});

forEachEngine('feedback stats', 'demo', (h) => {
  /** The figures as the first version of registerStats worked them out, from every row in JS. */
  async function byHand(unitCode: string, year: number) {
    const graph = await loadUnitGraph(h.database.db);
    const today = todayVN();
    const { calendar } = await feedbackConfig(h.database);
    const unitId = graph.idOf(unitCode)!;
    const children = graph.childrenOf(unitId, today).filter((c) => graph.versionAt(c, today));
    const groups = (children.length ? children : [unitId]).map((id) => ({ id, scope: graph.scopeOf(id, today) }));
    const subtree = new Set(graph.scopeOf(unitId, today));
    const rows = (await h.database.db.selectFrom('feedback_items')
      .select(['unit_id', 'state', 'received_on', 'ack_due_on', 'acked_on', 'due_on', 'answered_on', 'closed_on', 'rating'])
      .where('register_year', '=', year).execute()).filter((r) => subtree.has(r.unit_id));
    return groups.map(({ id, scope }) => {
      const list = rows.filter((r) => groups.find((g) => g.scope.has(r.unit_id))?.scope === scope);
      const closed = list.filter((r) => r.closed_on);
      const judged = list.filter((r) => r.answered_on || r.state === 'refused' || r.state === 'forwarded' || r.state === 'transferred');
      const onTime = judged.filter((r) => (r.answered_on ? !r.due_on || r.answered_on <= r.due_on : !!r.acked_on && (!r.ack_due_on || r.acked_on <= r.ack_due_on)));
      const ratings = list.filter((r) => r.rating !== null).map((r) => r.rating!);
      return {
        unitId: id, received: list.length, closed: closed.length,
        open: list.filter((r) => OPEN_STATES.includes(r.state)).length,
        overdue: list.filter((r) => OWING_STATES.includes(r.state) && r.due_on && r.due_on < today).length,
        onTimePct: judged.length ? Math.round((onTime.length / judged.length) * 1000) / 10 : null,
        medianDaysToClose: median(closed.map((r) => calendar.workingDaysBetween(r.received_on, r.closed_on!))),
        meanRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null,
        ratings: ratings.length,
      };
    });
  }

  it('counts each unit\'s year as its rows say, for the province and for a commune with merged predecessors', async () => {
    const leader = await h.login('lanhdao.tinh');
    const graph = await loadUnitGraph(h.database.db);
    // An item received late in the year before, registered this year, closed in a few days: its dates straddle years.
    const year = Number(todayVN().slice(0, 4));
    const closed = await h.database.db.selectFrom('feedback_items').select('id').where('unit_id', '=', graph.idOf(DEMO.thieuHoaCommune)!)
      .where('state', '=', 'closed').where('register_year', '=', year).orderBy('id').limit(2).execute();
    expect(closed).toHaveLength(2);
    await h.database.db.updateTable('feedback_items').set({ received_on: `${year - 1}-12-29`, closed_on: `${year}-01-06`, answered_on: `${year}-01-05` })
      .where('id', '=', closed[0]!.id).execute();
    // And one dated long before (an old letter found and registered this year): the days numbered reach back to it.
    await h.database.db.updateTable('feedback_items').set({ received_on: `${year - 3}-06-10`, closed_on: `${year}-02-02`, answered_on: `${year}-02-02` })
      .where('id', '=', closed[1]!.id).execute();
    let compared = 0;
    for (const code of [DEMO.province, DEMO.thieuHoaCommune]) {
      for (const y of [year, year - 1]) {
        const res = await leader.get(`/api/feedback-stats?unitId=${graph.idOf(code)}&year=${y}`);
        expect(res.statusCode).toBe(200);
        const got = res.json().units.map(({ unitName: _n, ...rest }: { unitName: string }) => rest);
        expect(got).toEqual(await byHand(code, y));
        compared += got.filter((u: { received: number; medianDaysToClose: number | null }) => u.received && u.medianDaysToClose !== null).length;
      }
    }
    // The demo gives the comparison something to compare: units with items, closings and ratings.
    expect(compared).toBeGreaterThan(20);
  });
});
