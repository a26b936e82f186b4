// Calendar dates in Asia/Ho_Chi_Minh: 'YYYY-MM-DD' inside, dd/MM/yyyy for people.

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** True when s is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Accepts YYYY-MM-DD or dd/MM/yyyy and returns YYYY-MM-DD, or null when it is not a real date. */
export function parseDate(s: string): string | null {
  const t = s.trim();
  if (isIsoDate(t)) return t;
  const m = VN_DATE.exec(t);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** dd/MM/yyyy from YYYY-MM-DD. */
export function formatDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// Building an Intl.DateTimeFormat costs ~60 µs; this runs on every request, so build it once.
const VN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const VN_DATETIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

const VN_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

/** The hour of the day (0–23) in Viet Nam. */
export function hourVN(now: Date = new Date()): number {
  return Number(VN_HOUR.format(now));
}

let currentDay = '';
let currentDayUntil = 0;

/** Today's date in Vietnam (recomputed at most once a second: it is asked on every request). */
export function todayVN(now?: Date): string {
  if (now) return VN_DAY.format(now);
  const t = Date.now();
  if (t >= currentDayUntil) {
    currentDay = VN_DAY.format(t);
    currentDayUntil = t - (t % 1000) + 1000;
  }
  return currentDay;
}

/** The calendar date in Vietnam (YYYY-MM-DD) of an ISO instant: 17:30Z is already the next day there. */
export function dateVN(isoInstant: string): string {
  return VN_DAY.format(new Date(isoInstant));
}

/** dd/MM/yyyy HH:mm in Vietnam time for an ISO instant. */
export function formatDateTime(isoInstant: string): string {
  const parts = VN_DATETIME.formatToParts(new Date(isoInstant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** The day before an ISO date (used when a version is closed by the next one). */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function nowIso(): string {
  return new Date().toISOString();
}
