// The Vietnamese lunisolar calendar (âm lịch), solar <-> lunar, pure.
//
// Algorithm: Hồ Ngọc Đức, "Computing the Vietnamese lunar calendar" (Âm lịch Việt Nam,
// https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html), itself built on the new-moon and
// sun-longitude series of Jean Meeus, "Astronomical Algorithms". The rules:
//   - a month starts on the local day of the new moon (sóc);
//   - the month containing the winter solstice is month 11;
//   - a year from one month 11 to the next with 13 months has a leap month: the first month after
//     month 11 that contains no major solar term (trung khí).
// Vietnam computes with the meridian of UTC+7 (China with UTC+8), so a new moon or a solar term
// between 16:00 and 17:00 UTC falls on different days, which can also move the leap month: Tết 1985 is
// 21/01/1985 here and 20/02/1985 in China, Tết 2007 is 17/02/2007 here and 18/02/2007 there. The helper functions keep the names of the published code.
// Checked against Hồ Ngọc Đức's own precomputed tables: from 1968 to 2100 every Tết and leap month
// agrees; the truncated series puts three month boundaries a day apart (months 3/4 of 2054, 10/11 of
// 2072, 9/10 of 2077: new moons close to midnight), none near a holiday. Before 1968 Vietnam
// reckoned with UTC+8 like China: pass tz = 8 for historical dates.
//
// Dates are ISO 'YYYY-MM-DD' (proleptic Gregorian) like the rest of core; inside we use Julian day
// numbers (integers), which make day arithmetic and weekdays cheap for working-days.ts too.

/** Hours east of UTC used for Vietnamese calendars (giờ Hà Nội). */
export const VIETNAM_UTC_OFFSET = 7;

export interface LunarDate {
  year: number;
  /** 1–12; a leap month repeats the number of the month before it. */
  month: number;
  /** 1–30. */
  day: number;
  /** True for the leap month (tháng nhuận). */
  leap: boolean;
}

// ---- Julian day numbers ----------------------------------------------------------------------------

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Julian day number of a proleptic Gregorian date. */
export function jdnFromCivil(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 32045;
}

/**
 * Julian day number of an ISO date; throws RangeError when it is not a real date. Parsed by hand
 * (no regex, no Date): deadlines are computed for every row of a list.
 */
export function jdnFromIso(iso: string): number {
  if (iso.length === 10 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45) {
    const y = digits(iso, 0, 4);
    const m = digits(iso, 5, 7);
    const d = digits(iso, 8, 10);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return jdnFromCivil(y, m, d);
  }
  throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
}

/** The Gregorian year of a Julian day number. */
export function yearOfJdn(jdn: number): number {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return 100 * b + d - 4800 + Math.floor(m / 10);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO date of a Julian day number. */
export function isoFromJdn(jdn: number): string {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = 100 * b + d - 4800 + Math.floor(m / 10);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfJdn(jdn: number): number {
  return (((jdn + 1) % 7) + 7) % 7;
}

// ---- Astronomy (Hồ Ngọc Đức's functions) ----------------------------------------------------------

const DR = Math.PI / 180;
/** Mean synodic month, days. */
const SYNODIC = 29.530588853;
/** Julian day of the new moon of 1900-01-01, the origin of new-moon numbers k. */
const NEW_MOON_0 = 2415021.076998695;

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, truncated). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DR * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  // ΔT (terrestrial minus universal time), in days.
  const deltaT = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians, [0, 2π), at Julian day jdn (Meeus, ch. 25, low precision). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  const L = (L0 + DL) * DR;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Local day (JDN) of the k-th new moon. */
function getNewMoonDay(k: number, tz: number): number {
  return Math.floor(newMoon(k) + 0.5 + tz / 24);
}

/** Which 30° sector (0–11) the sun is in at the start of local day dayNumber; 9 = winter solstice onwards. */
function getSunLongitude(dayNumber: number, tz: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);
}

/** JDN of the first day of month 11 (the month holding the winter solstice) of Gregorian year yy. */
function getLunarMonth11(yy: number, tz: number): number {
  const off = jdnFromCivil(yy, 12, 31) - 2415021;
  const k = Math.floor(off / SYNODIC);
  const nm = getNewMoonDay(k, tz);
  // The new moon before 31/12 already past the solstice: month 11 began one lunation earlier.
  return getSunLongitude(nm, tz) >= 9 ? getNewMoonDay(k - 1, tz) : nm;
}

