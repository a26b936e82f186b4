// The write side of survey responses: many rows per statement, sent as one JSON parameter. The SQL text is the
// same whatever the batch size, so SQLite's statement cache keeps it compiled and PostgreSQL parses a few short
// parameters instead of thousands; neither engine nor Kysely builds a VALUES list of a batch's rows
// (bench/README.md, survey-submit).
import { sql } from 'kysely';
import type { Engine } from '../engine.ts';
import type { Tx } from '../tx.ts';
import type { ResponseChannel, ResponseStatus } from '../schema.ts';

export type ResponseRow = [campaignId: number, unitId: number, channel: ResponseChannel, status: ResponseStatus, sheetId: string | null, clientKey: string | null, submittedOn: string];
export type AnswerRow = [responseId: number, questionId: string, value: string];
export type CountRow = [campaignId: number, unitId: number, questionId: string, value: string, n: number];
export type TotalRow = [campaignId: number, unitId: number, channel: ResponseChannel, status: ResponseStatus, n: number];

/**
 * Inserts the responses, skipping any whose client key is already stored for its campaign (ON CONFLICT DO
 * NOTHING), and returns the rows it wrote with their keys. Neither engine promises RETURNING rows in insertion
 * order: the caller matches keyed rows by key and the others by sorting their ids (both engines number the rows of
 * one insert in the order its SELECT yields them, and json_each / json_array_elements keep the array's order).
 */
export async function insertResponseRows(trx: Tx, engine: Engine, rows: ResponseRow[]): Promise<{ id: number; campaign_id: number; client_key: string | null }[]> {
  if (!rows.length) return [];
  const json = JSON.stringify(rows);
  const query = engine === 'sqlite'
    ? sql<{ id: number; campaign_id: number; client_key: string | null }>`insert into responses (campaign_id, unit_id, channel, status, sheet_id, client_key, submitted_on)
        select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 from json_each(${json}) where true
        on conflict (campaign_id, client_key) do nothing returning id, campaign_id, client_key`
    : sql<{ id: number; campaign_id: number; client_key: string | null }>`insert into responses (campaign_id, unit_id, channel, status, sheet_id, client_key, submitted_on)
        select (e ->> 0)::int, (e ->> 1)::int, e ->> 2, e ->> 3, e ->> 4, e ->> 5, e ->> 6 from json_array_elements(${json}::json) e
        on conflict (campaign_id, client_key) do nothing returning id, campaign_id, client_key`;
  return (await query.execute(trx)).rows;
}

/**
 * Writes the answers of new responses and adds them to the live roll-ups: the counted values and the totals.
 * Rows in key order, so concurrent writers lock the rows they share in one order and cannot deadlock ("where
 * true" lets SQLite tell the upsert's ON from a join's). PostgreSQL takes the three as one statement (data-modifying
 * CTEs): one round trip instead of three.
 */
export async function insertAnswersAndCounts(trx: Tx, engine: Engine, answers: AnswerRow[], counts: CountRow[], totals: TotalRow[]): Promise<void> {
  const [a, c, t] = [answers, counts, totals].map((rows) => JSON.stringify(rows));
  if (engine === 'postgres') {
    await sql`with answered as (
        insert into answers (response_id, question_id, value) select (e ->> 0)::int, e ->> 1, e ->> 2 from json_array_elements(${a}::json) e
      ), counted as (
        insert into result_counts (campaign_id, unit_id, question_id, value, n)
        select (e ->> 0)::int, (e ->> 1)::int, e ->> 2, e ->> 3, (e ->> 4)::int from json_array_elements(${c}::json) e
        on conflict (campaign_id, unit_id, question_id, value) do update set n = result_counts.n + excluded.n
      )
      insert into result_totals (campaign_id, unit_id, channel, status, n)
      select (e ->> 0)::int, (e ->> 1)::int, e ->> 2, e ->> 3, (e ->> 4)::int from json_array_elements(${t}::json) e
      on conflict (campaign_id, unit_id, channel, status) do update set n = result_totals.n + excluded.n`.execute(trx);
    return;
  }
  if (answers.length) await sql`insert into answers (response_id, question_id, value) select value ->> 0, value ->> 1, value ->> 2 from json_each(${a})`.execute(trx);
  if (counts.length) {
    await sql`insert into result_counts (campaign_id, unit_id, question_id, value, n)
      select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(${c}) where true
      on conflict (campaign_id, unit_id, question_id, value) do update set n = result_counts.n + excluded.n`.execute(trx);
  }
  if (totals.length) {
    await sql`insert into result_totals (campaign_id, unit_id, channel, status, n)
      select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(${t}) where true
      on conflict (campaign_id, unit_id, channel, status) do update set n = result_totals.n + excluded.n`.execute(trx);
  }
}
