// Vietnam's public holidays (ngày nghỉ lễ, tết) for a year, pure.
//
// Bộ luật Lao động 2019, art. 112(1): Tết Dương lịch 1/1; Tết Âm lịch 5 days; Ngày Chiến thắng 30/4;
// Ngày Quốc tế lao động 1/5; Quốc khánh 2/9 and one adjacent day (before or after); Giỗ Tổ Hùng Vương
// 10/3 lunar. Art. 112(3): the Prime Minister fixes the exact Tết days and the Quốc khánh extra day each
// year, so what follows is a default that administrators correct with day overrides (WorkingCalendar):
//   - Tết: the last day of the old lunar year and days 1–4 of the new one (one of the two usual
//     patterns; the other, 2 + 3, was chosen e.g. for 2025: 27/01–31/01);
//   - Quốc khánh: 1/9 and 2/9 (as in 2022, 2023 and 2025; 2021 used 3/9).
// Art. 111(3): a holiday falling on the weekly rest day is taken on the next working day (nghỉ bù);
// daysInLieu() computes those days.
import { isoFromJdn, jdnFromCivil, jdnFromIso, lunarNewYear, lunarToSolar, weekdayOfJdn } from './lunar.ts';

export interface PublicHoliday {
  date: string;
  /** i18n key, e.g. 'holiday.tet'; days in lieu use 'holiday.in_lieu'. */
  nameKey: string;
  name_vi: string;
}

function civil(year: number, month: number, day: number): string {
  return isoFromJdn(jdnFromCivil(year, month, day));
}

/** The statutory public holidays of a Gregorian year (art. 112), sorted by date. */
export function publicHolidays(year: number): PublicHoliday[] {
  const tet = jdnFromIso(lunarNewYear(year));
  // Giỗ Tổ is 10/3 of the ordinary month 3, even in a year with a leap month 3; it always exists.
  const hungKings = lunarToSolar({ year, month: 3, day: 10, leap: false })!;
  const list: PublicHoliday[] = [
    { date: civil(year, 1, 1), nameKey: 'holiday.new_year', name_vi: 'Tết Dương lịch' },
    { date: isoFromJdn(tet - 1), nameKey: 'holiday.tet', name_vi: 'Tết Nguyên đán (ngày cuối năm)' },
  ];
  for (let i = 0; i < 4; i++) {
    list.push({ date: isoFromJdn(tet + i), nameKey: 'holiday.tet', name_vi: `Tết Nguyên đán (mùng ${i + 1})` });
  }
  list.push(
    { date: hungKings, nameKey: 'holiday.hung_kings', name_vi: 'Giỗ Tổ Hùng Vương' },
    { date: civil(year, 4, 30), nameKey: 'holiday.victory_day', name_vi: 'Ngày Chiến thắng' },
    { date: civil(year, 5, 1), nameKey: 'holiday.labour_day', name_vi: 'Ngày Quốc tế lao động' },
    { date: civil(year, 9, 1), nameKey: 'holiday.national_day', name_vi: 'Quốc khánh (ngày liền kề)' },
    { date: civil(year, 9, 2), nameKey: 'holiday.national_day', name_vi: 'Quốc khánh' },
  );
  // Stable: two holidays on one day keep the order above.
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Days off in lieu (nghỉ bù, art. 111(3)): each holiday on a Saturday or Sunday, and each holiday on a
 * day already taken by another holiday (Giỗ Tổ can fall on 30/4 or 1/5), moves to the next Monday–Friday
 * that is neither a holiday nor already a day in lieu, in date order. Matches e.g. 2023 (Giỗ Tổ Sat 29/4,
 * 30/4 Sun -> 2/5, 3/5) and 2024 (Quốc khánh Sun 1/9 -> 3/9). Tết days count too: the law makes no
 * exception, and the yearly decision includes them (2024: 10/2, 11/2 -> 14/2, 15/2 in this default).
 */
export function daysInLieu(holidays: readonly PublicHoliday[]): PublicHoliday[] {
  const sorted = [...holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const taken = new Set<number>();
  const lieu: PublicHoliday[] = [];
  for (const h of sorted) taken.add(jdnFromIso(h.date));
  const seen = new Set<number>();
  for (const h of sorted) {
    const day = jdnFromIso(h.date);
    const wd = weekdayOfJdn(day);
    const clash = seen.has(day);
    seen.add(day);
    if (wd !== 0 && wd !== 6 && !clash) continue;
    let d = day + 1;
    for (;;) {
      const w = weekdayOfJdn(d);
      if (w !== 0 && w !== 6 && !taken.has(d)) break;
      d++;
    }
    taken.add(d);
    lieu.push({ date: isoFromJdn(d), nameKey: 'holiday.in_lieu', name_vi: `Nghỉ bù ${h.name_vi}` });
  }
  return lieu;
}

/** Every day off by law in a year: the holidays and their days in lieu, sorted by date. */
export function statutoryDaysOff(year: number): PublicHoliday[] {
  const holidays = publicHolidays(year);
  return [...holidays, ...daysInLieu(holidays)].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
