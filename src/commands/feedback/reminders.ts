// Deadline reminders: once a working day, each officer is told which of the items assigned to them are overdue or
// due within REMIND_WITHIN working days, and each unit's leaders which of their unit's such items wait for them: an
// answer drafted and not yet approved, nobody assigned yet (still to be accepted, refused or forwarded), or assigned to
// someone whose account is disabled (who has left: the item must not go unseen). The console shows the same items (the register's "due soon"
// and "overdue" filters); the reminder reaches those who are not looking.
//
// - One message per person: by email when their account has one (the list), else by the SMS/Zalo gateway to their
//   phone (the counts and a link: a text message is short); someone with neither is counted as unreachable. Queued
//   in the notification outbox like citizens' notices.
// - Minimal: register number, unit, kind, due date and a link to the item in the console, never the content or the
//   citizen (the email leaves the system; the item is one click away for who may see it).
// - Once a day: the day is recorded in `settings` in the same transaction as the messages, under a row lock, so a
//   second run (another process, the next hour's check, the command by hand) queues nothing. Non-working days
//   (weekends, holidays, an admin's days off) have none.
// - One audit event per run with the counts.
import { sql } from 'kysely';
import { personSortKey } from '../../core/collate.ts';
import { formatDate, hourVN, nowIso, todayVN } from '../../core/dates.ts';
import { OWING_STATES } from '../../core/feedback/lifecycle.ts';
import { userPolicy } from '../../core/policy/users.ts';
import type { FeedbackKind, FeedbackState } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { stateLiterals } from '../../db/repos/feedback.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import { inTx } from '../../db/tx.ts';
import { t } from '../../i18n/index.ts';
import { enqueueNotifications, type NewNotification } from '../../notify/outbox.ts';
import type { ActorContext, CommandContext } from '../context.ts';

/** Items due within this many working days (and overdue ones) are reminded of. */
export const REMIND_WITHIN = 2;
/** Reminders go out from this hour of a working day (Viet Nam time), when the day's work starts. */
export const REMIND_FROM_HOUR = 7;
/** Items listed in one message; the rest are counted. */
export const REMINDER_MAX_LINES = 30;
const LAST_DAY_KEY = 'feedback.reminders_last_day';
/** The audit events of the runs: one each, with the counts. */
const AUDIT_ENTITY = 'feedback_reminders';

export interface ReminderLine {
  id: number;
  registerNo: number;
  registerYear: number;
  unitName: string;
  kind: FeedbackKind;
  dueOn: string;
  /** Working days from today to the due day: negative when overdue. */
  workingDaysLeft: number;
}

export interface ReminderSummary {
  day: string;
  /** Why nothing was queued: already run today, or not a working day. */
  skipped?: 'already_run' | 'not_working_day';
  items: number;
  messages: number;
  /** People with items to be reminded of and no email or phone on their account. */
  unreachable: number;
}

/** Someone the last run could not reach, as the settings screen lists them (only those the reader may see). */
export interface UnreachablePerson {
  id: number;
  fullName: string;
  username: string;
  unitName: string;
}

/**
 * The message to one person: Vietnamese, like every notice; the overdue first, then by due day. `text` is the short
 * form for a phone (SMS, Zalo): the counts and a link to the open items in the console.
 */
export function reminderMessage(
  fullName: string, lines: readonly ReminderLine[], link: (id: number) => string | null, listLink: string | null = null,
): { subject: string; body: string; text: string } {
  const sorted = [...lines].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id - b.id);
  const overdue = sorted.filter((l) => l.workingDaysLeft < 0).length;
  const subject = `Lắng Nghe — ${sorted.length} ý kiến ${overdue ? `(${overdue} quá hạn) ` : ''}cần giải quyết`;
  const shown = sorted.slice(0, REMINDER_MAX_LINES).map((l) => {
    const when = l.workingDaysLeft < 0 ? `QUÁ HẠN ${-l.workingDaysLeft} ngày làm việc` : l.workingDaysLeft === 0 ? 'hết hạn hôm nay' : `còn ${l.workingDaysLeft} ngày làm việc`;
    const url = link(l.id);
    return `- Số ${l.registerNo}/${l.registerYear} · ${l.unitName} · ${t('vi', `ui.feedback.kind.${l.kind}`)} · hạn ${formatDate(l.dueOn)} (${when})${url ? `\n  ${url}` : ''}`;
  });
  const more = sorted.length > REMINDER_MAX_LINES ? `\n… và ${sorted.length - REMINDER_MAX_LINES} ý kiến khác (Sổ tiếp nhận ý kiến, lọc "Quá hạn" hoặc "Sắp đến hạn").` : '';
  const body = `Kính gửi đồng chí ${fullName},\n\nCác ý kiến sau đã quá hạn hoặc sắp đến hạn giải quyết:\n${shown.join('\n')}${more}\n\n` +
    'Thư nhắc tự động của Lắng Nghe, gửi mỗi ngày làm việc.';
  const text = `Lắng Nghe: ${sorted.length} ý kiến cần giải quyết${overdue ? `, ${overdue} quá hạn` : ''}.${listLink ? ` Xem: ${listLink}` : ' Xem Sổ tiếp nhận ý kiến.'}`;
  return { subject, body, text };
}

