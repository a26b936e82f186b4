// Handling steps on an item: each is one transition of the core state machine, written with its event (who, when,
// why, what the citizen is told), the audit event and the notices, in one transaction guarded by the state it
// was taken from (two people acting at once: one wins, the other gets a conflict).
import { cleanOrNull } from '../../core/text.ts';
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { ACTION_SPECS, transition, type FeedbackAction } from '../../core/feedback/lifecycle.ts';
import { citizenMessages } from '../../core/feedback/messages.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { Actor } from '../../core/roles.ts';
import type { Updateable } from 'kysely';
import type { FeedbackItemsTable, FeedbackOutcome } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import { findItem, handlerCandidates, insertEvent, type ItemRow } from '../../db/repos/feedback.ts';
import { inTx } from '../../db/tx.ts';
import type { CommandContext } from '../context.ts';
import { planIntake, writeIntake, type IntakeInput } from './intake.ts';
import { queueCitizenNotice } from './notices.ts';

type Ctx = CommandContext & { actor: Actor };

export interface ActionInput {
  action: FeedbackAction;
  reason?: string | null;
  /** Overrides the standard message to the citizen for a public step. */
  publicMessage?: string | null;
  internalNote?: string | null;
  assigneeId?: number | null;
  /** forward: a unit in the system (a new item is opened there) or the name of an outside body. */
  targetUnitId?: number | null;
  targetName?: string | null;
  /** draft: the answer to publish once approved. */
  answer?: string | null;
  outcome?: FeedbackOutcome | null;
  duplicateOf?: number | null;
}

/** Loads an item the actor may see, or answers 404. */
export async function itemInScope(ctx: Ctx, id: number): Promise<ItemRow> {
  const item = await findItem(ctx.database.db, id);
  if (!item || !feedbackPolicy.can(ctx.actor, 'read', item.unit_id)) throw errors.notFound();
  return item;
}

const text = cleanOrNull;

