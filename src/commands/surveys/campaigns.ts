// Campaigns: create over a set of participating units, set targets, move through their states.
import { randomBytes } from 'node:crypto';
import { errors } from '../../core/errors.ts';
import { nowIso, todayVN } from '../../core/dates.ts';
import { surveyPolicy } from '../../core/policy/surveys.ts';
import { nextState, type CampaignAction } from '../../core/surveys/campaign.ts';
import { sampleSize } from '../../core/surveys/stats.ts';
import type { Actor } from '../../core/roles.ts';
import type { CampaignMode, ResponseChannel } from '../../db/schema.ts';
import { inTx, type Tx } from '../../db/tx.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { findCampaign, findQuestionnaire, findVersion } from '../../db/repos/surveys.ts';
import type { CommandContext } from '../context.ts';
import { dropFormEntries } from './form-entries.ts';

type Ctx = CommandContext & { actor?: Actor };

export interface CampaignInput {
  unitId: number;
  name: string;
  period: string;
  questionnaireVersionId: number;
  opensOn: string;
  closesOn: string;
  mode: CampaignMode;
  channels: ResponseChannel[];
  marginPermille: number;
  minCell: number;
  previousCampaignId: number | null;
  /** Participating units; when omitted, every commune-level unit of the subtree existing on opensOn. */
  participants?: { unitId: number; population?: number | null; target?: number | null }[];
}

const SLUG_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A short public code: 6 characters without look-alikes (about 10^9 codes). */
export function newSlug(): string {
  return [...randomBytes(6)].map((b) => SLUG_ALPHABET[b % SLUG_ALPHABET.length]).join('');
}

/**
 * n codes that no campaign unit has yet, nor each other. Random codes do meet: the demo's 879 collide once in about
 * 2,300 seedings, and a real province's grow every year; a collision failed the whole campaign on the unique index.
 */
export async function freshSlugs(trx: Tx, n: number, generate: () => string = newSlug): Promise<string[]> {
  const slugs = new Set<string>();
  while (slugs.size < n) {
    const candidates = [...new Set(Array.from({ length: n - slugs.size }, generate))].filter((s) => !slugs.has(s));
    const taken = new Set((await trx.selectFrom('campaign_units').select('slug').where('slug', 'in', candidates).execute()).map((r) => r.slug));
    for (const s of candidates) if (!taken.has(s)) slugs.add(s);
  }
  return [...slugs];
}

export function targetFor(population: number | null | undefined, target: number | null | undefined, marginPermille: number): number | null {
  if (target != null) return target;
  return population ? sampleSize(population, marginPermille / 1000) : null;
}