interface DueRow {
  id: number;
  unit_id: number;
  register_no: number;
  register_year: number;
  kind: FeedbackKind;
  state: FeedbackState;
  due_on: string;
  assignee_id: number | null;
}

interface Person {
  id: number;
  full_name: string;
  email: string | null;
  phone: string | null;
}

/**
 * Queues today's reminders (or those of `day`, for a run by hand); see the top of this file. `publicUrl` (the
 * address staff open the console at) makes each line a link.
 */
export async function queueDeadlineReminders(ctx: CommandContext, opts: { day?: string; publicUrl?: string | null } = {}): Promise<ReminderSummary> {
  const day = opts.day ?? todayVN();
  const { calendar } = await feedbackConfig(ctx.database);
  if (!calendar.isWorkingDay(day)) return { day, skipped: 'not_working_day', items: 0, messages: 0, unreachable: 0 };
  const until = calendar.addWorkingDays(day, REMIND_WITHIN);
  const graph = await ctx.access.unitGraph();
  const base = opts.publicUrl?.replace(/\/+$/, '');
  const link = (id: number) => (base ? `${base}/console/feedback/${id}` : null);

  return inTx(ctx.database, async (trx, engine) => {
    // Claim the day first: the row lock (and SQLite's write lock) makes a concurrent run wait here and then see it.
    await trx.insertInto('settings').values({ key: LAST_DAY_KEY, value: JSON.stringify(''), updated_at: nowIso() })
      .onConflict((oc) => oc.column('key').doNothing()).execute();
    const claimed = await trx.updateTable('settings').set({ value: JSON.stringify(day), updated_at: nowIso() })
      .where('key', '=', LAST_DAY_KEY).where('value', '<', JSON.stringify(day)).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return { day, skipped: 'already_run' as const, items: 0, messages: 0, unreachable: 0 };

    // The owing items due by `until` (the owing items' partial index, read in due order).
    const rows: DueRow[] = await trx.selectFrom('feedback_items as i')
      .select(['i.id', 'i.unit_id', 'i.register_no', 'i.register_year', 'i.kind', 'i.state', 'i.due_on', 'i.assignee_id'])
      .where(sql<boolean>`i.state in (${stateLiterals(OWING_STATES)})`).where('i.due_on', '<=', until)
      .$narrowType<{ due_on: string }>().orderBy('i.due_on').orderBy('i.id').execute();

    // Who is told of each: its assignee while their account is active, but a drafted answer waits for a leader's
    // approval whoever drafted it; anything else goes to its unit's leaders.
    const assigneeIds = [...new Set(rows.flatMap((r) => (r.assignee_id === null ? [] : [r.assignee_id])))];
    const active = new Set(assigneeIds.length
      ? (await trx.selectFrom('users').select('id').where('id', 'in', assigneeIds).where('disabled', '=', 0).execute()).map((u) => u.id)
      : []);
    const forLeaders = (r: DueRow) => r.state === 'answer_drafted' || r.assignee_id === null || !active.has(r.assignee_id);
    const byPerson = new Map<number, DueRow[]>();
    const add = (userId: number, r: DueRow) => {
      const list = byPerson.get(userId);
      if (list) list.push(r);
      else byPerson.set(userId, [r]);
    };
    // The active leaders of each unit that has such items.
    const leaders = new Map<number, Set<number>>();
    const unitIds = [...new Set(rows.filter(forLeaders).map((r) => r.unit_id))];
    if (unitIds.length) {
      const grants = await trx.selectFrom('grants as g').innerJoin('users as u', 'u.id', 'g.user_id').select(['g.unit_id', 'g.user_id'])
        .where('g.role', '=', 'leader').where('u.disabled', '=', 0).where('g.unit_id', 'in', unitIds).execute();
      for (const g of grants) leaders.set(g.unit_id, (leaders.get(g.unit_id) ?? new Set()).add(g.user_id));
    }
    for (const r of rows) {
      if (forLeaders(r)) for (const l of leaders.get(r.unit_id) ?? []) add(l, r);
      else add(r.assignee_id!, r);
    }

    // Everyone in byPerson is active (an assignee in `active`, a leader by the grants' join).
    const people: Person[] = byPerson.size
      ? await trx.selectFrom('users').select(['id', 'full_name', 'email', 'phone']).where('id', 'in', [...byPerson.keys()]).orderBy('id').execute()
      : [];
    const unitName = (id: number) => graph.nameOn(id, day) ?? '';
    const notices: NewNotification[] = [];
    const unreachableIds: number[] = [];
    for (const p of people) {
      const lines = byPerson.get(p.id)!.map((r): ReminderLine => ({
        id: r.id, registerNo: r.register_no, registerYear: r.register_year, unitName: unitName(r.unit_id), kind: r.kind, dueOn: r.due_on,
        workingDaysLeft: calendar.workingDaysBetween(day, r.due_on),
      }));
      const { subject, body, text } = reminderMessage(p.full_name, lines, link, base ? `${base}/console/feedback?open=1` : null);
      if (p.email) notices.push({ itemId: null, adapter: 'email', recipient: p.email, subject, body });
      else if (p.phone) notices.push({ itemId: null, adapter: 'webhook', recipient: p.phone, subject, body: text });
      else unreachableIds.push(p.id);
    }
    if (notices.length) await enqueueNotifications(trx, engine, notices);
    const summary: ReminderSummary = {
      day, items: new Set([...byPerson.values()].flat().map((r) => r.id)).size, messages: notices.length, unreachable: unreachableIds.length,
    };
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.reminders', entityType: AUDIT_ENTITY, entityId: null, unitId: null,
      // The unreachable by account id only (no names in the event): the settings screen resolves them for its reader.
      after: { day, until, items: summary.items, messages: summary.messages, unreachable: unreachableIds.length, unreachableIds },
    });
    return summary;
  });
}

