// Entering a unit's figures for a period by hand: all values in one transaction (upserts; an empty value removes
// the figure), one audit event with the figures before and after, by indicator code. Unchanged figures are not
// rewritten, so who entered a figure and when stays true.
import { AppError, errors, type FieldIssue } from '../../core/errors.ts';
import { consistencyWarnings, VALUE_MAX } from '../../core/work-results/indicators.ts';
import { formatPeriod, parsePeriod } from '../../core/work-results/period.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';
import { loadFigures, loadIndicators, periodProblem, unitInScope, writeFigures, type FigureWrite } from './common.ts';

export interface SaveRequest {
  unitId: number;
  period: string;
  values: { indicatorId: number; value: number | null }[];
}

/** Saves figures of one unit and period; answers how many changed and the consistency warnings of the result. */
export async function saveWorkResults(ctx: ActorContext, req: SaveRequest) {
  const graph = await unitInScope(ctx, req.unitId, 'enter');
  const p = parsePeriod(req.period);
  if (!p) throw errors.field('period', 'work_results.period_format');
  const period = formatPeriod(p);
  const problem = periodProblem(graph, req.unitId, period);
  if (problem) throw errors.field('period', problem);

  const indicators = new Map((await loadIndicators(ctx.database.db)).map((i) => [i.id, i]));
  const fields: Record<string, FieldIssue> = {};
  const seen = new Set<number>();
  req.values.forEach((v, i) => {
    const ind = indicators.get(v.indicatorId);
    if (!ind || !ind.active) fields[`values.${i}.indicatorId`] = { key: 'work_results.indicator_unknown', params: { value: String(v.indicatorId) } };
    else if (seen.has(v.indicatorId)) fields[`values.${i}.indicatorId`] = { key: 'work_results.duplicate_indicator' };
    seen.add(v.indicatorId);
    if (v.value !== null && (!Number.isFinite(v.value) || v.value < 0)) fields[`values.${i}.value`] = { key: 'work_results.negative' };
    else if (v.value !== null && v.value > VALUE_MAX) fields[`values.${i}.value`] = { key: 'validation.too_big', params: { max: VALUE_MAX } };
  });
  if (Object.keys(fields).length) throw new AppError('validation', { fields });

  const result = await inTx(ctx.database, async (trx, engine) => {
    const stored = (await loadFigures(trx, [req.unitId], [period])).get(`${req.unitId}|${period}`) ?? new Map<number, number>();
    const writes: FigureWrite[] = req.values
      .filter((v) => (stored.get(v.indicatorId) ?? null) !== v.value)
      .map((v) => ({ unitId: req.unitId, indicatorId: v.indicatorId, period, value: v.value }));
    if (writes.length) {
      await writeFigures(trx, writes, 'manual', ctx.actor.userId);
      const code = (id: number) => indicators.get(id)!.code;
      await appendAudit(trx, engine, ctx.audit, {
        action: 'work_results.save', entityType: 'work_results', entityId: `${req.unitId}:${period}`, unitId: req.unitId,
        before: { period, values: Object.fromEntries(writes.map((w) => [code(w.indicatorId), stored.get(w.indicatorId) ?? null])) },
        after: { period, values: Object.fromEntries(writes.map((w) => [code(w.indicatorId), w.value])) },
      });
    }
    for (const w of writes) {
      if (w.value === null) stored.delete(w.indicatorId);
      else stored.set(w.indicatorId, w.value);
    }
    return { changed: writes.length, stored };
  });
  const byCode = new Map([...result.stored].map(([id, v]) => [indicators.get(id)?.code ?? '', v]));
  return { unitId: req.unitId, period, changed: result.changed, warnings: consistencyWarnings(byCode) };
}
