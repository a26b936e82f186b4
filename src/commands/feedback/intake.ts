// Intake: every channel writes an item the same way — a register number for the unit and year, an unguessable
// tracking code, the person kept apart with their consents, photos, the deadlines, the first public step, the
// audit event and (with consent) a notice — in one transaction.
import { createHash } from 'node:crypto';
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { searchKey } from '../../core/feedback/duplicates.ts';
import { CONSENT_TEXT_VERSION, procedureOf, type ConsentPurpose } from '../../core/feedback/kinds.ts';
import { citizenMessages } from '../../core/feedback/messages.ts';
import { newTrackingCode } from '../../core/feedback/tracking.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { Actor } from '../../core/roles.ts';
import type { FeedbackChannel, FeedbackKind } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import { insertEvent, insertItem, nextRegisterNo } from '../../db/repos/feedback.ts';
import type { Db, Engine } from '../../db/engine.ts';
import { GroupCommit } from '../../db/group-commit.ts';
import type { Tx } from '../../db/tx.ts';
import type { CommandContext } from '../context.ts';
import { queueCitizenNotice } from './notices.ts';

export interface SubmitterInput {
  fullName?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  roleTitle?: string | null;
  organisation?: string | null;
}

export interface PhotoInput {
  bytes: Buffer;
  mime: string;
  sha256: string;
  filename?: string | null;
}

export interface IntakeInput {
  unitId: number;
  channel: FeedbackChannel;
  kind: FeedbackKind;
  topicCode?: string | null;
  summary?: string | null;
  content: string;
  location?: string | null;
  /** null or all-empty: anonymous. */
  submitter?: SubmitterInput | null;
  consents?: readonly ConsentPurpose[];
  photos?: readonly PhotoInput[];
  source?: { type: string; ref: string } | null;
  /** A letter or a box opened later: the day it was received (defaults to today). */
  receivedOn?: string | null;
  /** Forwarded or split copies keep the same person (and their consents) instead of a new one. */
  submitterId?: number | null;
  splitFrom?: number | null;
}

export interface IntakeResult {
  id: number;
  trackingCode: string;
  registerNo: number;
  registerYear: number;
  ackDueOn: string | null;
}

export type IntakeCtx = CommandContext & { actor?: Actor | null; actorKind?: 'staff' | 'citizen' | 'partner' };

function clean(s: string | null | undefined): string | null {
  const t = s?.normalize('NFC').trim();
  return t ? t : null;
}

/** The first line (or words) of the content, for lists. */
export function summaryOf(content: string): string {
  const first = content.trim().split(/\r?\n/)[0] ?? '';
  return first.length <= 140 ? first : `${first.slice(0, 137).replace(/\s+\S*$/, '')}…`;
}

async function insertSubmitter(trx: Tx, s: SubmitterInput | null | undefined, now: string): Promise<number | null> {
  const v = {
    full_name: clean(s?.fullName), phone: clean(s?.phone), email: clean(s?.email)?.toLowerCase() ?? null,
    address: clean(s?.address), role_title: clean(s?.roleTitle), organisation: clean(s?.organisation),
  };
  if (!Object.values(v).some((x) => x !== null)) return null;
  const row = await trx.insertInto('feedback_submitters').values({ ...v, created_at: now, anonymised_at: null })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function receiveFeedback(ctx: IntakeCtx, input: IntakeInput): Promise<IntakeResult> {
  const actor = ctx.actor ?? null;
  if (actor && !feedbackPolicy.can(actor, 'enter', input.unitId)) throw errors.field('unitId', 'unit.not_found');
  const plan = await planIntake(ctx, input);
  return committerFor(ctx.database).submit({ ctx, input, plan });
}

// Intakes that arrive together are written in one transaction (group commit), each acknowledged only once it
// has committed: a public form flooded at a conference costs one fsync per batch, not one per opinion.
type Pending = { ctx: IntakeCtx; input: IntakeInput; plan: IntakePlan };
const committers = new WeakMap<Db, GroupCommit<Pending, IntakeResult>>();
function committerFor(database: Db): GroupCommit<Pending, IntakeResult> {
  let c = committers.get(database);
  if (!c) {
    c = new GroupCommit(database, async (trx, engine, items) => {
      const out: IntakeResult[] = [];
      for (const p of items) out.push(await writeIntake(trx, engine, p.ctx, p.input, p.plan));
      return out;
    }, 100);
    committers.set(database, c);
  }
  return c;
}

export interface IntakePlan {
  unitName: string;
  receivedOn: string;
  content: string;
  ackDueOn: string;
}

/** Checks and reads everything an intake needs before its transaction opens. */
export async function planIntake(ctx: CommandContext, input: IntakeInput): Promise<IntakePlan> {
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today) throw errors.field('receivedOn', 'feedback.received_in_future');
  const unitName = graph.versionAt(input.unitId, today)?.name;
  if (!unitName) throw errors.field('unitId', 'unit.not_found');
  const content = clean(input.content);
  if (!content) throw errors.field('content', 'validation.required');
  const { calendar, deadlines } = await feedbackConfig(ctx.database);
  return { unitName, receivedOn, content, ackDueOn: calendar.addWorkingDays(receivedOn, deadlines[input.kind].ack) };
}

