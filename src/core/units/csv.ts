// The units CSV format (UTF-8, header row, dates dd/MM/yyyy): parsing with line numbers, and writing.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { RowIssue } from '../errors.ts';
import { formatDate } from '../dates.ts';
import { parseUnitSpec, type RawUnit } from './spec.ts';
import type { SpecLine } from './plan.ts';
import type { UnitGraph } from './graph.ts';
import { compareVi } from '../collate.ts';

export const UNIT_CSV_COLUMNS = ['code', 'name', 'short_name', 'level', 'parent_code', 'valid_from', 'valid_to', 'place'] as const;
const REQUIRED = ['code', 'name', 'level', 'valid_from'];
export const UNIT_CSV_MAX_ROWS = 20000;

/** Parses a units CSV; returns specs with their line numbers, or every problem found. */
export function parseUnitsCsv(text: string): { lines: SpecLine[]; issues: RowIssue[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as never;
  } catch (err) {
    const line = typeof (err as { lines?: number }).lines === 'number' ? (err as { lines: number }).lines : 1;
    return { lines: [], issues: [{ line, field: '', key: 'csv.malformed' }] };
  }
  if (!records.length) return { lines: [], issues: [{ line: 1, field: '', key: 'csv.empty' }] };
  const header = records[0]!.record.map((h) => h.normalize('NFC').trim().toLowerCase());
  const issues: RowIssue[] = [];
  for (const h of header) if (!(UNIT_CSV_COLUMNS as readonly string[]).includes(h)) issues.push({ line: 1, field: h, key: 'csv.unknown_column' });
  for (const r of REQUIRED) if (!header.includes(r)) issues.push({ line: 1, field: r, key: 'csv.missing_column' });
  if (issues.length) return { lines: [], issues };
  if (records.length - 1 > UNIT_CSV_MAX_ROWS) return { lines: [], issues: [{ line: 1, field: '', key: 'csv.too_many_rows', params: { max: UNIT_CSV_MAX_ROWS } }] };

  const lines: SpecLine[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      issues.push({ line, field: '', key: 'csv.column_count', params: { expected: header.length, got: record.length } });
      continue;
    }
    const raw: RawUnit = {};
    header.forEach((h, i) => { raw[h as keyof RawUnit] = record[i]; });
    const { spec, issues: fieldIssues } = parseUnitSpec(raw);
    for (const [field, issue] of Object.entries(fieldIssues)) issues.push({ line, field, ...issue });
    if (spec) lines.push({ line, spec });
  }
  return { lines, issues };
}

export interface UnitCsvRow {
  code: string;
  name: string;
  shortName: string | null;
  level: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  place: string | null;
}

/** Writes units as CSV (with a BOM so Excel reads Vietnamese correctly). */
export function writeUnitsCsv(rows: UnitCsvRow[]): string {
  const body = stringify(
    rows.map((r) => [r.code, r.name, r.shortName ?? '', r.level, r.parentCode ?? '', formatDate(r.validFrom), r.validTo ? formatDate(r.validTo) : '', r.place ?? '']),
    { header: true, columns: [...UNIT_CSV_COLUMNS] },
  );
  return `\uFEFF${body}`;
}

/** The CSV rows for the given units: each as it stands today (or last stood), parents first, then by Vietnamese name. */
export function unitCsvRows(graph: UnitGraph, unitIds: Iterable<number>, today: string): UnitCsvRow[] {
  const rows: UnitCsvRow[] = [];
  for (const id of unitIds) {
    const u = graph.units.get(id);
    const v = u && graph.structuralVersion(id, today);
    if (!u || !v) continue;
    rows.push({
      code: u.code, name: v.name, shortName: v.shortName, level: u.level, validFrom: u.validFrom, validTo: u.validTo, place: v.place,
      parentCode: v.parentId === null ? null : graph.units.get(v.parentId)?.code ?? null,
    });
  }
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const depth = (code: string | null): number => (code ? 1 + depth(byCode.get(code)?.parentCode ?? null) : 0);
  const depths = new Map(rows.map((r) => [r.code, depth(r.parentCode)]));
  return rows.sort((a, b) => depths.get(a.code)! - depths.get(b.code)! || compareVi(a.name, b.name));
}
