// Reading a unit's work results for a period beside the same period of the previous year: the console's table and
// the conference report (`workResultsComparison`). Figures roll up through lineage (see figureThroughLineage), so a
// commune formed in July 2025 is compared with the sum of the communes it was formed from.
import { todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { workResultsPolicy } from '../../core/policy/work-results.ts';
import type { UnitGraph } from '../../core/units/graph.ts';
import { compare, figureThroughLineage } from '../../core/work-results/compare.ts';
import { consistencyWarnings } from '../../core/work-results/indicators.ts';
import { formatPeriod, parsePeriod, periodLabel, previousYear } from '../../core/work-results/period.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { ComparisonRow, UnitRef } from '../../core/work-results/shapes.ts';
import type { ActorContext } from '../context.ts';
import { loadFigures, loadIndicators, periodProblem, unitInScope, unitName } from './common.ts';

interface Compared {
  period: string;
  previousPeriod: string | null;
  rows: ComparisonRow[];
  /** The units whose own figures make up each column (the unit itself, or its predecessors). */
  sources: { current: UnitRef[]; previous: UnitRef[] };
}

function directPredecessors(graph: UnitGraph) {
  return (unitId: number) => graph.historyOf(unitId).filter((e) => e.toUnitId === unitId && e.fromUnitId !== unitId).map((e) => e.fromUnitId);
}

async function compareUnit(ctx: ActorContext, graph: UnitGraph, unitId: number, periodText: string, lang: Lang): Promise<Compared> {
  const p = parsePeriod(periodText);
  if (!p) throw errors.field('period', 'work_results.period_format');
  const period = formatPeriod(p);
  const prev = previousYear(period);
  const units = [unitId, ...graph.predecessors(unitId)];
  const [indicators, figures] = await Promise.all([
    loadIndicators(ctx.database.db),
    loadFigures(ctx.database.db, units, prev ? [period, prev] : [period]),
  ]);
  const preds = directPredecessors(graph);
  const usedNow = new Set<number>();
  const usedBefore = new Set<number>();
  const rows: ComparisonRow[] = [];
  for (const ind of indicators) {
    const own = (per: string) => (u: number) => figures.get(`${u}|${per}`)?.get(ind.id) ?? null;
    const value = figureThroughLineage(unitId, own(period), preds, usedNow);
    const previous = prev ? figureThroughLineage(unitId, own(prev), preds, usedBefore) : null;
    // Retired indicators stay visible only where they hold a figure.
    if (!ind.active && value === null && previous === null) continue;
    rows.push({
      indicatorId: ind.id, code: ind.code, name: lang === 'en' ? ind.name_en : ind.name_vi, measure: ind.measure, group: ind.group,
      active: ind.active === 1, value, previous, ...compare(value, previous),
    });
  }
  const today = todayVN();
  const refs = (ids: Set<number>) => [...ids].map((id) => ({ id, code: graph.units.get(id)?.code ?? '', name: unitName(graph, id, today) }));
  return { period, previousPeriod: prev, rows, sources: { current: refs(usedNow), previous: refs(usedBefore) } };
}

/**
 * A unit's figures for a period beside the same period of the previous year, one row per indicator (what the
 * conference report prints). Outside the actor's scope: not found.
 */
export async function workResultsComparison(ctx: ActorContext, unitId: number, period: string, lang: Lang = 'vi'): Promise<ComparisonRow[]> {
  const graph = await unitInScope(ctx, unitId, 'read');
  return (await compareUnit(ctx, graph, unitId, period, lang)).rows;
}

/** The console's view: the comparison with the period labels, which units it compares, warnings and what the actor may do. */
export async function readWorkResults(ctx: ActorContext, unitId: number, period: string, lang: Lang) {
  const graph = await unitInScope(ctx, unitId, 'read');
  const c = await compareUnit(ctx, graph, unitId, period, lang);
  const byCode = new Map(c.rows.map((r) => [r.code, r.value]));
  const problem = periodProblem(graph, unitId, c.period);
  return {
    unitId, unitName: unitName(graph, unitId), ...c,
    label: periodLabel(c.period, lang), previousLabel: c.previousPeriod ? periodLabel(c.previousPeriod, lang) : null,
    // Why this unit cannot take figures for the period (not yet begun, unit did not exist), or null.
    entryProblem: problem ? t(lang, problem) : null,
    warnings: consistencyWarnings(byCode),
    allowed: workResultsPolicy.allowed(ctx.actor, unitId).filter((a) => a !== 'configure'),
  };
}
