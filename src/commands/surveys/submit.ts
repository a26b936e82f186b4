// Recording one response: validated against its questionnaire version, written with its answers and the
// roll-up counts in one transaction. A retry with the same client key returns the first response.
import { createHash } from 'node:crypto';
import { AppError, errors } from '../../core/errors.ts';
import { todayVN } from '../../core/dates.ts';
import { acceptance } from '../../core/surveys/campaign.ts';
import { checkAnswers, type Answers, type RawAnswers } from '../../core/surveys/answers.ts';
import { questionsOf, type Questionnaire } from '../../core/surveys/questionnaire.ts';
import type { ResponseChannel, ResponseStatus } from '../../db/schema.ts';
import type { Tx } from '../../db/tx.ts';
import type { Engine } from '../../db/engine.ts';
import { insertAnswersAndCounts, insertResponseRows, type AnswerRow, type CountRow, type TotalRow } from '../../db/repos/responses.ts';
import type { WriteJob } from '../../db/writer.ts';
import { groupCommitFor } from '../group-commits.ts';
import type { FormEntry } from '../../db/repos/surveys.ts';
import { formEntry } from './form-entries.ts';
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

// One array per questionnaire object: the responses of a batch share it, so it crosses to the writer thread once
// per batch (structured clone keeps shared references), not once per response.
const counted = new WeakMap<Questionnaire, readonly string[]>();

/** The questions whose answers are counted in the roll-up: choices and scale levels (not text or numbers). */
export function countedQuestions(form: Questionnaire): readonly string[] {
  let ids = counted.get(form);
  if (!ids) {
    ids = questionsOf(form).filter((q) => q.type === 'single' || q.type === 'multiple' || q.type === 'rating').map((q) => q.id);
    counted.set(form, ids);
  }
  return ids;
}

/** The (question, value) pairs an answer set adds to the roll-up: one per choice or level given. */
export function countedValues(questionIds: readonly string[], answers: Answers): [string, string][] {
  const out: [string, string][] = [];
  for (const id of questionIds) {
    const a = answers[id];
    if (a === undefined) continue;
    for (const v of Array.isArray(a) ? a : [String(a)]) out.push([id, v]);
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
  /** The questions counted in the roll-up (countedQuestions of the questionnaire); only valid responses are counted. */
  counted: readonly string[];
  /** For token campaigns: the hash of the card's token, redeemed in the same transaction. */
  tokenHash?: string;
}

export type StoreResult = { id: number; duplicate: boolean } | { tokenUsed: true };

/** Ids of responses already stored under these items' client keys, keyed `campaign|key`. */
async function storedKeys(trx: Tx, items: readonly StoredResponse[]): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  if (!items.length) return known;
  const rows = await trx.selectFrom('responses').select(['id', 'campaign_id', 'client_key'])
    .where('campaign_id', 'in', [...new Set(items.map((r) => r.campaignId))])
    .where('client_key', 'in', items.map((r) => r.clientKey!)).execute();
  for (const row of rows) known.set(`${row.campaign_id}|${row.client_key}`, row.id);
  return known;
}

const keyOf = (r: { campaignId: number; clientKey: string | null }) => (r.clientKey ? `${r.campaignId}|${r.clientKey}` : null);

/**
 * Writes responses, their answers and the roll-ups inside trx in a handful of statements whatever the batch size
 * (db/repos/responses.ts): one for the responses, then the answers, the counted values and the totals (one
 * statement on PostgreSQL, which pays a round trip per statement). A client key seen before (in the database or
 * earlier in the batch) returns the earlier response instead of a new one. The insert itself skips a stored key,
 * so the usual batch, all new, is not looked up first; only a card's submission is, because its token must not be
 * redeemed again by a retry.
 */
