// Live capture of opinions at a conference. Each opinion becomes an item in the feedback register through the one
// intake (channel 'conference', source {type: 'conference', ref: id}, received on the conference day, the speaker
// as the person); an opinion answered in the room is closed in the same transaction by the lifecycle's
// `answer_on_spot` step, its answer public. Khiếu nại, tố cáo and tố giác cannot be answered on the spot: they
// stay received, to be transferred to their procedure.
import { cleanOrNull } from '../../core/text.ts';
import { sql } from 'kysely';
import { todayVN, nowIso } from '../../core/dates.ts';
import { errors, type FieldIssue } from '../../core/errors.ts';
import { procedureOf } from '../../core/feedback/kinds.ts';
import { ACTION_SPECS, OWING_STATES, transition } from '../../core/feedback/lifecycle.ts';
import { citizenMessages } from '../../core/feedback/messages.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { FeedbackKind } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { insertEvent } from '../../db/repos/feedback.ts';
import { inTx } from '../../db/tx.ts';
import type { ActorContext } from '../context.ts';
import { planIntake, writeIntake, type IntakeInput } from '../feedback/intake.ts';
import { queueCitizenNotice } from '../feedback/notices.ts';
import { assertNotCancelled, conferenceFor } from './shared.ts';

export interface OpinionInput {
  delegateId?: number | null;
  speakerName?: string | null;
  speakerTitle?: string | null;
  speakerOrganisation?: string | null;
  kind: FeedbackKind;
  topicCode?: string | null;
  content: string;
  answerMode: 'spot' | 'writing';
  spotAnswer?: string | null;
  answeredBy?: string | null;
}

const clean = cleanOrNull;