export async function actOnItem(ctx: Ctx, id: number, input: ActionInput) {
  const item = await itemInScope(ctx, id);
  const spec = ACTION_SPECS[input.action];
  if (!feedbackPolicy.can(ctx.actor, spec.right, item.unit_id)) throw errors.forbidden();
  const t = transition({ state: item.state, kind: item.kind, assigneeId: item.assignee_id, hasDraft: !!item.answer_draft },
    input.action, input.outcome ?? undefined);
  if (!t) throw errors.conflict('conflict', { action: { key: 'feedback.bad_transition', params: { from: item.state, action: input.action } } });
  const reason = text(input.reason);
  if (spec.reason && !reason) throw errors.field('reason', 'validation.required');

  const today = todayVN();
  const graph = await ctx.access.unitGraph();
  const { calendar, deadlines } = await feedbackConfig(ctx.database);
  const rule = deadlines[item.kind];
  const set: Updateable<FeedbackItemsTable> = { state: t.to };
  let message: string | null = null;
  let data: Record<string, unknown> | undefined;

  switch (input.action) {
    case 'accept': {
      const due = rule.resolve === null ? null : calendar.addWorkingDays(today, rule.resolve);
      Object.assign(set, { acked_on: today, due_on: due });
      message = citizenMessages.accepted(due);
      break;
    }
    case 'refuse':
      Object.assign(set, { acked_on: item.acked_on ?? today, due_on: null, closed_on: today });
      message = citizenMessages.refused(reason!);
      break;
    case 'forward': {
      const targetUnitId = input.targetUnitId ?? null;
      const targetName = targetUnitId !== null ? graph.versionAt(targetUnitId, today)?.name : text(input.targetName);
      if (!targetName) throw errors.field(targetUnitId !== null ? 'targetUnitId' : 'targetName', targetUnitId !== null ? 'unit.not_found' : 'validation.required');
      if (targetUnitId === item.unit_id) throw errors.field('targetUnitId', 'feedback.forward_same_unit');
      Object.assign(set, { acked_on: item.acked_on ?? today, due_on: null, closed_on: today });
      message = citizenMessages.forwarded(targetName, reason!);
      data = { targetUnitId, targetName };
      break;
    }
    case 'transfer':
      Object.assign(set, { acked_on: item.acked_on ?? today, due_on: null, closed_on: today });
      message = citizenMessages.transferred(item.procedure!);
      break;
    case 'assign': {
      const assigneeId = input.assigneeId ?? null;
      if (assigneeId === null) throw errors.field('assigneeId', 'validation.required');
      const candidates = await handlerCandidates(ctx.database.db, (u) => graph.scopeOf(u, today).has(item.unit_id));
      const who = candidates.find((c) => c.id === assigneeId);
      if (!who) throw errors.field('assigneeId', 'feedback.assignee_outside');
      set.assignee_id = assigneeId;
      data = { assigneeId, assignee: who.fullName };
      break;
    }
    case 'draft': {
      const answer = text(input.answer);
      if (!answer) throw errors.field('answer', 'validation.required');
      set.answer_draft = answer;
      break;
    }
    case 'approve':
      Object.assign(set, { public_answer: item.answer_draft, answered_on: today });
      message = citizenMessages.approved(item.answer_draft!);
      break;
    case 'close':
      set.outcome = t.outcome ?? null;
      set.closed_on = today;
      message = t.outcome === 'thanked' ? citizenMessages.thanked()
        : t.outcome === 'explained' ? citizenMessages.closedExplained() : citizenMessages.closedResolved();
      break;
    case 'duplicate': {
      let targetId = input.duplicateOf ?? null;
      if (targetId === null) throw errors.field('duplicateOf', 'validation.required');
      let target = await findItem(ctx.database.db, targetId);
      // Merge into the root of a chain, so everyone is told by one item.
      for (let hops = 0; target?.duplicate_of != null && hops < 10; hops++) target = await findItem(ctx.database.db, target.duplicate_of);
      if (!target || !feedbackPolicy.can(ctx.actor, 'read', target.unit_id)) throw errors.field('duplicateOf', 'feedback.item_unknown');
      if (target.id === item.id) throw errors.field('duplicateOf', 'feedback.duplicate_self');
      targetId = target.id;
      Object.assign(set, { outcome: 'duplicate', duplicate_of: targetId, closed_on: today, due_on: null });
      message = citizenMessages.duplicate(target.tracking_code);
      data = { duplicateOf: targetId };
      break;
    }
    case 'withdraw':
      Object.assign(set, { outcome: 'withdrawn', closed_on: today });
      message = citizenMessages.withdrawn(reason!);
      break;
    case 'reopen': {
      const due = calendar.addWorkingDays(today, rule.resolve ?? rule.ack);
      Object.assign(set, { outcome: null, closed_on: null, due_on: due, duplicate_of: null, rereview: 0 });
      message = citizenMessages.reopened(reason!);
      break;
    }
    case 'start':
    case 'return':
      break;
  }
  if (spec.public) message = text(input.publicMessage) ?? message;

  const forwardTo = input.action === 'forward' && input.targetUnitId != null ? input.targetUnitId : null;
  // The competent unit receives its own item (its own register number and tracking code, the same person), in the
  // same transaction as the forwarding step.
  const copyInput: IntakeInput | null = forwardTo === null ? null : {
    unitId: forwardTo, channel: item.channel, kind: item.kind, topicCode: item.topic_code, summary: item.summary,
    content: item.content, location: item.location, source: { type: 'forwarded', ref: String(item.id) },
    submitterId: item.submitter_id,
  };
  const copyPlan = copyInput ? await planIntake(ctx, copyInput) : null;

  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const r = await trx.updateTable('feedback_items').set({ ...set, updated_at: now })
      .where('id', '=', id).where('state', '=', item.state).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.conflict('conflict');
    const copy = copyInput && copyPlan ? await writeIntake(trx, engine, { ...ctx, actorKind: 'staff' }, copyInput, copyPlan) : null;
    if (copy) data = { ...data, forwardedItemId: copy.id };
    await insertEvent(trx, {
      itemId: id, at: now, actorKind: 'staff', actorUserId: ctx.actor.userId, action: input.action, from: item.state, to: t.to,
      reason, publicMessage: spec.public ? message : null, internalNote: text(input.internalNote), data,
    });
    await appendAudit(trx, engine, ctx.audit, {
      action: `feedback.${input.action}`, entityType: 'feedback_item', entityId: id, unitId: item.unit_id,
      before: { state: item.state }, after: { state: t.to, reason: reason ?? undefined, ...data },
    });
    if (spec.public && message) await queueCitizenNotice(trx, engine, id, item.tracking_code, message);
    return { state: t.to, forwardedItemId: copy?.id ?? null };
  });
}
