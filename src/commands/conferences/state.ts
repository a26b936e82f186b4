// The life of a conference: planned -> held (it took place) or cancelled; either back to planned with a reason.
// Also self check-in on/off and publishing the public summary. Each change is guarded by the state it was made
// from and audited.
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import type { ConferencePolicyAction } from '../../core/policy/conferences.ts';
import type { ConferenceState } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';
import { assertNotCancelled, conferenceFor, presentOne } from './shared.ts';

export type ConferenceAction = 'hold' | 'cancel' | 'reopen';

const RULES: Record<ConferenceAction, { from: readonly ConferenceState[]; to: ConferenceState; right: ConferencePolicyAction }> = {
  hold: { from: ['planned'], to: 'held', right: 'run' },
  cancel: { from: ['planned'], to: 'cancelled', right: 'publish' },
  reopen: { from: ['held', 'cancelled'], to: 'planned', right: 'plan' },
};

/** Holds, cancels or reopens a conference (reopening needs a reason; holding one that has not started is refused). */
export async function changeConferenceState(ctx: ActorContext, id: number, action: ConferenceAction, reason?: string | null) {
  const rule = RULES[action];
  const c = await conferenceFor(ctx, id, rule.right);
  if (!rule.from.includes(c.state)) {
    throw errors.conflict('conflict', { action: { key: 'conference.bad_transition', params: { from: c.state, action } } });
  }
  const why = reason?.normalize('NFC').trim() || null;
  if (action === 'reopen' && !why) throw errors.field('reason', 'validation.required');
  if (action === 'hold' && c.held_on > todayVN()) throw errors.field('action', 'conference.not_yet');
  const row = await inTx(ctx.database, async (trx, engine) => {
    const updated = await trx.updateTable('conferences')
      .set({ state: rule.to, updated_at: nowIso(), ...(rule.to !== 'planned' ? { checkin_open: 0 } : {}) })
      .where('id', '=', id).where('state', '=', c.state).returningAll().executeTakeFirst();
    if (!updated) throw errors.conflict();
    await appendAudit(trx, engine, ctx.audit, {
      action: `conference.${action}`, entityType: 'conference', entityId: id, unitId: c.unit_id,
      before: { state: c.state }, after: { state: rule.to, reason: why ?? undefined },
    });
    return updated;
  });
  return presentOne(ctx, row);
}

/** Turns self check-in (the delegates' QR codes and the walk-in form) on or off. */
export async function setCheckinOpen(ctx: ActorContext, id: number, open: boolean) {
  const c = await conferenceFor(ctx, id, 'run');
  assertNotCancelled(c);
  if (open && c.state !== 'planned') throw errors.conflict('conflict', { open: { key: 'conference.checkin_closed_state' } });
  const row = await inTx(ctx.database, async (trx, engine) => {
    const updated = await trx.updateTable('conferences').set({ checkin_open: open ? 1 : 0, updated_at: nowIso() })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.checkin_open', entityType: 'conference', entityId: id, unitId: c.unit_id,
      before: { open: c.checkin_open === 1 }, after: { open },
    });
    return updated;
  });
  return presentOne(ctx, row);
}

/** Publishes the public summary (leaders): /hn/<code> shows it from now on. */
export async function publishConference(ctx: ActorContext, id: number, publicSummary: string) {
  const c = await conferenceFor(ctx, id, 'publish');
  if (c.state !== 'held') throw errors.conflict('conflict', { publicSummary: { key: 'conference.publish_not_held' } });
  const summary = publicSummary.normalize('NFC').trim();
  if (!summary) throw errors.field('publicSummary', 'validation.required');
  const row = await inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const updated = await trx.updateTable('conferences').set({ public_summary: summary, published_at: now, updated_at: now })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.publish', entityType: 'conference', entityId: id, unitId: c.unit_id,
      before: { publishedAt: c.published_at }, after: { publishedAt: now, length: summary.length },
    });
    return updated;
  });
  return presentOne(ctx, row);
}
