// The write side of survey responses: many rows per statement, sent as one JSON parameter. The SQL text is the
// same whatever the batch size, so SQLite's statement cache keeps it compiled and PostgreSQL parses three short
// parameters instead of thousands; neither engine nor Kysely builds a VALUES list of a batch's rows
// (bench/README.md, survey-submit).
import { sql } from 'kysely';
import type { Engine } from '../engine.ts';
import type { Tx } from '../tx.ts';
import type { ResponseChannel, ResponseStatus } from '../schema.ts';

export type ResponseRow = [campaignId: number, unitId: number, channel: ResponseChannel, status: ResponseStatus, sheetId: string | null, clientKey: string | null, submittedOn: string];
export type AnswerRow = [responseId: number, questionId: string, value: string];
export type CountRow = [campaignId: number, unitId: number, questionId: string, value: string, n: number];

/**
 * Inserts the responses and returns their ids in the order given. Both engines number the rows of one insert in
 * the order its SELECT yields them (json_each and json_array_elements keep the array's order), but neither
 * promises RETURNING rows in that order: the ids are sorted, not taken as they come.
 */
export async function insertResponseRows(trx: Tx, engine: Engine, rows: ResponseRow[]): Promise<number[]> {
  if (!rows.length) return [];
  const json = JSON.stringify(rows);
  const query = engine === 'sqlite'
    ? sql<{ id: number }>`insert into responses (campaign_id, unit_id, channel, status, sheet_id, client_key, submitted_on)
        select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 from json_each(${json}) returning id`
    : sql<{ id: number }>`insert into responses (campaign_id, unit_id, channel, status, sheet_id, client_key, submitted_on)
        select (e ->> 0)::int, (e ->> 1)::int, e ->> 2, e ->> 3, e ->> 4, e ->> 5, e ->> 6 from json_array_elements(${json}::json) e returning id`;
  return (await query.execute(trx)).rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export async function insertAnswerRows(trx: Tx, engine: Engine, rows: AnswerRow[]): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(rows);
  await (engine === 'sqlite'
    ? sql`insert into answers (response_id, question_id, value) select value ->> 0, value ->> 1, value ->> 2 from json_each(${json})`
    : sql`insert into answers (response_id, question_id, value) select (e ->> 0)::int, e ->> 1, e ->> 2 from json_array_elements(${json}::json) e`
  ).execute(trx);
}

/**
 * Adds to the live roll-up counts. Rows in key order: concurrent writers then lock the rows they share in one
 * order and cannot deadlock. ("where true" lets SQLite tell the upsert's ON from a join's.)
 */
export async function addResultCounts(trx: Tx, engine: Engine, rows: CountRow[]): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(rows);
  await (engine === 'sqlite'
    ? sql`insert into result_counts (campaign_id, unit_id, question_id, value, n)
        select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(${json}) where true
        on conflict (campaign_id, unit_id, question_id, value) do update set n = result_counts.n + excluded.n`
    : sql`insert into result_counts (campaign_id, unit_id, question_id, value, n)
        select (e ->> 0)::int, (e ->> 1)::int, e ->> 2, e ->> 3, (e ->> 4)::int from json_array_elements(${json}::json) e
        on conflict (campaign_id, unit_id, question_id, value) do update set n = result_counts.n + excluded.n`
  ).execute(trx);
}