export async function storeResponses(trx: Tx, engine: Engine, items: StoredResponse[]): Promise<StoreResult[]> {
  const known = await storedKeys(trx, items.filter((r) => r.clientKey && r.tokenHash));
  const today = todayVN();
  // Which items are new rows; a repeated key later in the batch points at the first item that carries it.
  const fresh: StoredResponse[] = [];
  const plan: ({ earlier: number } | { fresh: number } | { sameAs: number } | { tokenUsed: true })[] = [];
  const firstInBatch = new Map<string, number>();
  for (const r of items) {
    const dedupeKey = keyOf(r);
    const earlier = dedupeKey ? known.get(dedupeKey) : undefined;
    if (earlier !== undefined) {
      plan.push({ earlier });
      continue;
    }
    const sibling = dedupeKey ? firstInBatch.get(dedupeKey) : undefined;
    if (sibling !== undefined) {
      plan.push({ sameAs: sibling });
      continue;
    }
    if (r.tokenHash) {
      // Atomic: of two submissions with one card, exactly one updates the row.
      const used = await trx.updateTable('survey_tokens').set({ used_on: today })
        .where('token_hash', '=', r.tokenHash).where('campaign_id', '=', r.campaignId).where('used_on', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) {
        plan.push({ tokenUsed: true });
        continue;
      }
    }
    if (dedupeKey) firstInBatch.set(dedupeKey, fresh.length);
    plan.push({ fresh: fresh.length });
    fresh.push(r);
  }
  const inserted = await insertResponseRows(trx, engine, fresh.map((r) => [r.campaignId, r.unitId, r.channel, r.status, r.sheetId, r.clientKey, today]));
  // Keyed rows by their key; the others by their ids in order. A key the insert skipped was stored before.
  const byKey = new Map<string, number>();
  const unkeyed: number[] = [];
  for (const row of inserted) {
    if (row.client_key === null) unkeyed.push(Number(row.id));
    else byKey.set(`${row.campaign_id}|${row.client_key}`, Number(row.id));
  }
  unkeyed.sort((a, b) => a - b);
  const before = await storedKeys(trx, fresh.filter((r) => r.clientKey && !byKey.has(keyOf(r)!)));
  let nextUnkeyed = 0;
  const written = fresh.map((r) => {
    const k = keyOf(r);
    if (!k) return { id: unkeyed[nextUnkeyed++]!, isNew: true };
    const id = byKey.get(k);
    return id !== undefined ? { id, isNew: true } : { id: before.get(k)!, isNew: false };
  });
  const out: StoreResult[] = plan.map((p) => {
    if ('tokenUsed' in p) return p;
    if ('earlier' in p) return { id: p.earlier, duplicate: true };
    if ('sameAs' in p) return { id: written[p.sameAs]!.id, duplicate: true };
    return { id: written[p.fresh]!.id, duplicate: !written[p.fresh]!.isNew };
  });
  const answerRows: AnswerRow[] = [];
  const counts = new Map<string, CountRow>();
  const totals = new Map<string, TotalRow>();
  fresh.forEach((r, i) => {
    const { id, isNew } = written[i]!;
    if (!isNew) return;
    for (const [question_id, v] of Object.entries(r.answers)) {
      for (const value of Array.isArray(v) ? v : [String(v)]) answerRows.push([id, question_id, value]);
    }
    if (r.status === 'valid') {
      for (const [question_id, value] of countedValues(r.counted, r.answers)) {
        const k = `${r.campaignId}|${r.unitId}|${question_id}|${value}`;
        const c = counts.get(k);
        if (c) c[4]++;
        else counts.set(k, [r.campaignId, r.unitId, question_id, value, 1]);
      }
    }
    const tk = `${r.campaignId}|${r.unitId}|${r.channel}|${r.status}`;
    const t = totals.get(tk);
    if (t) t[4]++;
    else totals.set(tk, [r.campaignId, r.unitId, r.channel, r.status, 1]);
  });
  const sorted = <T>(m: Map<string, T>) => [...m.keys()].sort().map((k) => m.get(k)!);
  if (answerRows.length || counts.size || totals.size) await insertAnswersAndCounts(trx, engine, answerRows, sorted(counts), sorted(totals));
  return out;
}

// Bumped whenever responses of a campaign are written by this process: cached results of it are then stale.
const versions = new Map<number, number>();
export function resultsVersion(campaignId: number): number {
  return versions.get(campaignId) ?? 0;
}
export function bumpResults(campaignIds: Iterable<number>) {
  for (const id of campaignIds) versions.set(id, (versions.get(id) ?? 0) + 1);
}

/** One response without a token, from its questionnaire: see storeResponses. Bumps the campaign's results. */
export async function storeResponse(trx: Tx, engine: Engine, r: Omit<StoredResponse, 'tokenHash' | 'counted'> & { form: Questionnaire }): Promise<{ id: number; duplicate: boolean }> {
  const { form, ...rest } = r;
  const [stored] = await storeResponses(trx, engine, [{ ...rest, counted: countedQuestions(form) }]);
  bumpResults([r.campaignId]);
  return stored as { id: number; duplicate: boolean };
}

/** sha256 of a card's token: the database keeps only this. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token.trim().toUpperCase()).digest('hex');
}

/** The public form's submission: no actor, no identity, no IP stored. */
export async function submitOnline(services: AppServices, input: { slug: string; raw: RawAnswers; clientKey: string | null; token?: string | null; entry?: FormEntry }) {
  // The route has usually looked the form up already; looking it up again would double the reads.
  const entry = input.entry ?? (await formEntry(services.database, input.slug));
  if (!entry) throw errors.notFound();
  const state = acceptance(entry.state, entry.opens_on, entry.closes_on, todayVN());
  if (state !== 'accepting') throw new AppError('survey_closed', { params: { state } });
  if (entry.mode === 'token' && !input.token) throw new AppError('token_required');
  const form = definitionOf(entry.version_id, entry.definition);
  const { answers, issues } = checkAnswers(form, input.raw);
  if (Object.keys(issues).length) throw errors.validation(issues);
  const r = await groupCommitFor(services.database, SURVEY_WRITE).submit({
    campaignId: entry.campaign_id, unitId: entry.unit_id, channel: 'web', status: 'valid', sheetId: null, clientKey: input.clientKey, answers,
    counted: countedQuestions(form), ...(entry.mode === 'token' ? { tokenHash: tokenHash(input.token!) } : {}),
  });
  if ('tokenUsed' in r) throw new AppError('token_used');
  if (!r.duplicate) bumpResults([entry.campaign_id]);
  return r;
}

/** The online submissions' batch write, run by the group committer (in the SQLite writer thread). */
export const SURVEY_WRITE: WriteJob<StoredResponse, StoreResult> = { name: 'surveys.store', write: storeResponses };

