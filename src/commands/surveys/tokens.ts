// Single-use tokens for campaigns in 'token' mode: made in batches per unit, printed once as cards, each
// redeemable once (atomically, with the response). Only hashes are stored.
import { randomBytes } from 'node:crypto';
import { errors } from '../../core/errors.ts';
import { surveyPolicy } from '../../core/policy/surveys.ts';
import type { Actor } from '../../core/roles.ts';
import { inTx } from '../../db/tx.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { findCampaign } from '../../db/repos/surveys.ts';
import type { AppServices, CommandContext } from '../context.ts';
import { tokenHash } from './submit.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TOKEN_BATCH_MAX = 2000;

/** 10 symbols of Crockford base32 (50 bits): unguessable for a campaign's lifetime, short enough to type. */
export function newToken(): string {
  const s = [...randomBytes(10)].map((b) => ALPHABET[b & 31]).join('');
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export async function createTokenBatch(ctx: CommandContext & { actor: Actor }, campaignId: number, unitId: number, count: number) {
  const c = await findCampaign(ctx.database.db, campaignId);
  const cu = c && (await ctx.database.db.selectFrom('campaign_units').select(['slug']).where('campaign_id', '=', campaignId).where('unit_id', '=', unitId).executeTakeFirst());
  if (!c || !cu || !surveyPolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  if (!surveyPolicy.can(ctx.actor, 'manage', unitId)) throw errors.forbidden();
  if (c.mode !== 'token') throw errors.field('campaign', 'token.not_token_mode');
  return inTx(ctx.database, async (trx, engine) => {
    const last = await trx.selectFrom('survey_tokens').select((eb) => eb.fn.max('batch_no').as('n')).where('campaign_id', '=', campaignId).executeTakeFirst();
    const batchNo = Number(last?.n ?? 0) + 1;
    const tokens = Array.from({ length: count }, newToken);
    for (let i = 0; i < tokens.length; i += 500) {
      await trx.insertInto('survey_tokens').values(tokens.slice(i, i + 500).map((t) => ({ token_hash: tokenHash(t), campaign_id: campaignId, unit_id: unitId, batch_no: batchNo, used_on: null }))).execute();
    }
    await appendAudit(trx, engine, ctx.audit, { action: 'token.batch_create', entityType: 'campaign', entityId: campaignId, unitId, after: { batchNo, count } });
    return { batchNo, tokens, slug: cu.slug, campaignName: c.name };
  });
}

/** What a token is: unknown, used, or usable (with the form it opens). */
export async function tokenStatus(ctx: AppServices, token: string) {
  const row = await ctx.database.db.selectFrom('survey_tokens as t')
    .innerJoin('campaign_units as cu', (j) => j.onRef('cu.campaign_id', '=', 't.campaign_id').onRef('cu.unit_id', '=', 't.unit_id'))
    .select(['t.used_on', 'cu.slug']).where('t.token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!row) return { state: 'unknown' as const };
  return { state: row.used_on ? ('used' as const) : ('usable' as const), slug: row.slug };
}
