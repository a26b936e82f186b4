import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WorkingCalendar,
  daysInLieu,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  publicHolidays,
  solarToLunar,
  statutoryDaysOff,
  type DayOverride,
} from '../../src/core/calendar/index.ts';
import { isoFromJdn, jdnFromIso } from '../../src/core/calendar/lunar.ts';

const addDays = (iso: string, n: number) => isoFromJdn(jdnFromIso(iso) + n);

// Mùng 1 Tết, Vietnamese calendar (UTC+7), as published by Hồ Ngọc Đức (informatik.uni-leipzig.de/~duc/amlich)
// and on Vietnamese wall calendars.
const TET: Record<number, string> = {
  2000: '2000-02-05', 2001: '2001-01-24', 2002: '2002-02-12', 2003: '2003-02-01', 2004: '2004-01-22',
  2005: '2005-02-09', 2006: '2006-01-29', 2007: '2007-02-17', 2008: '2008-02-07', 2009: '2009-01-26',
  2010: '2010-02-14', 2011: '2011-02-03', 2012: '2012-01-23', 2013: '2013-02-10', 2014: '2014-01-31',
  2015: '2015-02-19', 2016: '2016-02-08', 2017: '2017-01-28', 2018: '2018-02-16', 2019: '2019-02-05',
  2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10',
  2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13',
  2030: '2030-02-02', 2031: '2031-01-23', 2032: '2032-02-11', 2033: '2033-01-31', 2034: '2034-02-19',
  2035: '2035-02-08',
};

describe('lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  it('finds Tết 2000–2035 as published', () => {
    for (const [year, day] of Object.entries(TET)) {
      expect(lunarNewYear(Number(year)), year).toBe(day);
      expect(solarToLunar(day)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
      expect(solarToLunar(addDays(day, -1)).year).toBe(Number(year) - 1);
    }
  });

  it('differs from the Chinese calendar (UTC+8) where the new moon falls between 16:00 and 17:00 UTC', () => {
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(1985, 8)).toBe('1985-02-20');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(2007, 8)).toBe('2007-02-18');
    expect(lunarNewYear(2030, 8)).toBe('2030-02-03');
    expect(lunarNewYear(1968)).toBe('1968-01-29');
    // 1984: China inserts a leap 10th month before Tết; Vietnam's Tết comes a month earlier, its leap month after.
    expect(leapMonthOf(1984, 8)).toBe(10);
    expect(leapMonthOf(1984)).toBe(0);
    expect(leapMonthOf(1985)).toBe(2);
  });

  it('knows the leap months', () => {
    const leaps: Record<number, number> = {
      2001: 4, 2004: 2, 2006: 7, 2009: 5, 2012: 4, 2014: 9, 2017: 6, 2020: 4, 2023: 2, 2025: 6, 2028: 5,
      2031: 3, 2033: 11, 2036: 6,
    };
    for (let y = 2000; y <= 2036; y++) expect(leapMonthOf(y), String(y)).toBe(leaps[y] ?? 0);
  });

  it('round-trips a leap month (6 nhuận Ất Tỵ 2025, 11 nhuận Quý Sửu 2033) and refuses missing ones', () => {
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: false })).toBe('2025-06-25');
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe('2025-07-25');
    expect(solarToLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(solarToLunar('2025-08-22')).toEqual({ year: 2025, month: 6, day: 29, leap: true });
    expect(solarToLunar('2025-08-23')).toEqual({ year: 2025, month: 7, day: 1, leap: false });
    expect(lunarMonthLength(2025, 6, true)).toBe(29);
    expect(lunarToSolar({ year: 2025, month: 5, day: 1, leap: true })).toBeNull();
    expect(lunarToSolar({ year: 2026, month: 6, day: 1, leap: true })).toBeNull();
    expect(lunarToSolar({ year: 2025, month: 6, day: 30, leap: true })).toBeNull();
    // A leap 11th month belongs to the year before the Tết that follows it.
    const l = solarToLunar('2034-01-01');
    expect(l).toEqual({ year: 2033, month: 11, day: 11, leap: true });
    expect(lunarToSolar(l)).toBe('2034-01-01');
  });

  it('finds Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
    const hung = (y: number) => publicHolidays(y).find((h) => h.nameKey === 'holiday.hung_kings')?.date;
    expect(hung(2024)).toBe('2024-04-18');
    expect(hung(2025)).toBe('2025-04-07');
    expect(hung(2026)).toBe('2026-04-26');
    expect(hung(2023)).toBe('2023-04-29');
  });

  it('round-trips every day 1900–2100, one day at a time', () => {
    // Mismatches are collected, not asserted one by one: 73,000 expect() calls would be slow.
    const bad: string[] = [];
    let prev = solarToLunar('1899-12-31');
    for (let j = jdnFromIso('1900-01-01'); j <= jdnFromIso('2100-12-31'); j++) {
      const iso = isoFromJdn(j);
      const l = solarToLunar(iso);
      const follows = l.day === 1
        // A new month after a 29- or 30-day one: the leap copy of the same month, or the next month.
        ? (prev.day === 29 || prev.day === 30) &&
          (l.leap
            ? l.month === prev.month && !prev.leap && l.year === prev.year
            : l.month === (prev.month % 12) + 1 && l.year === prev.year + (prev.month === 12 ? 1 : 0))
        : l.day === prev.day + 1 && l.month === prev.month && l.leap === prev.leap && l.year === prev.year;
      if (!follows || lunarToSolar(l) !== iso) bad.push(iso);
      prev = l;
    }
    expect(bad).toEqual([]);
  });

  it('round-trips random days 1700–2300 in both time zones', () => {
    const day = fc.integer({ min: jdnFromIso('1700-01-01'), max: jdnFromIso('2300-12-31') }).map(isoFromJdn);
    fc.assert(fc.property(day, fc.constantFrom(7, 8), (iso, tz) => lunarToSolar(solarToLunar(iso, tz), tz) === iso));
  });
});

