// Reporting periods of work results: a year ('2026'), a half ('2026-H1'), a quarter ('2026-Q3') or a month
// ('2026-11'). Pure: parsing, the dates a period covers, its label as reports write it, the same period a year before.
import type { Lang } from '../../i18n/index.ts';

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1..2 for a half, 1..4 for a quarter, 1..12 for a month; 0 for a year. */
  part: number;
}

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
const PATTERN = /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

/** The period written as text, or null when it is not one of the four forms (or outside 2000..2100). */
export function parsePeriod(text: string): Period | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < YEAR_MIN || year > YEAR_MAX) return null;
  const tail = m[2];
  if (!tail) return { kind: 'year', year, part: 0 };
  if (tail[0] === 'H') return { kind: 'half', year, part: Number(tail[1]) };
  if (tail[0] === 'Q') return { kind: 'quarter', year, part: Number(tail[1]) };
  return { kind: 'month', year, part: Number(tail) };
}

/** True when text is a valid period. */
export function isPeriod(text: string): boolean {
  return parsePeriod(text) !== null;
}

/** The canonical text of a period ('2026-Q3'). */
export function formatPeriod(p: Period): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'half') return `${p.year}-H${p.part}`;
  if (p.kind === 'quarter') return `${p.year}-Q${p.part}`;
  return `${p.year}-${String(p.part).padStart(2, '0')}`;
}

/** First and last month (1..12) a period covers. */
function months(p: Period): [number, number] {
  if (p.kind === 'year') return [1, 12];
  if (p.kind === 'half') return [p.part * 6 - 5, p.part * 6];
  if (p.kind === 'quarter') return [p.part * 3 - 2, p.part * 3];
  return [p.part, p.part];
}

/** The first and last day (ISO, inclusive) the period covers. */
export function periodRange(p: Period): { from: string; to: string } {
  const [a, b] = months(p);
  const last = new Date(Date.UTC(p.year, b, 0)).getUTCDate();
  const mm = (n: number) => String(n).padStart(2, '0');
  return { from: `${p.year}-${mm(a)}-01`, to: `${p.year}-${mm(b)}-${mm(last)}` };
}

/** The same period one year earlier ('2026-Q3' -> '2025-Q3'), null before 2001. */
export function previousYear(text: string): string | null {
  const p = parsePeriod(text);
  if (!p || p.year - 1 < YEAR_MIN) return null;
  return formatPeriod({ ...p, year: p.year - 1 });
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const MONTHS_EN = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The period as a report heading writes it: 'Năm 2026', '6 tháng đầu năm 2026', 'Quý III/2026', 'Tháng 11/2026'. */
export function periodLabel(text: string, lang: Lang): string {
  const p = parsePeriod(text);
  if (!p) return text;
  if (lang === 'en') {
    if (p.kind === 'year') return `Year ${p.year}`;
    if (p.kind === 'half') return `${p.part === 1 ? 'First' : 'Second'} half of ${p.year}`;
    if (p.kind === 'quarter') return `Q${p.part} ${p.year}`;
    return `${MONTHS_EN[p.part]} ${p.year}`;
  }
  if (p.kind === 'year') return `Năm ${p.year}`;
  if (p.kind === 'half') return `6 tháng ${p.part === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
  if (p.kind === 'quarter') return `Quý ${ROMAN[p.part]}/${p.year}`;
  return `Tháng ${p.part}/${p.year}`;
}
