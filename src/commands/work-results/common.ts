// What the work-results commands share: the unit checks for a period, the indicator list, and writing figures.
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { workResultsPolicy } from '../../core/policy/work-results.ts';
import type { UnitGraph } from '../../core/units/graph.ts';
import { parsePeriod, periodRange } from '../../core/work-results/period.ts';
import type { Selectable } from 'kysely';
import type { WorkIndicatorsTable } from '../../db/schema.ts';
import type { Q, Tx } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';

export type IndicatorRow = Selectable<WorkIndicatorsTable>;

/** Every indicator in report order (retired ones too: their past figures keep a name). */
export function loadIndicators(q: Q): Promise<IndicatorRow[]> {
  return q.selectFrom('work_indicators').selectAll().orderBy('sort').orderBy('id').execute();
}

/** The unit's name today, or its last name when it has ended. */
export function unitName(graph: UnitGraph, unitId: number, today = todayVN()): string {
  return graph.nameOn(unitId, today) ?? '';
}

/** Why a unit cannot have figures for a period (an i18n key), or null: it must have existed then, and it must have begun. */
export function periodProblem(graph: UnitGraph, unitId: number, period: string, today = todayVN()): string | null {
  const p = parsePeriod(period);
  if (!p) return 'work_results.period_format';
  const { from, to } = periodRange(p);
  if (from > today) return 'work_results.period_future';
  const u = graph.units.get(unitId);
  if (!u || u.validFrom > to || (u.validTo !== null && u.validTo < from)) return 'work_results.unit_not_in_period';
  return null;
}

/** Loads the graph and checks the actor may read the unit (404 otherwise), and enter figures if asked (403). */
export async function unitInScope(ctx: ActorContext, unitId: number, action: 'read' | 'enter'): Promise<UnitGraph> {
  if (!workResultsPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  if (action === 'enter' && !workResultsPolicy.can(ctx.actor, 'enter', unitId)) throw errors.forbidden();
  const graph = await ctx.access.unitGraph();
  if (!graph.units.has(unitId)) throw errors.notFound();
  return graph;
}

export interface FigureWrite {
  unitId: number;
  indicatorId: number;
  period: string;
  /** null removes the figure. */
  value: number | null;
}

const BATCH = 400;

/** Upserts (or deletes) figures inside the caller's transaction, in batches. */
export async function writeFigures(trx: Tx, writes: readonly FigureWrite[], source: 'manual' | 'import', userId: number | null): Promise<void> {
  const at = nowIso();
  const puts = writes.filter((w) => w.value !== null);
  for (let i = 0; i < puts.length; i += BATCH) {
    await trx.insertInto('work_results')
      .values(puts.slice(i, i + BATCH).map((w) => ({
        unit_id: w.unitId, indicator_id: w.indicatorId, period: w.period, value: w.value!, source, updated_by: userId, updated_at: at,
      })))
      .onConflict((oc) => oc.columns(['unit_id', 'indicator_id', 'period']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'), source: eb.ref('excluded.source'), updated_by: eb.ref('excluded.updated_by'), updated_at: eb.ref('excluded.updated_at'),
      })))
      .execute();
  }
  for (const w of writes.filter((x) => x.value === null)) {
    await trx.deleteFrom('work_results')
      .where('unit_id', '=', w.unitId).where('indicator_id', '=', w.indicatorId).where('period', '=', w.period).execute();
  }
}

/** Figures of some units for some periods: key `${unitId}|${period}` -> indicator id -> value. */
export async function loadFigures(q: Q, unitIds: readonly number[], periods: readonly string[]): Promise<Map<string, Map<number, number>>> {
  const out = new Map<string, Map<number, number>>();
  if (!unitIds.length || !periods.length) return out;
  const rows = await q.selectFrom('work_results').select(['unit_id', 'indicator_id', 'period', 'value'])
    .where('period', 'in', [...periods]).where('unit_id', 'in', [...unitIds]).execute();
  for (const r of rows) {
    const key = `${r.unit_id}|${r.period}`;
    const m = out.get(key) ?? new Map<number, number>();
    m.set(r.indicator_id, Number(r.value));
    out.set(key, m);
  }
  return out;
}
