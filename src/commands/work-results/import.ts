// Importing figures from a spreadsheet (one row per unit, period, indicator and value): a dry run checks every row
// and previews; a real run writes every row in one transaction or none, with one audit event per unit naming the
// figures before and after. Rows may cover several units — each must be one the actor may enter figures for;
// a unit outside the scope is reported like an unknown code.
import { createHash } from 'node:crypto';
import { todayVN } from '../../core/dates.ts';
import { AppError, errors, type RowIssue } from '../../core/errors.ts';
import { importKey, readSheet } from '../../core/feedback/import-rows.ts';
import { workResultsPolicy } from '../../core/policy/work-results.ts';
import { checkWorkRows, WORK_IMPORT_MAX_BYTES, type WorkRow } from '../../core/work-results/import-rows.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { Lang } from '../../i18n/index.ts';
import type { ActorContext } from '../context.ts';
import { loadFigures, loadIndicators, periodProblem, unitName, writeFigures } from './common.ts';

const MAX_REPORTED = 500;
const PREVIEW_ROWS = 50;

export interface WorkImportRequest {
  data: Buffer | string;
  filename?: string | null;
  dryRun?: boolean;
  lang?: Lang;
}

/** Checks (dry run) or imports a file of figures; errors answer 400 with every bad row. */
export async function importWorkResults(ctx: ActorContext, req: WorkImportRequest) {
  if (!workResultsPolicy.unitIds(ctx.actor, 'enter').length) throw errors.forbidden();
  const bytes = Buffer.isBuffer(req.data) ? req.data : Buffer.from(req.data, 'utf8');
  if (bytes.length > WORK_IMPORT_MAX_BYTES) throw new AppError('payload_too_large');
  const fail = (issues: RowIssue[]): never => {
    throw errors.csv([...issues].sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED));
  };

  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const indicators = await loadIndicators(ctx.database.db);
  const byKey = new Map<string, number>();
  // Codes first, then names: a name that folds like another indicator's code never hides the code.
  for (const i of indicators.filter((x) => x.active === 1)) for (const n of [i.name_en, i.name_vi]) byKey.set(importKey(n), i.id);
  for (const i of indicators.filter((x) => x.active === 1)) byKey.set(importKey(i.code), i.id);

  const { sheet, issues: readIssues } = await readSheet(req.data);
  if (!sheet) return fail(readIssues);
  const { rows, issues } = checkWorkRows(sheet, {
    unitOf: (code) => {
      const id = graph.idOf(code) ?? graph.idOf(code.toUpperCase());
      return id !== undefined && workResultsPolicy.can(ctx.actor, 'enter', id) ? id : null;
    },
    indicatorOf: (code) => byKey.get(importKey(code)) ?? null,
    periodProblem: (unitId, period) => periodProblem(graph, unitId, period, today),
  });
  if (issues.length) fail(issues);

  const units = [...new Set(rows.map((r) => r.unitId))];
  const periods = [...new Set(rows.map((r) => r.period))];
  const stored = (figs: Map<string, Map<number, number>>, r: WorkRow) => figs.get(`${r.unitId}|${r.period}`)?.get(r.indicatorId) ?? null;
  const indicator = new Map(indicators.map((i) => [i.id, i]));

  if (req.dryRun) {
    const figs = await loadFigures(ctx.database.db, units, periods);
    return {
      dryRun: true, total: rows.length, units: units.length, periods: periods.sort(),
      changes: rows.filter((r) => stored(figs, r) !== r.value).length,
      preview: rows.slice(0, PREVIEW_ROWS).map((r) => ({
        line: r.line, unitCode: graph.units.get(r.unitId)!.code, unitName: unitName(graph, r.unitId, today), period: r.period,
        indicatorCode: indicator.get(r.indicatorId)!.code,
        indicatorName: req.lang === 'en' ? indicator.get(r.indicatorId)!.name_en : indicator.get(r.indicatorId)!.name_vi,
        value: r.value, stored: stored(figs, r),
      })),
    };
  }

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const changed = await inTx(ctx.database, async (trx, engine) => {
    const figs = await loadFigures(trx, units, periods);
    const writes = rows.filter((r) => stored(figs, r) !== r.value);
    await writeFigures(trx, writes, 'import', ctx.actor.userId);
    for (const unitId of units) {
      const mine = writes.filter((w) => w.unitId === unitId);
      if (!mine.length) continue;
      // {period: {indicator code: value}}: what the audit browser diffs.
      const shape = (f: (r: WorkRow) => number | null) => {
        const out: Record<string, Record<string, number | null>> = {};
        for (const r of mine) (out[r.period] ??= {})[indicator.get(r.indicatorId)!.code] = f(r);
        return out;
      };
      await appendAudit(trx, engine, ctx.audit, {
        action: 'work_results.import', entityType: 'work_results', entityId: `${unitId}:import`, unitId,
        before: shape((r) => stored(figs, r)), after: { ...shape((r) => r.value), filename: req.filename ?? null, sha256 },
      });
    }
    return writes.length;
  });
  return { dryRun: false, imported: rows.length, changed, units: units.length, periods: periods.sort() };
}
