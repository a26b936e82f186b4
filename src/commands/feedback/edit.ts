// Changes that are not state transitions: classification, internal notes, splitting a mixed item.
import type { Updateable } from 'kysely';
import { nowIso } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { procedureOf } from '../../core/feedback/kinds.ts';
import { formatTrackingCode } from '../../core/feedback/tracking.ts';
import { TERMINAL } from '../../core/feedback/lifecycle.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { Actor } from '../../core/roles.ts';
import type { FeedbackItemsTable, FeedbackKind } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import { insertEvent } from '../../db/repos/feedback.ts';
import { inTx } from '../../db/tx.ts';
import type { CommandContext } from '../context.ts';
import { itemInScope } from './handle.ts';
import { planIntake, writeIntake, type IntakeInput, type IntakePlan } from './intake.ts';
import { queueCitizenNotice } from './notices.ts';

type Ctx = CommandContext & { actor: Actor };

export interface ClassifyInput {
  kind?: FeedbackKind;
  topicCode?: string | null;
  concernedUnitId?: number | null;
  concernedOfficer?: string | null;
  summary?: string;
}

/**
 * Kind, topic, the unit and the officer concerned. Turning an item into khiếu nại, tố cáo or tố giác flags it:
 * it must then be transferred to its procedure (the state machine refuses to accept it into this workflow).
 */
export async function classifyItem(ctx: Ctx, id: number, input: ClassifyInput) {
  const item = await itemInScope(ctx, id);
  if (!feedbackPolicy.can(ctx.actor, 'handle', item.unit_id)) throw errors.forbidden();
  if (TERMINAL.has(item.state)) throw errors.conflict('conflict', { state: { key: 'feedback.item_closed' } });
  if (input.concernedOfficer !== undefined && !feedbackPolicy.can(ctx.actor, 'restricted', item.unit_id)) throw errors.forbidden();
  if (input.topicCode) {
    const topic = await ctx.database.db.selectFrom('feedback_topics').select('code').where('code', '=', input.topicCode).where('active', '=', 1).executeTakeFirst();
    if (!topic) throw errors.field('topicCode', 'feedback.topic_unknown');
  }
  if (input.concernedUnitId != null) {
    const graph = await ctx.access.unitGraph();
    if (!graph.units.has(input.concernedUnitId)) throw errors.field('concernedUnitId', 'unit.not_found');
  }
  const set: Updateable<FeedbackItemsTable> = {};
  if (input.kind !== undefined && input.kind !== item.kind) {
    set.kind = input.kind;
    set.procedure = procedureOf(input.kind);
    if (item.state === 'received') {
      // The acknowledgement limit follows the kind (tố cáo: 7 working days).
      const { calendar, deadlines } = await feedbackConfig(ctx.database);
      set.ack_due_on = calendar.addWorkingDays(item.received_on, deadlines[input.kind].ack);
      set.due_on = set.ack_due_on;
    }
  }
  if (input.topicCode !== undefined) set.topic_code = input.topicCode;
  if (input.concernedUnitId !== undefined) set.concerned_unit_id = input.concernedUnitId;
  if (input.concernedOfficer !== undefined) set.concerned_officer = input.concernedOfficer?.trim() || null;
  if (input.summary !== undefined) {
    const s = input.summary.normalize('NFC').trim();
    if (!s) throw errors.field('summary', 'validation.required');
    set.summary = s;
  }
  if (!Object.keys(set).length) return { changed: false };
  await inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    await trx.updateTable('feedback_items').set({ ...set, updated_at: now }).where('id', '=', id).execute();
    // The officer's name stays out of the item's history and the audit trail's body: only that it changed.
    const logged = { ...set, concerned_officer: set.concerned_officer === undefined ? undefined : '(restricted)' };
    await insertEvent(trx, { itemId: id, at: now, actorKind: 'staff', actorUserId: ctx.actor.userId, action: 'classify', data: logged });
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.classify', entityType: 'feedback_item', entityId: id, unitId: item.unit_id,
      before: { kind: item.kind, topicCode: item.topic_code, concernedUnitId: item.concerned_unit_id }, after: logged,
    });
  });
  return { changed: true };
}

export async function addNote(ctx: Ctx, id: number, note: string) {
  const item = await itemInScope(ctx, id);
  if (!feedbackPolicy.can(ctx.actor, 'handle', item.unit_id)) throw errors.forbidden();
  const text = note.normalize('NFC').trim();
  if (!text) throw errors.field('note', 'validation.required');
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const eventId = await insertEvent(trx, { itemId: id, at: now, actorKind: 'staff', actorUserId: ctx.actor.userId, action: 'note', internalNote: text });
    await appendAudit(trx, engine, ctx.audit, { action: 'feedback.note', entityType: 'feedback_item', entityId: id, unitId: item.unit_id, after: { eventId } });
    return { eventId };
  });
}

export interface SplitPart {
  content: string;
  kind: FeedbackKind;
  topicCode?: string | null;
  summary?: string | null;
}

/**
 * A mixed submission becomes several items: the original keeps the first part, each other part becomes an item
 * of its own (own register number and tracking code, same person, same day received), all in one transaction.
 */
export async function splitItem(ctx: Ctx, id: number, parts: SplitPart[]) {
  const item = await itemInScope(ctx, id);
  if (!feedbackPolicy.can(ctx.actor, 'handle', item.unit_id)) throw errors.forbidden();
  if (item.state !== 'received' && item.state !== 'accepted') throw errors.conflict('conflict', { state: { key: 'feedback.split_late' } });
  if (parts.length < 2) throw errors.field('parts', 'feedback.split_two');
  const [first, ...rest] = parts;
  const inputs: IntakeInput[] = rest.map((p) => ({
    unitId: item.unit_id, channel: item.channel, kind: p.kind, topicCode: p.topicCode ?? null, summary: p.summary ?? null,
    content: p.content, location: item.location, submitterId: item.submitter_id, splitFrom: item.id,
    receivedOn: item.received_on, source: item.source_type ? { type: item.source_type, ref: item.source_ref ?? '' } : null,
  }));
  const plans: IntakePlan[] = [];
  for (const input of inputs) plans.push(await planIntake(ctx, input));
  const firstContent = first!.content.normalize('NFC').trim();
  if (!firstContent) throw errors.field('parts.0.content', 'validation.required');
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const r = await trx.updateTable('feedback_items').set({
      content: firstContent, kind: first!.kind, procedure: procedureOf(first!.kind), topic_code: first!.topicCode ?? item.topic_code,
      summary: first!.summary?.trim() || item.summary, updated_at: now,
    }).where('id', '=', id).where('state', '=', item.state).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.conflict('conflict');
    const created = [];
    for (let i = 0; i < inputs.length; i++) created.push(await writeIntake(trx, engine, { ...ctx, actorKind: 'staff' }, inputs[i]!, plans[i]!));
    const codes = created.map((c) => formatTrackingCode(c.trackingCode));
    const message = `Ý kiến gồm nhiều nội dung nên được tách thành ${created.length + 1} ý kiến để giải quyết riêng; mã theo dõi các nội dung tách ra: ${codes.join(', ')}.`;
    await insertEvent(trx, {
      itemId: id, at: now, actorKind: 'staff', actorUserId: ctx.actor.userId, action: 'split', publicMessage: message,
      data: { items: created.map((c) => c.id) },
    });
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.split', entityType: 'feedback_item', entityId: id, unitId: item.unit_id, after: { items: created.map((c) => c.id) },
    });
    await queueCitizenNotice(trx, engine, id, item.tracking_code, message);
    return { items: created };
  });
}
