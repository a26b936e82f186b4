// What deadlines are computed from: the working-day calendar (computed holidays + an admin's days off and
// make-up days) and the per-kind deadline rules (defaults + an admin's settings). Both change rarely and are read
// on every intake, so they are cached per database and dropped by the commands that change them.
import { WorkingCalendar } from '../../core/calendar/index.ts';
import { DEFAULT_DEADLINES, type DeadlineRule } from '../../core/feedback/kinds.ts';
import type { Db } from '../engine.ts';
import type { FeedbackKind } from '../schema.ts';
import type { Q } from '../tx.ts';

export interface FeedbackConfig {
  calendar: WorkingCalendar;
  deadlines: Record<FeedbackKind, DeadlineRule>;
  retentionDays: number;
}

export const DEADLINES_KEY = 'feedback.deadlines';
export const RETENTION_KEY = 'feedback.retention_days';
/** Contact details are kept 2 years after an item closes, then anonymised (an admin setting). */
export const DEFAULT_RETENTION_DAYS = 730;

const cache = new WeakMap<Db, Promise<FeedbackConfig>>();

export async function readSetting<T>(q: Q, key: string): Promise<T | undefined> {
  const row = await q.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

async function load(q: Q): Promise<FeedbackConfig> {
  const days = await q.selectFrom('calendar_days').select(['day', 'kind', 'name']).orderBy('day').execute();
  const saved = (await readSetting<Partial<Record<FeedbackKind, Partial<DeadlineRule>>>>(q, DEADLINES_KEY)) ?? {};
  const deadlines = Object.fromEntries(Object.entries(DEFAULT_DEADLINES).map(([k, rule]) =>
    [k, { ...rule, ...saved[k as FeedbackKind] }])) as Record<FeedbackKind, DeadlineRule>;
  const retentionDays = (await readSetting<number>(q, RETENTION_KEY)) ?? DEFAULT_RETENTION_DAYS;
  return {
    calendar: new WorkingCalendar({ overrides: days.map((d) => ({ day: d.day, kind: d.kind, name: d.name ?? undefined })) }),
    deadlines,
    retentionDays,
  };
}

export function feedbackConfig(database: Db): Promise<FeedbackConfig> {
  let p = cache.get(database);
  if (!p) {
    p = load(database.db);
    p.catch(() => cache.delete(database));
    cache.set(database, p);
  }
  return p;
}

/** After a change of calendar days or settings (call once the transaction has committed). */
export function dropFeedbackConfig(database: Db): void {
  cache.delete(database);
}