describe('public holidays', () => {
  it('lists the 11 days of art. 112 for 2026', () => {
    expect(publicHolidays(2026).map((h) => `${h.date} ${h.nameKey}`)).toEqual([
      '2026-01-01 holiday.new_year',
      '2026-02-16 holiday.tet',
      '2026-02-17 holiday.tet',
      '2026-02-18 holiday.tet',
      '2026-02-19 holiday.tet',
      '2026-02-20 holiday.tet',
      '2026-04-26 holiday.hung_kings',
      '2026-04-30 holiday.victory_day',
      '2026-05-01 holiday.labour_day',
      '2026-09-01 holiday.national_day',
      '2026-09-02 holiday.national_day',
    ]);
    expect(publicHolidays(2026)[1]).toEqual({ date: '2026-02-16', nameKey: 'holiday.tet', name_vi: 'Tết Nguyên đán (ngày cuối năm)' });
  });

  it('gives a day in lieu for each holiday on a weekend (nghỉ bù)', () => {
    // 2026: Giỗ Tổ on Sunday 26/4.
    expect(daysInLieu(publicHolidays(2026)).map((h) => h.date)).toEqual(['2026-04-27']);
    // 2023: Sunday 1/1; Tết with Saturday 21/1 and Sunday 22/1; Giỗ Tổ Saturday 29/4, 30/4 Sunday, 1/5
    // Monday (official: off 29/4–3/5); Quốc khánh Saturday 2/9 (official: off 1/9–4/9).
    expect(daysInLieu(publicHolidays(2023)).map((h) => h.date)).toEqual([
      '2023-01-02', '2023-01-26', '2023-01-27', '2023-05-02', '2023-05-03', '2023-09-04',
    ]);
    // 2024: 1/9 on a Sunday -> 3/9, as decided (off 31/8–3/9).
    expect(daysInLieu(publicHolidays(2024)).find((h) => h.date.startsWith('2024-09'))?.date).toBe('2024-09-03');
    const lieu = statutoryDaysOff(2026).find((h) => h.date === '2026-04-27');
    expect(lieu).toEqual({ date: '2026-04-27', nameKey: 'holiday.in_lieu', name_vi: 'Nghỉ bù Giỗ Tổ Hùng Vương' });
  });

  it('moves a holiday that falls on another one (Giỗ Tổ on 30/4/1947)', () => {
    const lieu = daysInLieu(publicHolidays(1947)).map((h) => h.date);
    expect(lieu).toContain('1947-05-02');
  });
});

