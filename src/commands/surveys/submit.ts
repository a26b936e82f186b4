// Recording one response: validated against its questionnaire version, written with its answers and the
// roll-up counts in one transaction. A retry with the same client key returns the first response.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { AppError, errors } from '../../core/errors.ts';
import { todayVN } from '../../core/dates.ts';
import { acceptance } from '../../core/surveys/campaign.ts';
import { checkAnswers, type Answers, type RawAnswers } from '../../core/surveys/answers.ts';
import { questionsOf, type Questionnaire } from '../../core/surveys/questionnaire.ts';
import type { ResponseChannel, ResponseStatus } from '../../db/schema.ts';
import type { Q, Tx } from '../../db/tx.ts';
import { prepared } from '../../db/prepared.ts';
import type { Db } from '../../db/engine.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import { findBySlug, type FormEntry } from '../../db/repos/surveys.ts';
import type { AppServices } from '../context.ts';

// Published versions never change, so their parsed definitions are kept.
const definitions = new Map<number, Questionnaire>();
export function definitionOf(versionId: number, json: string): Questionnaire {
  let d = definitions.get(versionId);
  if (!d) {
    d = JSON.parse(json) as Questionnaire;
    definitions.set(versionId, d);
  }
  return d;
}

/** The values that are counted in the roll-up: choices and scale levels (not text or numbers). */
function countedValues(form: Questionnaire, answers: Answers): [string, string][] {
  const out: [string, string][] = [];
  for (const q of questionsOf(form)) {
    const a = answers[q.id];
    if (a === undefined || !(q.type === 'single' || q.type === 'multiple' || q.type === 'rating')) continue;
    for (const v of Array.isArray(a) ? a : [String(a)]) out.push([q.id, v]);
  }
  return out;
}

export interface StoredResponse {
  campaignId: number;
  unitId: number;
  channel: ResponseChannel;
  status: ResponseStatus;
  sheetId: string | null;
  clientKey: string | null;
  answers: Answers;
  form: Questionnaire;
  /** For token campaigns: the hash of the card's token, redeemed in the same transaction. */
  tokenHash?: string;
}

export type StoreResult = { id: number; duplicate: boolean } | { tokenUsed: true };

// The one statement run per response (everything else is per batch): compiled once.
const insertResponse = prepared((q: Q, campaignId: number, unitId: number, channel: ResponseChannel, status: ResponseStatus, sheetId: string | null, clientKey: string | null, on: string) =>
  q.insertInto('responses').values({ campaign_id: campaignId, unit_id: unitId, channel, status, sheet_id: sheetId, client_key: clientKey, submitted_on: on }).returning('id'));

/**
 * Writes responses, their answers and the roll-ups inside trx, as few statements as a batch allows: one insert per
 * response, one for all answers, one upsert per distinct counted value. A client key seen before (in the database
 * or earlier in the batch) returns the earlier response instead of a new one.
 */
