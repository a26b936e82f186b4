// Demo work results: figures for the province and the three persona communes for 2025 and 2026 and the first half of
// each, entered through the same command the console uses (so each save is audited). Consistent by construction:
// solved <= detected, very serious <= all, on-time dossiers <= received, a half-year below its year. The communes
// formed on 1 July 2025 did not exist in the first half of 2025, so those figures go to the old communes they were
// formed from — which is what the comparison rolls up for 2026-H1.
import { auditContextOf, type CommandContext } from '../commands/context.ts';
import { saveWorkResults } from '../commands/work-results/save.ts';
import { todayVN } from '../core/dates.ts';
import type { Actor } from '../core/roles.ts';
import type { UnitGraph } from '../core/units/graph.ts';
import { periodProblem } from '../commands/work-results/common.ts';
import { readRevision } from '../db/repos/revisions.ts';
import { DEMO } from './demo.ts';
import { prng } from './surveys.ts';

type Figures = Record<string, number>;

/** A commune's typical year (scale 1); the province reports about 80 communes' worth. */
function yearOf(rnd: () => number, scale: number, trend: number): Figures {
  const n = (base: number, spread = 0.25) => Math.max(0, Math.round(base * scale * trend * (1 - spread + rnd() * spread * 2)));
  const ratio = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const detected = n(18);
  const solved = Math.round(detected * ratio(0.72, 0.92));
  const serious = Math.min(detected, n(2, 0.5));
  const seriousSolved = Math.min(serious, solved, Math.round(serious * ratio(0.8, 1)));
  const drugCases = n(5);
  const accidents = n(6);
  const violations = n(120);
  const received = n(1800, 0.15);
  return {
    crime_detected: detected, crime_solved: solved, serious_detected: serious, serious_solved: seriousSolved,
    offenders_arrested: Math.round(solved * ratio(1.1, 1.6)), wanted_arrested: n(1, 0.6),
    drug_cases: drugCases, drug_offenders: Math.round(drugCases * ratio(1.2, 1.8)),
    traffic_accidents: accidents, traffic_deaths: Math.min(accidents, n(3, 0.5)), traffic_injuries: Math.round(accidents * ratio(0.8, 1.4)),
    fire_incidents: n(2, 0.6), explosion_incidents: Math.round(rnd() * 0.8 * scale),
    admin_violations: violations, admin_fines: Math.round(violations * ratio(1.2, 2.2)),
    dossiers_received: received, dossiers_on_time: Math.round(received * ratio(0.965, 0.995)),
    id_cards: n(900, 0.3), residence_registrations: n(1400, 0.2), weapons_collected: n(6, 0.5),
  };
}

/** A part of a year's figures (a half: about half), keeping every "not more than" pair true. */
function partOf(rnd: () => number, year: Figures, share: number): Figures {
  const out: Figures = {};
  for (const [k, v] of Object.entries(year)) out[k] = Math.floor(v * (share - 0.05 + rnd() * 0.1));
  out.crime_solved = Math.min(out.crime_solved!, out.crime_detected!);
  out.serious_detected = Math.min(out.serious_detected!, out.crime_detected!);
  out.serious_solved = Math.min(out.serious_solved!, out.serious_detected!, out.crime_solved!);
  out.dossiers_on_time = Math.min(out.dossiers_on_time!, out.dossiers_received!);
  out.traffic_deaths = Math.min(out.traffic_deaths!, out.traffic_accidents!);
  return out;
}

/** Fills the demo's work results (call after the personas exist). */
export async function seedWorkResults(ctx: CommandContext, graph: UnitGraph): Promise<void> {
  const db = ctx.database.db;
  const today = todayVN();
  const rnd = prng(2025);
  const ids = new Map((await db.selectFrom('work_indicators').select(['id', 'code']).where('active', '=', 1).execute()).map((r) => [r.code, r.id]));
  async function actorOf(username: string): Promise<Actor> {
    const u = await db.selectFrom('users').select(['id', 'username', 'full_name', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
    return ctx.access.actor({ userId: u.id, username: u.username, fullName: u.full_name, unitId: u.unit_id }, await readRevision(db, 'access'));
  }
  const provinceLeader = await actorOf('lanhdao.tinh');
  const save = async (actor: Actor, unitId: number, period: string, figures: Figures) => {
    // A period that has not begun yet (the seed run early in a year) or a unit that did not exist then is skipped.
    if (periodProblem(graph, unitId, period, today)) return;
    const values = Object.entries(figures).filter(([code]) => ids.has(code)).map(([code, value]) => ({ indicatorId: ids.get(code)!, value }));
    await saveWorkResults({ ...ctx, actor, audit: auditContextOf(actor, null, 'langnghe-seed') }, { unitId, period, values });
  };

  const units: { code: string; scale: number; actor: Actor }[] = [
    { code: DEMO.province, scale: 80, actor: provinceLeader },
    { code: DEMO.thieuHoaCommune, scale: 1.3, actor: await actorOf('lanhdao.thieuhoa') },
    { code: DEMO.dinhHoaCommune, scale: 0.9, actor: provinceLeader },
    { code: DEMO.thieuTrungCommune, scale: 1, actor: provinceLeader },
  ];
  for (const u of units) {
    const unitId = graph.idOf(u.code);
    if (unitId === undefined) continue;
    // Crime a little down, services up: the comparison has something to say.
    const y2025 = yearOf(rnd, u.scale, 1);
    const y2026 = yearOf(rnd, u.scale, 0.92);
    await save(u.actor, unitId, '2025', y2025);
    await save(u.actor, unitId, '2026', y2026);
    await save(u.actor, unitId, '2026-H1', partOf(rnd, y2026, 0.55));
    if (!periodProblem(graph, unitId, '2025-H1', today)) {
      await save(u.actor, unitId, '2025-H1', partOf(rnd, y2025, 0.5));
      continue;
    }
    // Formed on 1 July 2025: the first half of 2025 belongs to the communes it was formed from.
    const olds = graph.historyOf(unitId).filter((e) => e.toUnitId === unitId && e.fromUnitId !== unitId).map((e) => e.fromUnitId);
    for (const old of olds) await save(provinceLeader, old, '2025-H1', partOf(rnd, yearOf(rnd, u.scale / olds.length, 1), 0.5));
  }
}