/** Records one opinion raised at the conference (201 {seq, itemId, trackingCode, registerNo, state}). */
export async function captureOpinion(ctx: ActorContext, conferenceId: number, input: OpinionInput) {
  const c = await conferenceFor(ctx, conferenceId, 'run');
  assertNotCancelled(c);
  if (!feedbackPolicy.can(ctx.actor, 'enter', c.unit_id)) throw errors.forbidden();
  if (c.held_on > todayVN()) throw errors.conflict('conflict', { conference: { key: 'conference.not_yet' } });
  const issues: Record<string, FieldIssue> = {};
  const content = clean(input.content);
  if (!content) issues.content = { key: 'validation.required' };
  const spotAnswer = clean(input.spotAnswer);
  const answeredBy = clean(input.answeredBy);
  const spot = input.answerMode === 'spot';
  if (spot && procedureOf(input.kind)) issues.answerMode = { key: 'conference.spot_not_allowed' };
  else if (spot && !spotAnswer) issues.spotAnswer = { key: 'validation.required' };
  const db = ctx.database.db;
  if (input.topicCode) {
    const topic = await db.selectFrom('feedback_topics').select('code').where('code', '=', input.topicCode).where('active', '=', 1).executeTakeFirst();
    if (!topic) issues.topicCode = { key: 'feedback.topic_unknown' };
  }
  let delegate: { full_name: string; title: string | null; organisation: string | null } | undefined;
  if (input.delegateId != null) {
    delegate = await db.selectFrom('conference_delegates').select(['full_name', 'title', 'organisation'])
      .where('id', '=', input.delegateId).where('conference_id', '=', conferenceId).executeTakeFirst();
    if (!delegate) issues.delegateId = { key: 'conference.delegate_unknown' };
  }
  if (Object.keys(issues).length) throw errors.validation(issues);
  // Answering is a handling step (lifecycle ACTION_SPECS): whoever records it must hold that right.
  if (spot && !feedbackPolicy.can(ctx.actor, ACTION_SPECS.answer_on_spot.right, c.unit_id)) throw errors.forbidden();

  const intake: IntakeInput = {
    unitId: c.unit_id, channel: 'conference', kind: input.kind, topicCode: input.topicCode || null, content: content!,
    submitter: {
      fullName: clean(input.speakerName) ?? delegate?.full_name ?? null,
      roleTitle: clean(input.speakerTitle) ?? delegate?.title ?? null,
      organisation: clean(input.speakerOrganisation) ?? delegate?.organisation ?? null,
    },
    consents: [], source: { type: 'conference', ref: String(c.id) }, receivedOn: c.held_on,
  };
  const plan = await planIntake(ctx, intake);
  const t = spot ? transition({ state: 'received', kind: input.kind, assigneeId: null, hasDraft: false }, 'answer_on_spot') : null;
  if (spot && !t) throw errors.field('answerMode', 'conference.spot_not_allowed');

  return inTx(ctx.database, async (trx, engine) => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(315, ${c.id})`.execute(trx);
    const staff = { ...ctx, actorKind: 'staff' as const };
    const item = await writeIntake(trx, engine, staff, intake, plan);
    let state: 'received' | 'closed' = 'received';
    if (t) {
      const now = nowIso();
      const day = c.held_on;
      const r = await trx.updateTable('feedback_items').set({
        state: t.to, outcome: t.outcome ?? null, public_answer: spotAnswer, answered_on: day, acked_on: day, closed_on: day,
        due_on: null, updated_at: now,
      }).where('id', '=', item.id).where('state', '=', 'received').executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw errors.conflict();
      const message = citizenMessages.answeredOnSpot(spotAnswer!, answeredBy);
      await insertEvent(trx, {
        itemId: item.id, at: now, actorKind: 'staff', actorUserId: ctx.actor.userId, action: 'answer_on_spot', from: 'received', to: t.to,
        publicMessage: message, data: { conferenceId: c.id, answeredBy },
      });
      await appendAudit(trx, engine, ctx.audit, {
        action: 'feedback.answer_on_spot', entityType: 'feedback_item', entityId: item.id, unitId: c.unit_id,
        before: { state: 'received' }, after: { state: t.to, outcome: t.outcome, conferenceId: c.id },
      });
      await queueCitizenNotice(trx, engine, item.id, item.trackingCode, message);
      state = 'closed';
    }
    const last = await trx.selectFrom('conference_opinions').select((eb) => eb.fn.max<number>('seq').as('m'))
      .where('conference_id', '=', c.id).executeTakeFirst();
    const seq = Number(last?.m ?? 0) + 1;
    await trx.insertInto('conference_opinions').values({
      conference_id: c.id, item_id: item.id, seq, delegate_id: input.delegateId ?? null, answer_mode: input.answerMode,
      spot_answer: spot ? spotAnswer : null, answered_by: spot ? answeredBy : null, created_by: ctx.actor.userId, created_at: nowIso(),
    }).execute();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.opinion', entityType: 'conference', entityId: c.id, unitId: c.unit_id,
      after: { seq, itemId: item.id, kind: input.kind, answerMode: input.answerMode },
    });
    return { seq, itemId: item.id, trackingCode: item.trackingCode, registerNo: item.registerNo, state };
  });
}

/** The opinions of a conference joined with their items: what was said, by whom, and where each stands. */
export async function opinionRows(ctx: ActorContext, conferenceId: number) {
  return ctx.database.db.selectFrom('conference_opinions as o').innerJoin('feedback_items as i', 'i.id', 'o.item_id')
    .leftJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
    .select([
      'o.seq', 'o.item_id', 'o.answer_mode', 'o.spot_answer', 'o.answered_by', 'o.delegate_id', 'i.tracking_code', 'i.register_no',
      'i.kind', 'i.topic_code', 'i.content', 'i.summary', 'i.state', 'i.outcome', 'i.due_on', 'i.answered_on', 'i.public_answer',
      'i.received_on', 's.full_name', 's.role_title', 's.organisation', 's.anonymised_at',
    ])
    .where('o.conference_id', '=', conferenceId).orderBy('o.seq').execute();
}

/** GET /api/conferences/:id/opinions. */
export async function listOpinions(ctx: ActorContext, conferenceId: number) {
  await conferenceFor(ctx, conferenceId, 'read');
  const today = todayVN();
  const rows = await opinionRows(ctx, conferenceId);
  return {
    opinions: rows.map((r) => ({
      seq: r.seq, itemId: r.item_id, trackingCode: r.tracking_code, registerNo: r.register_no,
      speaker: r.anonymised_at ? { name: null, title: null, organisation: null } : { name: r.full_name, title: r.role_title, organisation: r.organisation },
      kind: r.kind, topicCode: r.topic_code, content: r.content, answerMode: r.answer_mode, spotAnswer: r.spot_answer,
      answeredBy: r.answered_by, state: r.state, outcome: r.outcome, dueOn: r.due_on,
      overdue: !!r.due_on && OWING_STATES.includes(r.state) && r.due_on < today, answeredOn: r.answered_on, publicAnswer: r.public_answer,
    })),
  };
}
