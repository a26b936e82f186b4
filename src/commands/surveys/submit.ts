// Recording one response: validated against its questionnaire version, written with its answers and the
// roll-up counts in one transaction. A retry with the same client key returns the first response.
import { sql } from 'kysely';
import { AppError, errors } from '../../core/errors.ts';
import { todayVN } from '../../core/dates.ts';
import { acceptance } from '../../core/surveys/campaign.ts';
import { checkAnswers, type Answers, type RawAnswers } from '../../core/surveys/answers.ts';
import { questionsOf, type Questionnaire } from '../../core/surveys/questionnaire.ts';
import type { ResponseChannel, ResponseStatus } from '../../db/schema.ts';
import { inTx, type Tx } from '../../db/tx.ts';
import { findBySlug } from '../../db/repos/surveys.ts';
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
}

/** Writes a response, its answers and the roll-ups inside trx; returns its id, or the earlier one for a repeated client key. */
export async function storeResponse(trx: Tx, r: StoredResponse): Promise<{ id: number; duplicate: boolean }> {
  if (r.clientKey) {
    const earlier = await trx.selectFrom('responses').select('id').where('campaign_id', '=', r.campaignId).where('client_key', '=', r.clientKey).executeTakeFirst();
    if (earlier) return { id: earlier.id, duplicate: true };
  }
  const { id } = await trx.insertInto('responses').values({
    campaign_id: r.campaignId, unit_id: r.unitId, channel: r.channel, status: r.status, sheet_id: r.sheetId, client_key: r.clientKey, submitted_on: todayVN(),
  }).returning('id').executeTakeFirstOrThrow();
  const rows = Object.entries(r.answers).flatMap(([question_id, v]) =>
    (Array.isArray(v) ? v : [String(v)]).map((value) => ({ response_id: id, question_id, value })));
  if (rows.length) await trx.insertInto('answers').values(rows).execute();
  if (r.status === 'valid') {
    for (const [question_id, value] of countedValues(r.form, r.answers)) {
      await trx.insertInto('result_counts').values({ campaign_id: r.campaignId, unit_id: r.unitId, question_id, value, n: 1 })
        .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'question_id', 'value']).doUpdateSet({ n: sql`result_counts.n + 1` }))
        .execute();
    }
  }
  await trx.insertInto('result_totals').values({ campaign_id: r.campaignId, unit_id: r.unitId, channel: r.channel, status: r.status, n: 1 })
    .onConflict((oc) => oc.columns(['campaign_id', 'unit_id', 'channel', 'status']).doUpdateSet({ n: sql`result_totals.n + 1` }))
    .execute();
  return { id, duplicate: false };
}

/** The public form's submission: no actor, no identity, no IP stored. */
export async function submitOnline(services: AppServices, input: { slug: string; raw: RawAnswers; clientKey: string | null }) {
  const entry = await findBySlug(services.database.db, input.slug);
  if (!entry) throw errors.notFound();
  const state = acceptance(entry.state, entry.opens_on, entry.closes_on, todayVN());
  if (state !== 'accepting') throw new AppError('survey_closed', { params: { state } });
  const form = definitionOf(entry.version_id, entry.definition);
  const { answers, issues } = checkAnswers(form, input.raw);
  if (Object.keys(issues).length) throw errors.validation(issues);
  return inTx(services.database, (trx) => storeResponse(trx, {
    campaignId: entry.campaign_id, unitId: entry.unit_id, channel: 'web', status: 'valid', sheetId: null, clientKey: input.clientKey, answers, form,
  }));
}