/** Writes one intake inside the caller's transaction (a forward writes the competent unit's copy with its step). */
export async function writeIntake(
  trx: Tx, engine: Engine, ctx: IntakeCtx, input: IntakeInput, plan: IntakePlan,
  /** A batch (an import) writes one audit event for all its items instead of one each. */
  opts: { audit?: boolean } = {},
): Promise<IntakeResult> {
  const actor = ctx.actor ?? null;
  const { unitName, receivedOn, content, ackDueOn } = plan;
  const consents = input.consents ?? [];
  const now = nowIso();
  const year = Number(receivedOn.slice(0, 4));
  const registerNo = await nextRegisterNo(trx, input.unitId, year);
  const submitterId = input.submitterId !== undefined ? input.submitterId : await insertSubmitter(trx, input.submitter, now);
  if (submitterId !== null && input.submitterId === undefined) {
    for (const purpose of consents) {
      await trx.insertInto('feedback_consents').values({
        submitter_id: submitterId, purpose, text_version: CONSENT_TEXT_VERSION[purpose], given_at: now, withdrawn_at: null,
      }).execute();
    }
  }
  const trackingCode = newTrackingCode();
  const id = await insertItem(trx, {
    unit_id: input.unitId, register_year: year, register_no: registerNo, tracking_code: trackingCode,
    channel: input.channel, kind: input.kind, topic_code: input.topicCode ?? null, procedure: procedureOf(input.kind),
    state: 'received', outcome: null, summary: clean(input.summary) ?? summaryOf(content), content,
    location: clean(input.location), concerned_unit_id: null, concerned_officer: null, assignee_id: null,
    submitter_id: submitterId, anonymous: submitterId === null ? 1 : 0, duplicate_of: null, split_from: input.splitFrom ?? null,
    source_type: input.source?.type ?? null, source_ref: input.source?.ref ?? null,
    received_at: now, received_on: receivedOn, ack_due_on: ackDueOn, due_on: ackDueOn, acked_on: null, closed_on: null,
    answer_draft: null, public_answer: null, answered_on: null, rating: null, rating_comment: null, rated_at: null,
    rereview: 0, search_key: searchKey(content), created_at: now, updated_at: now,
  });
  for (const p of input.photos ?? []) {
    await trx.insertInto('feedback_attachments').values({
      item_id: id, role: 'photo', public: 0, filename: p.filename ?? null, mime: p.mime, size: p.bytes.length,
      sha256: p.sha256 || createHash('sha256').update(p.bytes).digest('hex'), content: p.bytes, created_at: now,
    }).execute();
  }
  const message = citizenMessages.received(unitName, trackingCode, ackDueOn);
  await insertEvent(trx, {
    itemId: id, at: now, actorKind: ctx.actorKind ?? (actor ? 'staff' : 'citizen'), actorUserId: actor?.userId ?? null,
    action: 'receive', to: 'received', publicMessage: message, data: { channel: input.channel, registerNo, source: input.source ?? undefined },
  });
  if (opts.audit !== false) await appendAudit(trx, engine, ctx.audit, {
    action: 'feedback.receive', entityType: 'feedback_item', entityId: id, unitId: input.unitId,
    after: { channel: input.channel, kind: input.kind, registerNo, year, anonymous: submitterId === null, photos: input.photos?.length ?? 0, source: input.source ?? undefined },
  });
  // Only someone who consented to updates is told (a new person without consent cannot be: skip the lookup).
  const mayHaveRecipients = input.submitterId !== undefined ? input.submitterId !== null : submitterId !== null && consents.includes('contact_updates');
  if (mayHaveRecipients) await queueCitizenNotice(trx, id, trackingCode, message);
  return { id, trackingCode, registerNo, registerYear: year, ackDueOn };
}