/**
 * What the settings screen shows: when reminders go out, the last run's counts (its audit event, found through
 * the audit events' entity index: by its action it would be a scan of every event, one per intake), and whom it could
 * not reach: the accounts without email or phone that the reader may see (the users screen's scope), so that an
 * administrator can add a contact.
 */
export async function reminderStatus(ctx: ActorContext): Promise<{
  fromHour: number; withinDays: number; last: Omit<ReminderSummary, 'skipped'> | null; unreachablePeople: UnreachablePerson[];
}> {
  const row = await ctx.database.db.selectFrom('audit_events').select('after_json').where('entity_type', '=', AUDIT_ENTITY).where('entity_id', 'is', null)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
  const a = row?.after_json ? (JSON.parse(row.after_json) as Omit<ReminderSummary, 'skipped'> & { unreachableIds?: number[] }) : null;
  const ids = a?.unreachableIds ?? [];
  const rows = ids.length
    ? await ctx.database.db.selectFrom('users').select(['id', 'full_name', 'username', 'unit_id']).where('id', 'in', ids).execute()
    : [];
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const unreachablePeople = rows.filter((u) => userPolicy.can(ctx.actor, 'read', u.unit_id))
    .map((u) => ({ id: u.id, fullName: u.full_name, username: u.username, unitName: graph.nameOn(u.unit_id, today) ?? '' }))
    .sort((x, y) => personSortKey(x.fullName).localeCompare(personSortKey(y.fullName)));
  return {
    fromHour: REMIND_FROM_HOUR, withinDays: REMIND_WITHIN,
    last: a ? { day: a.day, items: a.items, messages: a.messages, unreachable: a.unreachable } : null,
    unreachablePeople,
  };
}

/** The server's hourly check: today's reminders once the working day has begun (a no-op once they are queued). */
export async function remindIfDue(ctx: CommandContext, publicUrl: string | null, now: Date = new Date()): Promise<ReminderSummary | null> {
  if (hourVN(now) < REMIND_FROM_HOUR) return null;
  return queueDeadlineReminders(ctx, { day: todayVN(now), publicUrl });
}
