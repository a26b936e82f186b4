// What deadlines are computed from, as the administrators set it: the deadline rules per kind and the retention
// period (settings), and the working-day calendar (computed holidays, plus days off and make-up days entered by
// hand). Everyone in the console may read them; only a root administrator changes them, since they apply to every
// unit. A change applies to items received (or acted on) from then on; it never moves dates already set.
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { statutoryDaysOff, WorkingCalendar, type DayKind } from '../../core/calendar/index.ts';
import { DEFAULT_DEADLINES, type DeadlineRule } from '../../core/feedback/kinds.ts';
import type { Actor } from '../../core/roles.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import {
  DEADLINES_KEY, DEFAULT_RETENTION_DAYS, RETENTION_KEY, dropFeedbackConfig, feedbackConfig, readSetting,
} from '../../db/repos/feedback-config.ts';
import type { FeedbackKind } from '../../db/schema.ts';
import { inTx, type Tx } from '../../db/tx.ts';
import { t, type Lang } from '../../i18n/index.ts';
import type { CommandContext } from '../context.ts';
import { reminderStatus } from './reminders.ts';

type Ctx = CommandContext & { actor: Actor };

export async function readFeedbackSettings(ctx: Ctx) {
  const cfg = await feedbackConfig(ctx.database);
  return {
    deadlines: cfg.deadlines, retentionDays: cfg.retentionDays,
    defaults: { deadlines: DEFAULT_DEADLINES, retentionDays: DEFAULT_RETENTION_DAYS },
    canEdit: ctx.actor.rootAdmin,
    reminders: await reminderStatus(ctx),
  };
}

export interface SettingsInput {
  /** Whole rules for the kinds given; the other kinds keep theirs. */
  deadlines?: Partial<Record<FeedbackKind, DeadlineRule>>;
  retentionDays?: number;
}

async function putSetting(trx: Tx, key: string, value: unknown, now: string) {
  const v = JSON.stringify(value);
  await trx.insertInto('settings').values({ key, value: v, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: v, updated_at: now })).execute();
}

export async function updateFeedbackSettings(ctx: Ctx, input: SettingsInput) {
  if (!ctx.actor.rootAdmin) throw errors.forbidden();
  await inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (input.deadlines && Object.keys(input.deadlines).length) {
      const saved = (await readSetting<Partial<Record<FeedbackKind, Partial<DeadlineRule>>>>(trx, DEADLINES_KEY)) ?? {};
      const next: Partial<Record<FeedbackKind, DeadlineRule>> = {};
      for (const [kind, rule] of Object.entries(input.deadlines) as [FeedbackKind, DeadlineRule][]) {
        const old = { ...DEFAULT_DEADLINES[kind], ...saved[kind] };
        if (old.ack === rule.ack && old.forward === rule.forward && old.resolve === rule.resolve) continue;
        next[kind] = { ack: rule.ack, forward: rule.forward, resolve: rule.resolve };
        before[`deadlines.${kind}`] = old;
        after[`deadlines.${kind}`] = next[kind];
      }
      if (Object.keys(next).length) await putSetting(trx, DEADLINES_KEY, { ...saved, ...next }, now);
    }
    if (input.retentionDays !== undefined) {
      const old = (await readSetting<number>(trx, RETENTION_KEY)) ?? DEFAULT_RETENTION_DAYS;
      if (old !== input.retentionDays) {
        await putSetting(trx, RETENTION_KEY, input.retentionDays, now);
        before.retentionDays = old;
        after.retentionDays = input.retentionDays;
      }
    }
    if (Object.keys(after).length) {
      await appendAudit(trx, engine, ctx.audit, { action: 'feedback.settings', entityType: 'settings', entityId: null, unitId: null, before, after });
    }
  });
  dropFeedbackConfig(ctx.database);
  return readFeedbackSettings(ctx);
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const weekdayOf = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;

/**
 * A year of the calendar: the statutory holidays and days in lieu (with their names in the request's language and
 * whether an override changes them), the administrators' overrides, and each month's working days.
 */
export async function calendarYear(ctx: Ctx, year: number, lang: Lang) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const rows = await ctx.database.db.selectFrom('calendar_days').select(['day', 'kind', 'name', 'created_at'])
    .where('day', '>=', from).where('day', '<=', to).orderBy('day').execute();
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const calendar = new WorkingCalendar({ overrides: rows.map((r) => ({ day: r.day, kind: r.kind })) });
  const holidays = statutoryDaysOff(year).map((h) => {
    const o = byDay.get(h.date);
    return {
      date: h.date, weekday: weekdayOf(h.date), name: lang === 'vi' ? h.name_vi : t(lang, h.nameKey), nameVi: h.name_vi,
      nameKey: h.nameKey, inLieu: h.nameKey === 'holiday.in_lieu',
      override: o ? { kind: o.kind, name: o.name } : null, working: calendar.isWorkingDay(h.date),
    };
  });
  const months = [];
  let total = 0;
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
    let working = 0;
    for (let d = 1; d <= days; d++) if (calendar.isWorkingDay(`${year}-${mm}-${String(d).padStart(2, '0')}`)) working++;
    total += working;
    months.push({ month: m, days, workingDays: working });
  }
  return {
    year, today: todayVN(), holidays,
    overrides: rows.map((r) => ({ day: r.day, weekday: weekdayOf(r.day), kind: r.kind, name: r.name, createdAt: r.created_at })),
    months, workingDays: total, canEdit: ctx.actor.rootAdmin,
  };
}

export async function setCalendarDay(ctx: Ctx, day: string, input: { kind: DayKind; name?: string | null }) {
  if (!ctx.actor.rootAdmin) throw errors.forbidden();
  const name = input.name?.normalize('NFC').replace(/\s+/g, ' ').trim() || null;
  const result = await inTx(ctx.database, async (trx, engine) => {
    const old = await trx.selectFrom('calendar_days').select(['kind', 'name']).where('day', '=', day).executeTakeFirst();
    if (old?.kind === input.kind && old.name === name) return { changed: false, created: false };
    const now = nowIso();
    if (old) await trx.updateTable('calendar_days').set({ kind: input.kind, name }).where('day', '=', day).execute();
    else await trx.insertInto('calendar_days').values({ day, kind: input.kind, name, created_at: now }).execute();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'calendar.day_set', entityType: 'calendar_day', entityId: day, unitId: null,
      before: old ? { kind: old.kind, name: old.name } : undefined, after: { kind: input.kind, name },
    });
    return { changed: true, created: !old };
  });
  if (result.changed) dropFeedbackConfig(ctx.database);
  return { day, kind: input.kind, name, created: result.created };
}

export async function deleteCalendarDay(ctx: Ctx, day: string) {
  if (!ctx.actor.rootAdmin) throw errors.forbidden();
  await inTx(ctx.database, async (trx, engine) => {
    const old = await trx.selectFrom('calendar_days').select(['kind', 'name']).where('day', '=', day).executeTakeFirst();
    if (!old) throw errors.notFound();
    await trx.deleteFrom('calendar_days').where('day', '=', day).execute();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'calendar.day_delete', entityType: 'calendar_day', entityId: day, unitId: null, before: { kind: old.kind, name: old.name },
    });
  });
  dropFeedbackConfig(ctx.database);
  return { ok: true };
}
