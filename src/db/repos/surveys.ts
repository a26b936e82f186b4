// Questionnaires, campaigns and their units: the SQL, filtered by the unit ids the caller may see.
import type { Q } from '../tx.ts';
import { prepared } from '../prepared.ts';

export async function findQuestionnaire(q: Q, id: number) {
  return q.selectFrom('questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listQuestionnaires(q: Q, unitIds: number[]) {
  if (!unitIds.length) return [];
  return q
    .selectFrom('questionnaires as q')
    .innerJoin('questionnaire_versions as v', 'v.questionnaire_id', 'q.id')
    .select(['q.id', 'q.unit_id', 'q.code', 'q.updated_at', 'v.id as version_id', 'v.version', 'v.status', 'v.title', 'v.published_at'])
    .where('q.unit_id', 'in', unitIds)
    .orderBy('q.updated_at', 'desc')
    .orderBy('v.version', 'desc')
    .execute();
}

export async function versionsOf(q: Q, questionnaireId: number) {
  return q.selectFrom('questionnaire_versions').selectAll().where('questionnaire_id', '=', questionnaireId).orderBy('version', 'desc').execute();
}

export async function findVersion(q: Q, id: number) {
  return q.selectFrom('questionnaire_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCampaign(q: Q, id: number) {
  return q.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCampaigns(q: Q, unitIds: number[]) {
  if (!unitIds.length) return [];
  return q.selectFrom('campaigns').selectAll().where('unit_id', 'in', unitIds).orderBy('opens_on', 'desc').orderBy('id', 'desc').execute();
}

export async function campaignUnits(q: Q, campaignId: number) {
  return q.selectFrom('campaign_units').selectAll().where('campaign_id', '=', campaignId).execute();
}

const formEntry = prepared((q: Q, slug: string) =>
  q
    .selectFrom('campaign_units as cu')
    .innerJoin('campaigns as c', 'c.id', 'cu.campaign_id')
    .innerJoin('questionnaire_versions as v', 'v.id', 'c.questionnaire_version_id')
    .select([
      'cu.id as campaign_unit_id', 'cu.unit_id', 'cu.slug', 'c.id as campaign_id', 'c.name', 'c.period', 'c.state', 'c.mode',
      'c.opens_on', 'c.closes_on', 'c.channels', 'v.id as version_id', 'v.definition',
    ])
    .where('cu.slug', '=', slug));

/** The public form's entry: the campaign unit by its short code, with its campaign and questionnaire (compiled once: every submission asks). */
export async function findBySlug(q: Q, slug: string) {
  return (await formEntry(q, slug))[0];
}
export type FormEntry = NonNullable<Awaited<ReturnType<typeof findBySlug>>>;

/** Campaigns the caller can see: organised by, or taking part through, a unit in unitIds. */
export async function listVisibleCampaigns(q: Q, unitIds: number[]) {
  if (!unitIds.length) return [];
  return q
    .selectFrom('campaigns as c')
    .selectAll('c')
    .where((eb) => eb.or([
      eb('c.unit_id', 'in', unitIds),
      eb.exists(eb.selectFrom('campaign_units as cu').select('cu.id').whereRef('cu.campaign_id', '=', 'c.id').where('cu.unit_id', 'in', unitIds)),
    ]))
    .orderBy('c.opens_on', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** Roll-up rows of a campaign for a set of units (the results page never reads raw answers). */
export async function resultRows(q: Q, campaignId: number, unitIds: number[]) {
  if (!unitIds.length) return { counts: [], totals: [] };
  const [counts, totals] = await Promise.all([
    q.selectFrom('result_counts').select(['unit_id', 'question_id', 'value', 'n']).where('campaign_id', '=', campaignId).where('unit_id', 'in', unitIds).execute(),
    q.selectFrom('result_totals').select(['unit_id', 'channel', 'status', 'n']).where('campaign_id', '=', campaignId).where('unit_id', 'in', unitIds).execute(),
  ]);
  return { counts, totals };
}

/**
 * Counts of criterion answers by the value of one demographic question, from the raw answers (on demand:
 * breakdowns are asked for rarely; the headline figures come from the roll-ups).
 */
export async function breakdownRows(q: Q, campaignId: number, unitIds: number[], demographic: string, criteria: string[]) {
  if (!unitIds.length || !criteria.length) return { counts: [], sizes: [] };
  const base = q.selectFrom('answers as d')
    .innerJoin('responses as r', 'r.id', 'd.response_id')
    .where('r.campaign_id', '=', campaignId).where('r.unit_id', 'in', unitIds).where('r.status', '=', 'valid')
    .where('d.question_id', '=', demographic);
  const [counts, sizes] = await Promise.all([
    base.innerJoin('answers as a', 'a.response_id', 'd.response_id')
      .where('a.question_id', 'in', criteria)
      .select((eb) => ['d.value as group', 'a.question_id', 'a.value', eb.fn.countAll<number>().as('n')])
      .groupBy(['d.value', 'a.question_id', 'a.value']).execute(),
    base.select((eb) => ['d.value as group', eb.fn.countAll<number>().as('n')]).groupBy('d.value').execute(),
  ]);
  return { counts, sizes };
}
