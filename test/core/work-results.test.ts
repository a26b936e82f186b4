// Work results, pure parts: periods (forms, labels, ranges, the year before), the comparison, roll-up through
// lineage, spreadsheet rows with per-row errors, and the default indicators' consistency rules.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compare, figureThroughLineage, sumPresent } from '../../src/core/work-results/compare.ts';
import { consistencyWarnings, DEFAULT_INDICATORS, INDICATOR_CODE, INDICATOR_GROUPS, NOT_MORE_THAN } from '../../src/core/work-results/indicators.ts';
import { checkWorkRows, parseValue, workFieldOf } from '../../src/core/work-results/import-rows.ts';
import { formatPeriod, parsePeriod, periodLabel, periodRange, previousYear } from '../../src/core/work-results/period.ts';

describe('periods', () => {
  it('reads the four forms and nothing else', () => {
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026, part: 0 });
    expect(parsePeriod('2026-H1')).toEqual({ kind: 'half', year: 2026, part: 1 });
    expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, part: 3 });
    expect(parsePeriod('2026-11')).toEqual({ kind: 'month', year: 2026, part: 11 });
    for (const bad of ['', '26', '2026-H3', '2026-Q0', '2026-Q5', '2026-13', '2026-00', '2026-1', '1999', '2101', '2026-h1', ' 2026', '2026/11']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });

  it('labels periods as reports write them', () => {
    expect(periodLabel('2026', 'vi')).toBe('Năm 2026');
    expect(periodLabel('2026-H1', 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026-H2', 'vi')).toBe('6 tháng cuối năm 2026');
    expect(periodLabel('2026-Q3', 'vi')).toBe('Quý III/2026');
    expect(periodLabel('2026-Q4', 'vi')).toBe('Quý IV/2026');
    expect(periodLabel('2026-11', 'vi')).toBe('Tháng 11/2026');
    expect(periodLabel('2026-H1', 'en')).toBe('First half of 2026');
    expect(periodLabel('2026-Q3', 'en')).toBe('Q3 2026');
    expect(periodLabel('2026-02', 'en')).toBe('February 2026');
  });

  it('knows the days a period covers, leap years included', () => {
    expect(periodRange(parsePeriod('2026')!)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodRange(parsePeriod('2026-H2')!)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(periodRange(parsePeriod('2026-Q1')!)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodRange(parsePeriod('2024-02')!)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange(parsePeriod('2025-02')!)).toEqual({ from: '2025-02-01', to: '2025-02-28' });
  });

  it('finds the same period of the previous year, and round-trips every period', () => {
    expect(previousYear('2026')).toBe('2025');
    expect(previousYear('2026-H1')).toBe('2025-H1');
    expect(previousYear('2026-Q3')).toBe('2025-Q3');
    expect(previousYear('2026-11')).toBe('2025-11');
    expect(previousYear('2000')).toBeNull();
    expect(previousYear('nonsense')).toBeNull();
    const period = fc.record({
      year: fc.integer({ min: 2000, max: 2100 }),
      kind: fc.constantFrom('year', 'half', 'quarter', 'month' as const),
      n: fc.integer({ min: 1, max: 12 }),
    }).map(({ year, kind, n }) => ({ kind, year, part: kind === 'year' ? 0 : kind === 'half' ? ((n - 1) % 2) + 1 : kind === 'quarter' ? ((n - 1) % 4) + 1 : n }));
    fc.assert(fc.property(period, (p) => {
      const text = formatPeriod(p);
      expect(parsePeriod(text)).toEqual(p);
      const r = periodRange(p);
      expect(r.from <= r.to).toBe(true);
      expect(r.from.slice(0, 4)).toBe(String(p.year));
    }));
  });
});

describe('comparison', () => {
  it('gives the change and the percentage, null-safe', () => {
    expect(compare(27, 24)).toEqual({ change: 3, changePct: 12.5 });
    expect(compare(18, 24)).toEqual({ change: -6, changePct: -25 });
    expect(compare(5, 5)).toEqual({ change: 0, changePct: 0 });
    expect(compare(3, 0)).toEqual({ change: 3, changePct: null });
    expect(compare(null, 4)).toEqual({ change: null, changePct: null });
    expect(compare(4, null)).toEqual({ change: null, changePct: null });
    expect(compare(1, 3)).toEqual({ change: -2, changePct: -66.7 });
    expect(compare(0.3, 0.1)).toEqual({ change: 0.2, changePct: 200 });
  });

  it('sums present figures; nothing present is no figure, not zero', () => {
    expect(sumPresent([1, null, 2])).toBe(3);
    expect(sumPresent([null, undefined])).toBeNull();
    expect(sumPresent([0])).toBe(0);
  });

  it('rolls a new unit up from its predecessors, its own figure first', () => {
    // 10 was formed from 1, 2, 3; 3 itself from 4 and 5 (earlier merger); 6 has no figures at all.
    const preds: Record<number, number[]> = { 10: [1, 2, 3], 3: [4, 5], 11: [6] };
    const figures: Record<number, number> = { 1: 4, 2: 6, 4: 1, 5: 2 };
    const own = (u: number) => figures[u] ?? null;
    const of = (u: number) => preds[u] ?? [];
    const used = new Set<number>();
    expect(figureThroughLineage(10, own, of, used)).toBe(13);
    expect([...used].sort()).toEqual([1, 2, 4, 5]);
    // Once the unit has its own figure, its predecessors no longer count (no double counting).
    figures[10] = 20;
    const used2 = new Set<number>();
    expect(figureThroughLineage(10, own, of, used2)).toBe(20);
    expect([...used2]).toEqual([10]);
    expect(figureThroughLineage(11, own, of, new Set())).toBeNull();
    // A cycle in bad data ends instead of looping.
    expect(figureThroughLineage(1, () => null, () => [2], new Set(), new Set([2]))).toBeNull();
  });
});

describe('indicators', () => {
  it('ships a default list with valid, unique codes and known groups', () => {
    const codes = DEFAULT_INDICATORS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of DEFAULT_INDICATORS) {
      expect(d.code).toMatch(INDICATOR_CODE);
      expect(INDICATOR_GROUPS).toContain(d.group);
      expect(d.vi.normalize('NFC')).toBe(d.vi);
    }
    for (const [a, b] of NOT_MORE_THAN) expect(codes).toEqual(expect.arrayContaining([a, b]));
  });

  it('warns when solved exceeds detected', () => {
    expect(consistencyWarnings(new Map([['crime_detected', 10], ['crime_solved', 12]]))).toEqual([{ code: 'crime_solved', exceeds: 'crime_detected' }]);
    expect(consistencyWarnings(new Map([['crime_detected', 10], ['crime_solved', 8], ['dossiers_received', null]]))).toEqual([]);
  });
});