/**
 * In a 13-month span starting at month 11 (JDN a11), the offset (1–12) of the leap month: the
 * first month whose start sees the sun in the same sector as the next month's start (no major term).
 */
function getLeapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - NEW_MOON_0) / SYNODIC + 0.5);
  let last: number;
  let i = 1;
  let arc = getSunLongitude(getNewMoonDay(k + i, tz), tz);
  do {
    last = arc;
    i++;
    arc = getSunLongitude(getNewMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Leap month number for a leap offset from month 11 (1 -> leap 11, 2 -> leap 12, 3 -> leap 1, …). */
function leapMonthFromOffset(off: number): number {
  return ((off + 9) % 12) + 1;
}

// ---- Conversions ------------------------------------------------------------------------------------

/** The lunar date of a solar day (time zone in hours east of UTC, Vietnam by default). */
export function solarToLunar(iso: string, tz: number = VIETNAM_UTC_OFFSET): LunarDate {
  const dayNumber = jdnFromIso(iso);
  const yy = yearOfJdn(dayNumber);
  // The published code tries new moons k+1 then k only; a true new moon later than the mean one can
  // leave both after the day (it answers day 0 for 07/05/2054 and 09/04/2062), so step back until one is not.
  let k = Math.floor((dayNumber - NEW_MOON_0) / SYNODIC) + 1;
  let monthStart = getNewMoonDay(k, tz);
  while (monthStart > dayNumber) monthStart = getNewMoonDay(--k, tz);
  let a11 = getLunarMonth11(yy, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = getLunarMonth11(yy - 1, tz);
  } else {
    lunarYear = yy + 1;
    b11 = getLunarMonth11(yy + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = getLeapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 (and a leap 11/12) right after a11 still belong to the previous lunar year.
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/** First day (JDN) and length of a lunar month, or null when the year has no such (leap) month. */
function lunarMonthSpan(year: number, month: number, leap: boolean, tz: number): { start: number; length: number } | null {
  // Months 1–10 of year Y lie between month 11 of Y-1 and month 11 of Y; months 11–12 after month 11 of Y.
  const a11 = getLunarMonth11(month < 11 ? year - 1 : year, tz);
  const b11 = getLunarMonth11(month < 11 ? year : year + 1, tz);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_0) / SYNODIC);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = getLeapMonthOffset(a11, tz);
    if (leap && month !== leapMonthFromOffset(leapOff)) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const start = getNewMoonDay(k + off, tz);
  return { start, length: getNewMoonDay(k + off + 1, tz) - start };
}

/**
 * The solar day of a lunar date, or null when it does not exist: a leap month the year lacks, or
 * day 30 of a 29-day month.
 */
export function lunarToSolar(date: LunarDate, tz: number = VIETNAM_UTC_OFFSET): string | null {
  const { year, month, day, leap } = date;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  const span = lunarMonthSpan(year, month, leap, tz);
  if (!span || day > span.length) return null;
  return isoFromJdn(span.start + day - 1);
}

/** Number of days (29 or 30) of a lunar month, or null when the year has no such (leap) month. */
export function lunarMonthLength(year: number, month: number, leap = false, tz: number = VIETNAM_UTC_OFFSET): number | null {
  return lunarMonthSpan(year, month, leap, tz)?.length ?? null;
}

/** The leap month (1–12) of a lunar year, or 0 when it has none. */
export function leapMonthOf(year: number, tz: number = VIETNAM_UTC_OFFSET): number {
  // A leap 1–10 sits in the span that ends at month 11 of `year`; a leap 11 or 12 in the span after it.
  const m11 = getLunarMonth11(year, tz);
  const before = getLunarMonth11(year - 1, tz);
  if (m11 - before > 365) {
    const off = getLeapMonthOffset(before, tz);
    if (off >= 3) return leapMonthFromOffset(off);
  }
  const after = getLunarMonth11(year + 1, tz);
  if (after - m11 > 365) {
    const off = getLeapMonthOffset(m11, tz);
    if (off <= 2) return leapMonthFromOffset(off);
  }
  return 0;
}

/** Tết Nguyên đán: the solar day of 1/1 of the lunar year that starts in Gregorian year `year`. */
export function lunarNewYear(year: number, tz: number = VIETNAM_UTC_OFFSET): string {
  // 1/1 always exists; the non-null assertion cannot fail.
  return lunarToSolar({ year, month: 1, day: 1, leap: false }, tz)!;
}
