// Work results from a spreadsheet (pure, no database): one row per figure — unit code, period, indicator code,
// value — under a header named in Vietnamese or English. Every problem is reported with its line and column.
// The sheet itself is read by the register import's reader (CSV or the first XLSX sheet, with line numbers).
import type { RowIssue } from '../errors.ts';
import { importKey, type Sheet, type SheetRow } from '../feedback/import-rows.ts';
import { VALUE_MAX } from './indicators.ts';
import { formatPeriod, parsePeriod } from './period.ts';

export const WORK_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const WORK_IMPORT_MAX_ROWS = 5000;
const HEADER_SCAN_ROWS = 10;

export type WorkField = 'unit' | 'period' | 'indicator' | 'value';
const FIELDS: readonly WorkField[] = ['unit', 'period', 'indicator', 'value'];

/** The Vietnamese column names, used when a column is missing (and in the template). */
export const WORK_FIELD_LABELS: Readonly<Record<WorkField, string>> = {
  unit: 'Mã đơn vị', period: 'Kỳ báo cáo', indicator: 'Mã chỉ tiêu', value: 'Giá trị',
};
const ALIASES: Readonly<Record<WorkField, readonly string[]>> = {
  unit: ['Mã đơn vị', 'Đơn vị', 'Mã ĐV', 'unit', 'unit code', 'unit_code'],
  period: ['Kỳ báo cáo', 'Kỳ', 'Thời kỳ', 'period'],
  indicator: ['Mã chỉ tiêu', 'Chỉ tiêu', 'indicator', 'indicator code', 'indicator_code'],
  value: ['Giá trị', 'Số liệu', 'Kết quả', 'Số lượng', 'value'],
};
const HEADERS = new Map<string, WorkField>();
for (const f of FIELDS) for (const a of [f, ...ALIASES[f]]) HEADERS.set(importKey(a), f);

/** The field a column name stands for, or null. */
export function workFieldOf(header: string): WorkField | null {
  return HEADERS.get(importKey(header)) ?? null;
}

/**
 * A figure as people type it: '1234', '1.234' or '1 234' (thousands), '12,5' or '12.5' (decimals). Null when it is
 * not a number. Thousands win over decimals when the groups after the separator are exactly three digits.
 */
export function parseValue(text: string): number | null {
  const s = text.trim().replace(/\u00a0/g, ' ');
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1).trim() : s;
  let n: number;
  if (/^\d+$/.test(body)) n = Number(body);
  else if (/^\d{1,3}([., ]\d{3})+$/.test(body)) n = Number(body.replace(/[., ]/g, ''));
  else if (/^\d+[.,]\d+$/.test(body)) n = Number(body.replace(',', '.'));
  else return null;
  return Number.isFinite(n) ? (neg ? -n : n) : null;
}

export interface WorkRow {
  line: number;
  unitId: number;
  period: string;
  indicatorId: number;
  value: number;
}

export interface WorkImportLookups {
  /** The unit with this code in the actor's scope (where they may enter), or null: unknown and outside look alike. */
  unitOf(code: string): number | null;
  /** The active indicator with this code, or null. */
  indicatorOf(code: string): number | null;
  /** Why the unit cannot have a figure for the period (an i18n key), or null when it can. */
  periodProblem(unitId: number, period: string): string | null;
}

/** Finds the header row (within the first ten rows) and checks every data row after it. */
export function checkWorkRows(sheet: Sheet, lookups: WorkImportLookups): { rows: WorkRow[]; issues: RowIssue[] } {
  const where = sheet.sheet ? { sheet: sheet.sheet } : {};
  if (!sheet.rows.length) return { rows: [], issues: [{ line: 1, field: '', key: 'csv.empty', ...where }] };
  const headerAt = sheet.rows.slice(0, HEADER_SCAN_ROWS).findIndex((r) => r.cells.some((c) => workFieldOf(c) === 'indicator'));
  const header: SheetRow = sheet.rows[Math.max(0, headerAt)]!;
  const columns = new Map<WorkField, number>();
  const names = new Map<WorkField, string>();
  const issues: RowIssue[] = [];
  header.cells.forEach((raw, i) => {
    const f = workFieldOf(raw.trim());
    if (!f) return;
    if (columns.has(f)) issues.push({ line: header.line, field: raw.trim(), key: 'import.duplicate_column', ...where });
    else {
      columns.set(f, i);
      names.set(f, raw.trim());
    }
  });
  for (const f of FIELDS) if (!columns.has(f)) issues.push({ line: header.line, field: WORK_FIELD_LABELS[f], key: 'csv.missing_column', ...where });
  if (issues.length) return { rows: [], issues };
  const data = sheet.rows.filter((r) => r.line > header.line);
  if (!data.length) return { rows: [], issues: [{ line: header.line, field: '', key: 'csv.empty', ...where }] };
  if (data.length > WORK_IMPORT_MAX_ROWS) return { rows: [], issues: [{ line: 1, field: '', key: 'csv.too_many_rows', params: { max: WORK_IMPORT_MAX_ROWS }, ...where }] };

  const rows: WorkRow[] = [];
  const seen = new Map<string, number>();
  for (const r of data) {
    const cell = (f: WorkField) => (r.cells[columns.get(f)!] ?? '').trim();
    const before = issues.length;
    const bad = (f: WorkField, key: string, params?: Record<string, string | number>) =>
      issues.push({ line: r.line, field: names.get(f)!, key, ...(params ? { params } : {}), ...where });

    const code = cell('unit');
    const unitId = code ? lookups.unitOf(code) : null;
    if (!code) bad('unit', 'validation.required');
    else if (unitId === null) bad('unit', 'work_results.unit_unknown', { value: code.slice(0, 60) });
    const p = parsePeriod(cell('period'));
    const period = p ? formatPeriod(p) : null;
    if (!cell('period')) bad('period', 'validation.required');
    else if (!period) bad('period', 'work_results.period_format');
    else if (unitId !== null) {
      const problem = lookups.periodProblem(unitId, period);
      if (problem) bad('period', problem);
    }
    const ind = cell('indicator');
    const indicatorId = ind ? lookups.indicatorOf(ind) : null;
    if (!ind) bad('indicator', 'validation.required');
    else if (indicatorId === null) bad('indicator', 'work_results.indicator_unknown', { value: ind.slice(0, 60) });
    const raw = cell('value');
    const value = raw ? parseValue(raw) : null;
    if (!raw) bad('value', 'validation.required');
    else if (value === null) bad('value', 'work_results.not_a_number');
    else if (value < 0) bad('value', 'work_results.negative');
    else if (value > VALUE_MAX) bad('value', 'validation.too_big', { max: VALUE_MAX });
    if (issues.length > before || unitId === null || indicatorId === null || period === null || value === null) continue;
    const key = `${unitId}|${indicatorId}|${period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      bad('indicator', 'work_results.duplicate_row', { line: first });
      continue;
    }
    seen.set(key, r.line);
    rows.push({ line: r.line, unitId, period, indicatorId, value });
  }
  return { rows, issues };
}
