// Working days (ngày làm việc) for deadlines, pure.
//
// A day is off when it is a Saturday or Sunday, a public holiday or a day in lieu of one
// (holidays.ts: statutoryDaysOff). Administrators' overrides win over all of that: 'off' for days the
// government adds or moves (the exact Tết span, a swapped Monday), 'work' for make-up days (ngày làm
// bù, usually a Saturday) and for defaults the yearly decision dropped. Overrides are taken as given:
// an 'off' override gets no day in lieu. A calendar is immutable; build a new one when overrides change.
//
// Speed: deadlines are computed for every row of a list, so each year is turned once into a table
// (working flag and running count per day of the year) and queries are Julian-day arithmetic,
// a binary search and one string build: no Date objects.
import { statutoryDaysOff } from './holidays.ts';
import { isoFromJdn, jdnFromCivil, jdnFromIso, weekdayOfJdn, yearOfJdn } from './lunar.ts';

export type DayKind = 'off' | 'work';

export interface DayOverride {
  day: string;
  kind: DayKind;
  name?: string;
}

export interface WorkingCalendarConfig {
  overrides?: readonly DayOverride[];
}

interface YearTable {
  /** JDN of 1 January. */
  start: number;
  /** 1 for a working day, by day of the year (0-based). */
  working: Uint8Array;
  /** cum[i] = working days among days 0..i of the year. */
  cum: Uint16Array;
  total: number;
}

export class WorkingCalendar {
  /** Overrides by year, then JDN; the last one given for a day wins. */
  private readonly overrides = new Map<number, Map<number, DayKind>>();
  private readonly years = new Map<number, YearTable>();

  constructor(config: WorkingCalendarConfig = {}) {
    for (const o of config.overrides ?? []) {
      if (o.kind !== 'off' && o.kind !== 'work') throw new RangeError(`unknown day kind: ${String(o.kind)}`);
      const jdn = jdnFromIso(o.day);
      const year = yearOfJdn(jdn);
      let byDay = this.overrides.get(year);
      if (!byDay) this.overrides.set(year, (byDay = new Map()));
      byDay.set(jdn, o.kind);
    }
  }

  private table(year: number): YearTable {
    const cached = this.years.get(year);
    if (cached) return cached;
    const start = jdnFromCivil(year, 1, 1);
    const length = jdnFromCivil(year + 1, 1, 1) - start;
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const wd = weekdayOfJdn(start + i);
      working[i] = wd === 0 || wd === 6 ? 0 : 1;
    }
    // In-lieu days of a year's holidays stay inside that year (the latest holiday is 2/9).
    for (const h of statutoryDaysOff(year)) working[jdnFromIso(h.date) - start] = 0;
    for (const [jdn, kind] of this.overrides.get(year) ?? []) working[jdn - start] = kind === 'work' ? 1 : 0;
    const cum = new Uint16Array(length);
    let total = 0;
    for (let i = 0; i < length; i++) {
      total += working[i]!;
      cum[i] = total;
    }
    const t: YearTable = { start, working, cum, total };
    this.years.set(year, t);
    return t;
  }

  private isWorkingJdn(jdn: number): boolean {
    const t = this.table(yearOfJdn(jdn));
    return t.working[jdn - t.start] === 1;
  }

  /** Working days in (a, b], for a <= b. */
  private countAfter(a: number, b: number): number {
    const ya = yearOfJdn(a);
    const yb = yearOfJdn(b);
    const ta = this.table(ya);
    const beforeA = ta.cum[a - ta.start]!;
    if (ya === yb) return ta.cum[b - ta.start]! - beforeA;
    let sum = ta.total - beforeA;
    for (let y = ya + 1; y < yb; y++) sum += this.table(y).total;
    const tb = this.table(yb);
    return sum + tb.cum[b - tb.start]!;
  }

  isWorkingDay(day: string): boolean {
    return this.isWorkingJdn(jdnFromIso(day));
  }

  /** `day` itself when it is a working day, else the first working day after it. */
  nextWorkingDay(day: string): string {
    let jdn = jdnFromIso(day);
    if (this.isWorkingJdn(jdn)) return day;
    while (!this.isWorkingJdn(++jdn));
    return isoFromJdn(jdn);
  }

  /**
   * The deadline n working days after `from` (`from` itself not counted, whatever its kind): the n-th
   * working day after it. n = 0 returns `from`. n must be a non-negative integer.
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer: ${n}`);
    const jdn = jdnFromIso(from);
    if (n === 0) return from;
    let year = yearOfJdn(jdn);
    let t = this.table(year);
    let idx = jdn - t.start;
    let remaining = n;
    for (;;) {
      const before = idx >= 0 ? t.cum[idx]! : 0;
      const target = before + remaining;
      if (target <= t.total) {
        // The first day whose running count reaches target is the target-th working day of the year.
        let lo = idx + 1;
        let hi = t.cum.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (t.cum[mid]! >= target) hi = mid;
          else lo = mid + 1;
        }
        return isoFromJdn(t.start + lo);
      }
      remaining = target - t.total;
      t = this.table(++year);
      idx = -1;
    }
  }

  /**
   * Each day from `from` to `to` (inclusive) with its running count of working days since `from` (which counts 0):
   * workingDaysBetween(a, b) === ordinals[b] - ordinals[a] for any two days of the range. Lets a query count working
   * days between two columns by looking both up, instead of sending every row here.
   */
  ordinals(from: string, to: string): Record<string, number> {
    const out: Record<string, number> = {};
    const start = jdnFromIso(from);
    const end = jdnFromIso(to);
    let n = 0;
    for (let jdn = start; jdn <= end; jdn++) {
      if (jdn > start && this.isWorkingJdn(jdn)) n++;
      out[isoFromJdn(jdn)] = n;
    }
    return out;
  }

  /**
   * Working days after `from` up to and including `to`; negative (minus those after `to` up to and
   * including `from`) when `to` is before `from`. Inverse of addWorkingDays:
   * workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = jdnFromIso(from);
    const b = jdnFromIso(to);
    return b >= a ? this.countAfter(a, b) : -this.countAfter(b, a);
  }
}