describe('import rows', () => {
  it('reads figures as people type them', () => {
    expect(parseValue('1234')).toBe(1234);
    expect(parseValue('1.234')).toBe(1234);
    expect(parseValue('1 234 567')).toBe(1234567);
    expect(parseValue('12,5')).toBe(12.5);
    expect(parseValue('12.5')).toBe(12.5);
    expect(parseValue('-3')).toBe(-3);
    expect(parseValue('ba')).toBeNull();
    expect(parseValue('1e5')).toBeNull();
    expect(parseValue('')).toBeNull();
    expect(workFieldOf('ma don vi')).toBe('unit');
    expect(workFieldOf('Kỳ báo cáo')).toBe('period');
    expect(workFieldOf('indicator_code')).toBe('indicator');
    expect(workFieldOf('Số liệu')).toBe('value');
  });

  const lookups = {
    unitOf: (c: string) => ({ A: 1, B: 2 } as Record<string, number>)[c] ?? null,
    indicatorOf: (c: string) => ({ crime_detected: 100, crime_solved: 101 } as Record<string, number>)[c] ?? null,
    periodProblem: (u: number, p: string) => (u === 2 && p < '2025-07' ? 'work_results.unit_not_in_period' : null),
  };
  const sheet = (rows: string[][]) => ({ rows: rows.map((cells, i) => ({ line: i + 1, cells })) });

  it('checks every row and names each problem with its line and column', () => {
    const { rows, issues } = checkWorkRows(sheet([
      ['BÁO CÁO KẾT QUẢ CÔNG TÁC'],
      ['STT', 'Mã đơn vị', 'Kỳ báo cáo', 'Mã chỉ tiêu', 'Giá trị'],
      ['1', 'A', '2026', 'crime_detected', '12'],
      ['2', 'Z', '2026', 'crime_detected', '1'],
      ['3', 'A', '2026-H3', 'crime_detected', '1'],
      ['4', 'A', '2026', 'nope', '1'],
      ['5', 'A', '2026', 'crime_solved', 'mười'],
      ['6', 'A', '2026', 'crime_solved', '-2'],
      ['7', 'B', '2025', 'crime_solved', '1'],
      ['8', 'A', '2026', 'crime_detected', '13'],
      ['9', 'A', '2026-Q1', 'crime_solved', '1.234'],
    ]), lookups);
    expect(rows).toEqual([
      { line: 3, unitId: 1, period: '2026', indicatorId: 100, value: 12 },
      { line: 11, unitId: 1, period: '2026-Q1', indicatorId: 101, value: 1234 },
    ]);
    expect(issues.map((i) => [i.line, i.field, i.key])).toEqual([
      [4, 'Mã đơn vị', 'work_results.unit_unknown'],
      [5, 'Kỳ báo cáo', 'work_results.period_format'],
      [6, 'Mã chỉ tiêu', 'work_results.indicator_unknown'],
      [7, 'Giá trị', 'work_results.not_a_number'],
      [8, 'Giá trị', 'work_results.negative'],
      [9, 'Kỳ báo cáo', 'work_results.unit_not_in_period'],
      [10, 'Mã chỉ tiêu', 'work_results.duplicate_row'],
    ]);
  });

  it('names missing columns', () => {
    const { issues } = checkWorkRows(sheet([['Mã chỉ tiêu', 'Giá trị'], ['crime_detected', '1']]), lookups);
    expect(issues.map((i) => [i.field, i.key])).toEqual([['Mã đơn vị', 'csv.missing_column'], ['Kỳ báo cáo', 'csv.missing_column']]);
  });
});