export async function createCampaign(ctx: Ctx, input: CampaignInput) {
  const { actor } = ctx;
  if (actor && !surveyPolicy.can(actor, 'manage', input.unitId)) throw errors.field('unitId', 'unit.not_found');
  if (input.closesOn < input.opensOn) throw errors.field('closesOn', 'unit.ends_before_start');
  const version = await findVersion(ctx.database.db, input.questionnaireVersionId);
  const qn = version && (await findQuestionnaire(ctx.database.db, version.questionnaire_id));
  if (!version || !qn || (actor && !surveyPolicy.can(actor, 'read', qn.unit_id))) throw errors.field('questionnaireVersionId', 'survey.version_unknown');
  if (version.status !== 'published') throw errors.field('questionnaireVersionId', 'survey.version_not_published');
  if (input.previousCampaignId !== null) {
    const prev = await findCampaign(ctx.database.db, input.previousCampaignId);
    if (!prev || (actor && !surveyPolicy.can(actor, 'read', prev.unit_id))) throw errors.field('previousCampaignId', 'survey.campaign_unknown');
  }
  const graph = await ctx.access.unitGraph();
  const subtree = graph.scopeOf(input.unitId, input.opensOn);
  const participants: NonNullable<CampaignInput['participants']> = input.participants ?? [...subtree]
    .filter((id) => graph.units.get(id)?.level === 'commune' && graph.versionAt(id, input.opensOn))
    .map((unitId) => ({ unitId }));
  if (!participants.length) throw errors.field('participants', 'survey.no_participants');
  for (const p of participants) {
    if (!subtree.has(p.unitId) || !graph.versionAt(p.unitId, input.opensOn)) throw errors.field('participants', 'survey.participant_outside');
  }
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const { id } = await trx.insertInto('campaigns').values({
      unit_id: input.unitId, name: input.name, period: input.period, questionnaire_version_id: version.id,
      opens_on: input.opensOn, closes_on: input.closesOn, state: 'draft', mode: input.mode, channels: JSON.stringify(input.channels),
      margin_permille: input.marginPermille, min_cell: input.minCell, previous_campaign_id: input.previousCampaignId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const slugs = await freshSlugs(trx, participants.length);
    for (const [i, p] of participants.entries()) {
      await trx.insertInto('campaign_units').values({
        campaign_id: id, unit_id: p.unitId, slug: slugs[i]!, population: p.population ?? null,
        target: targetFor(p.population, p.target, input.marginPermille),
      }).execute();
    }
    await appendAudit(trx, engine, ctx.audit, {
      action: 'campaign.create', entityType: 'campaign', entityId: id, unitId: input.unitId,
      after: { ...input, participants: participants.length },
    });
    return { id };
  });
}

/** Moves a campaign to its next state; reopening needs a reason, kept in the audit trail. */
export async function transitionCampaign(ctx: Ctx, campaignId: number, action: CampaignAction, reason: string | null) {
  const c = await findCampaign(ctx.database.db, campaignId);
  if (!c || (ctx.actor && !surveyPolicy.can(ctx.actor, 'read', c.unit_id))) throw errors.notFound();
  if (ctx.actor && !surveyPolicy.can(ctx.actor, 'manage', c.unit_id)) throw errors.forbidden();
  const to = nextState(c.state, action);
  if (!to) throw errors.conflict('conflict', { action: { key: 'survey.bad_transition', params: { from: c.state, action } } });
  if (action === 'reopen' && !reason?.trim()) throw errors.field('reason', 'validation.required');
  const result = await inTx(ctx.database, async (trx, engine) => {
    const r = await trx.updateTable('campaigns').set({ state: to, updated_at: nowIso() }).where('id', '=', campaignId).where('state', '=', c.state).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.conflict('conflict');
    await appendAudit(trx, engine, ctx.audit, {
      action: `campaign.${action}`, entityType: 'campaign', entityId: campaignId, unitId: c.unit_id,
      before: { state: c.state }, after: { state: to, reason: reason ?? undefined, on: todayVN() },
    });
    return { state: to };
  });
  // Its forms open or close now, not when their cached entries expire.
  dropFormEntries(ctx.database);
  return result;
}

/** Sets population and target of participating units (target defaults to the sample size for the population). */
export async function setTargets(ctx: Ctx, campaignId: number, rows: { unitId: number; population: number | null; target: number | null }[]) {
  const c = await findCampaign(ctx.database.db, campaignId);
  if (!c || (ctx.actor && !surveyPolicy.can(ctx.actor, 'read', c.unit_id))) throw errors.notFound();
  if (ctx.actor && !surveyPolicy.can(ctx.actor, 'manage', c.unit_id)) throw errors.forbidden();
  await inTx(ctx.database, async (trx, engine) => {
    for (const r of rows) {
      const res = await trx.updateTable('campaign_units')
        .set({ population: r.population, target: targetFor(r.population, r.target, c.margin_permille) })
        .where('campaign_id', '=', campaignId).where('unit_id', '=', r.unitId).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw errors.field('unitId', 'survey.participant_outside');
    }
    await appendAudit(trx, engine, ctx.audit, { action: 'campaign.targets', entityType: 'campaign', entityId: campaignId, unitId: c.unit_id, after: rows });
  });
}