export async function storeResponses(trx: Tx, items: StoredResponse[]): Promise<StoreResult[]> {
  const keyed = items.filter((r) => r.clientKey);
  const known = new Map<string, number>();
  if (keyed.length) {
    const rows = await trx.selectFrom('responses').select(['id', 'campaign_id', 'client_key'])
      .where('campaign_id', 'in', [...new Set(keyed.map((r) => r.campaignId))])
      .where('client_key', 'in', keyed.map((r) => r.clientKey!)).execute();
    for (const row of rows) known.set(`${row.campaign_id}|${row.client_key}`, row.id);
  }
  const today = todayVN();
  const out: StoreResult[] = [];
  const answerRows: { response_id: number; question_id: string; value: string }[] = [];
  const counts = new Map<string, { campaign_id: number; unit_id: number; question_id: string; value: string; n: number }>();
  const totals = new Map<string, { campaign_id: number; unit_id: number; channel: ResponseChannel; status: ResponseStatus; n: number }>();
  for (const r of items) {
    const dedupeKey = r.clientKey ? `${r.campaignId}|${r.clientKey}` : null;
    const earlier = dedupeKey ? known.get(dedupeKey) : undefined;
    if (earlier !== undefined) {
      out.push({ id: earlier, duplicate: true });
      continue;
    }
    if (r.tokenHash) {
      // Atomic: of two submissions with one card, exactly one updates the row.
      const used = await trx.updateTable('survey_tokens').set({ used_on: today })
        .where('token_hash', '=', r.tokenHash).where('campaign_id', '=', r.campaignId).where('used_on', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) {
        out.push({ tokenUsed: true });
        continue;
      }
    }
    const [{ id }] = (await insertResponse(trx, r.campaignId, r.unitId, r.channel, r.status, r.sheetId, r.clientKey, today)) as [{ id: number }];
    if (dedupeKey) known.set(dedupeKey, id);
    out.push({ id, duplicate: false });
    for (const [question_id, v] of Object.entries(r.answers)) {
      for (const value of Array.isArray(v) ? v : [String(v)]) answerRows.push({ response_id: id, question_id, value });
    }
    if (r.status === 'valid') {
      for (const [question_id, value] of countedValues(r.form, r.answers)) {
        const k = `${r.campaignId}|${r.unitId}|${question_id}|${value}`;
        const c = counts.get(k) ?? { campaign_id: r.campaignId, unit_id: r.unitId, question_id, value, n: 0 };
        c.n++;
        counts.set(k, c);
      }
    }
    const tk = `${r.campaignId}|${r.unitId}|${r.channel}|${r.status}`;
    const t = totals.get(tk) ?? { campaign_id: r.campaignId, unit_id: r.unitId, channel: r.channel, status: r.status, n: 0 };
    t.n++;
    totals.set(tk, t);
  }
  for (let i = 0; i < answerRows.length; i += 1000) await trx.insertInto('answers').values(answerRows.slice(i, i + 1000)).execute();
  const countRows = [...counts.values()];
  for (let i = 0; i < countRows.length; i += 500) {
    await trx.insertInto('result_counts').values(countRows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'question_id', 'value']).doUpdateSet({ n: sql`result_counts.n + excluded.n` }))
      .execute();
  }
  bumpResults(new Set(items.map((r) => r.campaignId)));
  if (totals.size) {
    await trx.insertInto('result_totals').values([...totals.values()])
      .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'channel', 'status']).doUpdateSet({ n: sql`result_totals.n + excluded.n` }))
      .execute();
  }
  return out;
}

// Bumped whenever responses of a campaign are written in this process: cached results of it are then stale.
const versions = new Map<number, number>();
export function resultsVersion(campaignId: number): number {
  return versions.get(campaignId) ?? 0;
}
function bumpResults(campaignIds: Iterable<number>) {
  for (const id of campaignIds) versions.set(id, (versions.get(id) ?? 0) + 1);
}

/** One response without a token: see storeResponses. */
export async function storeResponse(trx: Tx, r: Omit<StoredResponse, 'tokenHash'>): Promise<{ id: number; duplicate: boolean }> {
  return (await storeResponses(trx, [r]))[0] as { id: number; duplicate: boolean };
}

/** sha256 of a card's token: the database keeps only this. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token.trim().toUpperCase()).digest('hex');
}

/** The public form's submission: no actor, no identity, no IP stored. */
export async function submitOnline(services: AppServices, input: { slug: string; raw: RawAnswers; clientKey: string | null; token?: string | null; entry?: FormEntry }) {
  // The route has usually looked the form up already; looking it up again would double the reads.
  const entry = input.entry ?? (await findBySlug(services.database.db, input.slug));
  if (!entry) throw errors.notFound();
  const state = acceptance(entry.state, entry.opens_on, entry.closes_on, todayVN());
  if (state !== 'accepting') throw new AppError('survey_closed', { params: { state } });
  if (entry.mode === 'token' && !input.token) throw new AppError('token_required');
  const form = definitionOf(entry.version_id, entry.definition);
  const { answers, issues } = checkAnswers(form, input.raw);
  if (Object.keys(issues).length) throw errors.validation(issues);
  const r = await committerFor(services.database).submit({
    campaignId: entry.campaign_id, unitId: entry.unit_id, channel: 'web', status: 'valid', sheetId: null, clientKey: input.clientKey, answers, form,
    ...(entry.mode === 'token' ? { tokenHash: tokenHash(input.token!) } : {}),
  });
  if ('tokenUsed' in r) throw new AppError('token_used');
  return r;
}

// One group committer per database: online submissions that arrive together are written together.
const committers = new WeakMap<Db, GroupCommit<StoredResponse, StoreResult>>();
function committerFor(database: Db) {
  let c = committers.get(database);
  if (!c) {
    c = new GroupCommit(database, (trx, _engine, items) => storeResponses(trx, items));
    committers.set(database, c);
  }
  return c;
}