describe('working days', () => {
  const cal = new WorkingCalendar({ overrides: [] });

  it('skips weekends and holidays', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-02-14')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-02-16')).toBe(false); // 29 Tết, Monday
    expect(cal.isWorkingDay('2026-04-27')).toBe(false); // nghỉ bù Giỗ Tổ
    expect(cal.isWorkingDay('2026-09-01')).toBe(false);
    expect(cal.nextWorkingDay('2026-02-14')).toBe('2026-02-23');
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-13');
  });

  it('worked example: 10 working days from Tuesday 10/02/2026 skip Tết Bính Ngọ', () => {
    // 11, 12, 13/2 (1–3); 14/2–22/2 off (weekend, Tết 16–20/2, weekend); 23–27/2 (4–8); 2/3, 3/3 (9, 10).
    expect(cal.addWorkingDays('2026-02-10', 10)).toBe('2026-03-03');
    expect(cal.workingDaysBetween('2026-02-10', '2026-03-03')).toBe(10);
    expect(cal.workingDaysBetween('2026-03-03', '2026-02-10')).toBe(-10);
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(cal.addWorkingDays('2026-02-14', 0)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-23');
    expect(cal.workingDaysBetween('2026-02-14', '2026-02-22')).toBe(0);
  });

  it('crosses years', () => {
    // 31/12/2026 is a Thursday; 1/1/2027 is a holiday, 2–3/1 the weekend.
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(cal.workingDaysBetween('2026-12-30', '2027-01-04')).toBe(2);
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-02');
    expect(cal.workingDaysBetween('2020-01-01', '2030-01-01')).toBeGreaterThan(2400);
  });

  it('lets overrides win: a make-up Saturday counts, an added Tuesday off does not', () => {
    const overrides: DayOverride[] = [
      { day: '2026-02-28', kind: 'work', name: 'Làm bù' }, // Saturday
      { day: '2026-02-24', kind: 'off', name: 'Nghỉ thêm' }, // Tuesday
    ];
    const c = new WorkingCalendar({ overrides });
    expect(c.isWorkingDay('2026-02-28')).toBe(true);
    expect(c.isWorkingDay('2026-02-24')).toBe(false);
    // 23/2 (4), 25–27/2 (5–7), 28/2 (8), 2/3 (9), 3/3 (10): one lost, one gained.
    expect(c.addWorkingDays('2026-02-10', 10)).toBe('2026-03-03');
    expect(c.addWorkingDays('2026-02-10', 8)).toBe('2026-02-28');
    expect(c.workingDaysBetween('2026-02-23', '2026-02-25')).toBe(1);
    // An override can also reopen a default holiday (the 2025 decision took 27/1–31/1 for Tết, not 28/1–1/2).
    const y2025 = new WorkingCalendar({
      overrides: [{ day: '2025-01-27', kind: 'off' }, { day: '2025-02-03', kind: 'work' }],
    });
    const off = [];
    for (let d = '2025-01-24'; d <= '2025-02-04'; d = addDays(d, 1)) if (!y2025.isWorkingDay(d)) off.push(d.slice(5));
    expect(off).toEqual(['01-25', '01-26', '01-27', '01-28', '01-29', '01-30', '01-31', '02-01', '02-02']);
  });

  it('refuses bad input', () => {
    expect(() => cal.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('10/02/2026', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-10', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-02-10', 1.5)).toThrow(RangeError);
    expect(() => new WorkingCalendar({ overrides: [{ day: '2026-13-01', kind: 'off' }] })).toThrow(RangeError);
  });

  const day = fc.integer({ min: jdnFromIso('2023-01-01'), max: jdnFromIso('2028-12-31') }).map(isoFromJdn);
  const overrides = fc.array(fc.record({ day, kind: fc.constantFrom('off' as const, 'work' as const) }), { maxLength: 30 });

  it('addWorkingDays lands on a working day, n working days later, and no earlier', () => {
    fc.assert(
      fc.property(overrides, day, fc.integer({ min: 0, max: 400 }), (ov, from, n) => {
        const c = new WorkingCalendar({ overrides: ov });
        const to = c.addWorkingDays(from, n);
        if (n === 0) return to === from;
        return (
          c.isWorkingDay(to) &&
          c.workingDaysBetween(from, to) === n &&
          c.workingDaysBetween(from, addDays(to, -1)) === n - 1
        );
      }),
    );
  });

  it('adds in steps: a + b working days = a, then b more', () => {
    fc.assert(
      fc.property(overrides, day, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 200 }), (ov, from, a, b) => {
        const c = new WorkingCalendar({ overrides: ov });
        return c.addWorkingDays(from, a + b) === c.addWorkingDays(c.addWorkingDays(from, a), b);
      }),
    );
  });

  it('workingDaysBetween counts like a day-by-day walk, and is antisymmetric', () => {
    fc.assert(
      fc.property(overrides, day, fc.integer({ min: -500, max: 500 }), (ov, from, span) => {
        const c = new WorkingCalendar({ overrides: ov });
        const to = addDays(from, span);
        const [lo, hi] = span >= 0 ? [from, to] : [to, from];
        let count = 0;
        for (let j = jdnFromIso(lo) + 1; j <= jdnFromIso(hi); j++) if (c.isWorkingDay(isoFromJdn(j))) count++;
        const expected = span >= 0 ? count : -count;
        return c.workingDaysBetween(from, to) === expected && c.workingDaysBetween(to, from) === -expected;
      }),
    );
  });

  it('numbers the days of a range so that two numbers differ by the working days between them', () => {
    const overrides: DayOverride[] = [{ day: '2026-05-09', kind: 'work', name: 'làm bù' }, { day: '2026-06-03', kind: 'off', name: 'nghỉ' }];
    const c = new WorkingCalendar({ overrides });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (start, i, j) => {
        const from = isoFromJdn(jdnFromIso('2025-06-01') + start);
        const to = isoFromJdn(jdnFromIso(from) + 400);
        const ord = c.ordinals(from, to);
        const a = isoFromJdn(jdnFromIso(from) + i);
        const b = isoFromJdn(jdnFromIso(from) + j);
        return ord[from] === 0 && Object.keys(ord).length === 401 && ord[b]! - ord[a]! === c.workingDaysBetween(a, b);
      }),
      { numRuns: 200 },
    );
  });
});
