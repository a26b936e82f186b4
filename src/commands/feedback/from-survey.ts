// Free-text comments of survey forms and their way into the register: staff read the comments of a campaign
// (units in their scope, newest first) and copy one that asks for action into the register as an anonymous item
// of the unit it was given about (channel 'survey'), once: a second copy returns the first item.
import { todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { suggestKind } from '../../core/feedback/suggest.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import { surveyPolicy } from '../../core/policy/surveys.ts';
import type { Actor } from '../../core/roles.ts';
import { questionsOf } from '../../core/surveys/questionnaire.ts';
import { findCampaign, findVersion } from '../../db/repos/surveys.ts';
import type { CommandContext } from '../context.ts';
import { definitionOf } from '../surveys/submit.ts';
import { receiveFeedback } from './intake.ts';

type Ctx = CommandContext & { actor: Actor };

async function textQuestions(ctx: Ctx, campaignId: number) {
  const c = await findCampaign(ctx.database.db, campaignId);
  if (!c) throw errors.notFound();
  const v = await findVersion(ctx.database.db, c.questionnaire_version_id);
  const form = definitionOf(v!.id, v!.definition);
  return { campaign: c, ids: questionsOf(form).filter((q) => q.type === 'text' || q.type === 'long_text').map((q) => q.id) };
}

const sourceRef = (responseId: number, questionId: string) => `${responseId}:${questionId}`;

export async function campaignComments(ctx: Ctx, campaignId: number, opts: { unitId?: number; offset?: number; limit?: number }) {
  const { ids } = await textQuestions(ctx, campaignId);
  let units = surveyPolicy.unitIds(ctx.actor, 'results');
  if (opts.unitId !== undefined) {
    const graph = await ctx.access.unitGraph();
    const sub = graph.scopeOf(opts.unitId, todayVN());
    units = units.filter((u) => sub.has(u));
  }
  if (!ids.length || !units.length) return { comments: [], hasMore: false };
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await ctx.database.db.selectFrom('answers as a').innerJoin('responses as r', 'r.id', 'a.response_id')
    .select(['r.id as response_id', 'r.unit_id', 'r.submitted_on', 'a.question_id', 'a.value'])
    .where('r.campaign_id', '=', campaignId).where('r.status', '=', 'valid').where('a.question_id', 'in', ids)
    .where('r.unit_id', 'in', units).orderBy('r.id', 'desc').limit(limit + 1).offset(opts.offset ?? 0).execute();
  const page = rows.slice(0, limit);
  const copied = page.length ? await ctx.database.db.selectFrom('feedback_items').select(['id', 'source_ref'])
    .where('source_type', '=', 'survey_response').where('source_ref', 'in', page.map((r) => sourceRef(r.response_id, r.question_id))).execute() : [];
  const byRef = new Map(copied.map((c) => [c.source_ref, c.id]));
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  return {
    hasMore: rows.length > limit,
    comments: page.map((r) => ({
      responseId: r.response_id, questionId: r.question_id, unitId: r.unit_id, unitName: graph.nameOn(r.unit_id, today) ?? '',
      submittedOn: r.submitted_on, text: r.value, copiedItemId: byRef.get(sourceRef(r.response_id, r.question_id)) ?? null,
    })),
  };
}

/** Copies one comment into the register of the unit it was given about (anonymous: survey answers carry no identity). */
export async function copyCommentToRegister(ctx: Ctx, campaignId: number, responseId: number, questionId: string) {
  const { ids, campaign } = await textQuestions(ctx, campaignId);
  const row = await ctx.database.db.selectFrom('answers as a').innerJoin('responses as r', 'r.id', 'a.response_id')
    .select(['r.unit_id', 'r.submitted_on', 'a.value']).where('r.id', '=', responseId).where('r.campaign_id', '=', campaign.id)
    .where('a.question_id', '=', questionId).executeTakeFirst();
  if (!row || !ids.includes(questionId) || !surveyPolicy.can(ctx.actor, 'results', row.unit_id)) throw errors.notFound();
  if (!feedbackPolicy.can(ctx.actor, 'enter', row.unit_id)) throw errors.forbidden();
  const ref = sourceRef(responseId, questionId);
  const findCopy = () => ctx.database.db.selectFrom('feedback_items').select(['id', 'tracking_code'])
    .where('source_type', '=', 'survey_response').where('source_ref', '=', ref).executeTakeFirst();
  const existing = await findCopy();
  if (existing) return { id: existing.id, trackingCode: existing.tracking_code, created: false };
  const kind = suggestKind(row.value)[0]?.kind ?? 'suggestion';
  try {
    const r = await receiveFeedback(ctx, {
      unitId: row.unit_id, channel: 'survey', kind, content: row.value, receivedOn: row.submitted_on,
      source: { type: 'survey_response', ref }, submitter: null,
    });
    return { id: r.id, trackingCode: r.trackingCode, created: true };
  } catch (e) {
    // Two clicks at once: the unique index let one in; the other answers with it.
    const raced = await findCopy();
    if (raced) return { id: raced.id, trackingCode: raced.tracking_code, created: false };
    throw e;
  }
}
