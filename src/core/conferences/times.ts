// Conference times: the console sends a day and two 'HH:mm' clock times in Vietnam; the database keeps ISO instants
// and the day it is held on. Vietnam has kept UTC+7 without daylight saving since 1975, so the conversion is fixed.
import type { FieldIssue } from '../errors.ts';
import { dateVN, parseDate } from '../dates.ts';
import { foldVi } from '../feedback/normalize.ts';

const VN_OFFSET_HOURS = 7;
const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export interface ConferenceTimes {
  startsAt: string;
  endsAt: string;
  heldOn: string;
}

/** 'HH:mm' (or 'H:mm') to minutes after midnight, or null when it is not a clock time. */
export function parseClock(s: string): number | null {
  const m = CLOCK.exec(s.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** The ISO instant of a Vietnam day (YYYY-MM-DD) at minutes after midnight. */
export function instantVN(day: string, minutes: number): string {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, 0, minutes) - VN_OFFSET_HOURS * 3_600_000).toISOString();
}

/** 'HH:mm' in Vietnam of an ISO instant (what the console shows and edits). */
export function clockVN(instant: string): string {
  const t = new Date(Date.parse(instant) + VN_OFFSET_HOURS * 3_600_000);
  return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * A day (YYYY-MM-DD or dd/MM/yyyy) and start and end clock times in Vietnam to instants, or the problems per field
 * (date, startTime, endTime). A conference ends on the day it starts, after it starts.
 */
export function conferenceTimes(date: string, startTime: string, endTime: string): { times?: ConferenceTimes; issues: Record<string, FieldIssue> } {
  const issues: Record<string, FieldIssue> = {};
  const day = parseDate(date);
  if (!day || day < '2000-01-01' || day > '2100-12-31') issues.date = { key: 'validation.date' };
  const start = parseClock(startTime);
  const end = parseClock(endTime);
  if (start === null) issues.startTime = { key: 'conference.time_format' };
  if (end === null) issues.endTime = { key: 'conference.time_format' };
  if (start !== null && end !== null && end <= start) issues.endTime = { key: 'conference.end_before_start' };
  if (Object.keys(issues).length || !day || start === null || end === null) return { issues };
  const startsAt = instantVN(day, start);
  return { times: { startsAt, endsAt: instantVN(day, end), heldOn: dateVN(startsAt) }, issues };
}

/** True when two time ranges [aStart, aEnd) and [bStart, bEnd) share a moment (ISO instants compare as text). */
export function rangesOverlap(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart < bEnd && bStart < aEnd;
}

/** The venue as compared for overlaps: no case, no diacritics, no punctuation, single spaces. */
export function venueKey(venue: string): string {
  return foldVi(venue).replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/\s+/g, ' ').trim();
}
