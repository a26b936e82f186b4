// The register's figures per unit and year, counted by the database (commands/feedback/register.ts, registerStats):
// a province's year is hundreds of thousands of items at scale, and sending each row to be counted here took 3–4 s
// at a million items on PostgreSQL, 5–6 s on SQLite (bench/README.md, register-list, "27/11, night"). What comes
// back is one row per unit, and per unit one row per number of working days its closed items took to close.
import { sql } from 'kysely';
import type { Db } from '../engine.ts';
import { OPEN_STATES, OWING_STATES } from '../../core/feedback/lifecycle.ts';
import { stateLiterals as list, unitCondition, type UnitSet } from './feedback.ts';

/** States an item is judged in without an answer: on time when acknowledged by its acknowledgement date. */
const WITHOUT_ANSWER = ['refused', 'forwarded', 'transferred'] as const;

export interface UnitYearCounts {
  unitId: number;
  received: number;
  closed: number;
  open: number;
  overdue: number;
  /** Answered, or refused / forwarded / transferred: the items whose timeliness is judged. */
  judged: number;
  onTime: number;
  ratings: number;
  ratingSum: number;
  /** The earliest and latest day among the closed items' receipt and closing days (null without closed items). */
  firstDay: string | null;
  lastDay: string | null;
}

/** Per unit of `units`: the year's items (register_year) counted. PostgreSQL's counts arrive as text. */
export async function unitYearCounts(database: Db, units: UnitSet, year: number, today: string): Promise<UnitYearCounts[]> {
  const rows = await sql<Record<string, string | number | null>>`
    select unit_id,
      count(*) as received,
      count(closed_on) as closed,
      sum(case when state in (${list(OPEN_STATES)}) then 1 else 0 end) as open,
      sum(case when state in (${list(OWING_STATES)}) and due_on < ${today} then 1 else 0 end) as overdue,
      sum(case when answered_on is not null or state in (${list(WITHOUT_ANSWER)}) then 1 else 0 end) as judged,
      sum(case
        when answered_on is not null then case when due_on is null or answered_on <= due_on then 1 else 0 end
        when state in (${list(WITHOUT_ANSWER)}) then case when acked_on is not null and (ack_due_on is null or acked_on <= ack_due_on) then 1 else 0 end
        else 0 end) as on_time,
      count(rating) as ratings,
      coalesce(sum(rating), 0) as rating_sum,
      min(case when closed_on is null then null when received_on < closed_on then received_on else closed_on end) as first_day,
      max(case when closed_on is null then null when received_on > closed_on then received_on else closed_on end) as last_day
    from feedback_items
    where ${unitCondition('unit_id', units)} and register_year = ${year}
    group by unit_id`.execute(database.db);
  return rows.rows.map((r) => ({
    unitId: Number(r.unit_id), received: Number(r.received), closed: Number(r.closed), open: Number(r.open), overdue: Number(r.overdue),
    judged: Number(r.judged), onTime: Number(r.on_time), ratings: Number(r.ratings), ratingSum: Number(r.rating_sum),
    firstDay: (r.first_day as string | null) ?? null, lastDay: (r.last_day as string | null) ?? null,
  }));
}

/**
 * Per unit: how many of the year's closed items took each number of working days from receipt to closing.
 * `ordinals` numbers every day from the closed items' first day to their last (WorkingCalendar.ordinals; see
 * UnitYearCounts): the days an item took are its closing day's number minus its receipt day's.
 */
export async function closingDays(database: Db, units: UnitSet, year: number, ordinals: Record<string, number>): Promise<{ unitId: number; days: number; n: number }[]> {
  const json = JSON.stringify(ordinals);
  const calendar = database.engine === 'sqlite'
    ? sql`select key as d, value as w from json_each(${json})`
    : sql`select key as d, value::int as w from json_each_text(${json}::json)`;
  // Materialized: SQLite then indexes the day numbers once for the join; inlined, it read the JSON again for each item.
  const rows = await sql<{ unit_id: number; days: number | string; n: number | string }>`
    with cal(d, w) as materialized (${calendar})
    select i.unit_id, c.w - r.w as days, count(*) as n
    from feedback_items i join cal r on r.d = i.received_on join cal c on c.d = i.closed_on
    where ${unitCondition('i.unit_id', units)} and i.register_year = ${year} and i.closed_on is not null
    group by i.unit_id, c.w - r.w`.execute(database.db);
  return rows.rows.map((r) => ({ unitId: Number(r.unit_id), days: Number(r.days), n: Number(r.n) }));
}
