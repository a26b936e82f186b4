// Shapes of the work-results API as the console reads them (src/http/routes/work-results), and the period picker's
// parts: a period is a year plus a part ('' the whole year, 'H1', 'Q3', '11').
import type { ComparisonRow, UnitRef } from '../../../src/core/work-results/shapes.ts';

export type { ComparisonRow, UnitRef };

export interface Indicator {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  measure: string;
  group: string;
  sort: number;
  active: boolean;
}

export interface IndicatorList {
  canEdit: boolean;
  groups: string[];
  indicators: Indicator[];
}

export interface WorkResults {
  unitId: number;
  unitName: string;
  period: string;
  previousPeriod: string | null;
  label: string;
  previousLabel: string | null;
  rows: ComparisonRow[];
  sources: { current: UnitRef[]; previous: UnitRef[] };
  entryProblem: string | null;
  warnings: { code: string; exceeds: string }[];
  allowed: string[];
}

export interface ImportPreview {
  dryRun: true;
  total: number;
  units: number;
  changes: number;
  periods: string[];
  preview: { line: number; unitCode: string; unitName: string; period: string; indicatorCode: string; indicatorName: string; value: number; stored: number | null }[];
}

export interface ImportDone {
  dryRun: false;
  imported: number;
  changed: number;
  units: number;
  periods: string[];
}

/** The parts of a year a period can be, in the picker's order. */
export const PERIOD_PARTS = ['', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;

/** The period text for a year and a part ('2026', '2026-H1'). */
export function periodOf(year: number, part: string): string {
  return part ? `${year}-${part}` : String(year);
}

/** Year and part of a period text; the current year when it is not one. */
export function splitPeriod(text: string | null, fallbackYear: number): { year: number; part: string } {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/.exec(text ?? '');
  return m ? { year: Number(m[1]), part: m[2] ?? '' } : { year: fallbackYear, part: '' };
}

/** A figure as typed (Vietnamese style accepted: '1.250' thousands, '12,5' decimals); undefined when not a number. */
export function parseFigure(text: string): number | null | undefined {
  const s = text.trim().replace(/\s/g, '');
  if (s === '') return null;
  if (/^\d{1,3}(\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  if (/^\d+([.,]\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  return undefined;
}

/** A figure for display in Vietnamese style (thousands with dots, decimals with a comma). */
export function formatFigure(n: number | null, lang: 'vi' | 'en'): string {
  if (n === null) return '';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
}
