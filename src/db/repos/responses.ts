// The write side of survey responses: many rows per statement, sent as one JSON parameter. The SQL text is the
// same whatever the batch size, so SQLite's statement cache keeps it compiled and PostgreSQL parses a few short
// parameters instead of thousands; neither engine nor Kysely builds a VALUES list of a batch's rows
// (bench/README.md, survey-submit).
import { sql } from 'kysely';
import type { Engine } from '../engine.ts';
import { insertJsonRows, type JsonColumn } from './json-rows.ts';
import type { Tx } from '../tx.ts';
import type { ResponseChannel, ResponseStatus } from '../schema.ts';

export type ResponseRow = [campaignId: number, unitId: number, channel: ResponseChannel, status: ResponseStatus, sheetId: string | null, clientKey: string | null, submittedOn: string];
export type AnswerRow = [responseId: number, questionId: string, value: string];
export type CountRow = [campaignId: number, unitId: number, questionId: string, value: string, n: number];
export type TotalRow = [campaignId: number, unitId: number, channel: ResponseChannel, status: ResponseStatus, n: number];

const RESPONSE_COLUMNS = [
  ['campaign_id', 'int'], ['unit_id', 'int'], ['channel', 'text'], ['status', 'text'], ['sheet_id', 'text'], ['client_key', 'text'], ['submitted_on', 'text'],
] as const satisfies readonly JsonColumn[];
const ANSWER_COLUMNS = [['response_id', 'int'], ['question_id', 'text'], ['value', 'text']] as const satisfies readonly JsonColumn[];
const COUNT_COLUMNS = [['campaign_id', 'int'], ['unit_id', 'int'], ['question_id', 'text'], ['value', 'text'], ['n', 'int']] as const satisfies readonly JsonColumn[];
const TOTAL_COLUMNS = [['campaign_id', 'int'], ['unit_id', 'int'], ['channel', 'text'], ['status', 'text'], ['n', 'int']] as const satisfies readonly JsonColumn[];
const COUNTS_UPSERT = 'on conflict (campaign_id, unit_id, question_id, value) do update set n = result_counts.n + excluded.n';
const TOTALS_UPSERT = 'on conflict (campaign_id, unit_id, channel, status) do update set n = result_totals.n + excluded.n';

/**
 * Inserts the responses, skipping any whose client key is already stored for its campaign (ON CONFLICT DO
 * NOTHING), and returns the rows it wrote with their keys. Neither engine promises RETURNING rows in insertion
 * order: the caller matches keyed rows by key and the others by sorting their ids (both engines number the rows of
 * one insert in the order its SELECT yields them, and jsonb_each / json_array_elements keep the array's order).
 */
export async function insertResponseRows(trx: Tx, engine: Engine, rows: ResponseRow[]): Promise<{ id: number; campaign_id: number; client_key: string | null }[]> {
  if (!rows.length) return [];
  return (await insertJsonRows<{ id: number; campaign_id: number; client_key: string | null }>(engine, 'responses', RESPONSE_COLUMNS, rows,
    'on conflict (campaign_id, client_key) do nothing returning id, campaign_id, client_key').execute(trx)).rows;
}

/**
 * Writes the answers of new responses and adds them to the live roll-ups: the counted values and the totals.
 * Rows in key order, so concurrent writers lock the rows they share in one order and cannot deadlock ("where
 * true" lets SQLite tell the upsert's ON from a join's). PostgreSQL takes the three as one statement (data-modifying
 * CTEs): one round trip instead of three; SQLite, in its own thread, takes them one by one.
 */
export async function insertAnswersAndCounts(trx: Tx, engine: Engine, answers: AnswerRow[], counts: CountRow[], totals: TotalRow[]): Promise<void> {
  const answered = insertJsonRows(engine, 'answers', ANSWER_COLUMNS, answers);
  const counted = insertJsonRows(engine, 'result_counts', COUNT_COLUMNS, counts, COUNTS_UPSERT);
  const totalled = insertJsonRows(engine, 'result_totals', TOTAL_COLUMNS, totals, TOTALS_UPSERT);
  if (engine === 'postgres') {
    await sql`with answered as (${answered}), counted as (${counted}) ${totalled}`.execute(trx);
    return;
  }
  if (answers.length) await answered.execute(trx);
  if (counts.length) await counted.execute(trx);
  if (totals.length) await totalled.execute(trx);
}
