// Tying a paper batch of satisfaction forms to the conference it was handed out at: the batch must be of the
// conference's campaign and unit. The conference then counts the forms handed out and returned (keyed).
import { nowIso } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';
import { assertNotCancelled, conferenceFor, presentOne } from './shared.ts';

/** POST /api/conferences/:id/paper-batch {batchId}: answers the conference with its new counts. */
export async function linkPaperBatch(ctx: ActorContext, conferenceId: number, batchId: number) {
  const c = await conferenceFor(ctx, conferenceId, 'plan');
  assertNotCancelled(c);
  if (c.campaign_id === null) throw errors.field('batchId', 'conference.no_campaign');
  const b = await ctx.database.db.selectFrom('paper_batches').select(['id', 'unit_id', 'campaign_id', 'conference_id'])
    .where('id', '=', batchId).executeTakeFirst();
  if (!b || b.unit_id !== c.unit_id || b.campaign_id !== c.campaign_id) throw errors.field('batchId', 'conference.batch_mismatch');
  if (b.conference_id !== null && b.conference_id !== c.id) throw errors.conflict('conflict', { batchId: { key: 'conference.batch_taken' } });
  if (b.conference_id !== c.id) {
    await inTx(ctx.database, async (trx, engine) => {
      const r = await trx.updateTable('paper_batches').set({ conference_id: c.id, updated_at: nowIso() })
        .where('id', '=', batchId).where('conference_id', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw errors.conflict();
      await appendAudit(trx, engine, ctx.audit, {
        action: 'conference.paper_batch', entityType: 'conference', entityId: c.id, unitId: c.unit_id, after: { batchId },
      });
    });
  }
  return presentOne(ctx, c);
}
