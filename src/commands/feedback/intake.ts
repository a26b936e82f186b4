// Intake: every channel writes an item the same way — a register number for the unit and year, an unguessable
// tracking code, the person kept apart with their consents, photos, the deadlines, the first public step, the
// audit event and (with consent) a notice — in one transaction.
import { cleanOrNull } from '../../core/text.ts';
import { createHash } from 'node:crypto';
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { searchKey } from '../../core/feedback/duplicates.ts';
import { CONSENT_TEXT_VERSION, procedureOf, type ConsentPurpose } from '../../core/feedback/kinds.ts';
import { citizenMessages } from '../../core/feedback/messages.ts';
import { newTrackingCodes } from '../../core/feedback/tracking.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { Actor } from '../../core/roles.ts';
import type { FeedbackChannel, FeedbackKind } from '../../db/schema.ts';
import { appendAudits } from '../../db/repos/audit.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import { insertConsents, insertEvents, insertItems, insertSubmitters, reserveRegisterNos } from '../../db/repos/feedback.ts';
import type { Engine } from '../../db/engine.ts';
import type { WriteJob } from '../../db/writer.ts';
import { groupCommitFor } from '../group-commits.ts';
import type { Tx } from '../../db/tx.ts';
import type { CommandContext } from '../context.ts';
import { citizenNotices, queueCitizenNotice } from './notices.ts';
import { enqueueNotifications, type NewNotification } from '../../notify/outbox.ts';

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

const clean = cleanOrNull;

/** The first line (or words) of the content, for lists. */
export function summaryOf(content: string): string {
  const first = content.trim().split(/\r?\n/)[0] ?? '';
  return first.length <= 140 ? first : `${first.slice(0, 137).replace(/\s+\S*$/, '')}…`;
}

/** The person's row as stored (cleaned; email in lower case), or null when nothing identifies anyone. */
function submitterRow(s: SubmitterInput | null | undefined) {
  const v = {
    full_name: clean(s?.fullName), phone: clean(s?.phone), email: clean(s?.email)?.toLowerCase() ?? null,
    address: clean(s?.address), role_title: clean(s?.roleTitle), organisation: clean(s?.organisation),
  };
  return Object.values(v).some((x) => x !== null) ? v : null;
}

export async function receiveFeedback(ctx: IntakeCtx, input: IntakeInput): Promise<IntakeResult> {
  const actor = ctx.actor ?? null;
  if (actor && !feedbackPolicy.can(actor, 'enter', input.unitId)) throw errors.field('unitId', 'unit.not_found');
  const plan = await planIntake(ctx, input);
  // Only what the write needs goes to the committer: the entry may cross to the writer thread (a structured clone,
  // which copies every string: the raw content stays here, the plan carries the cleaned one).
  const { content: _raw, ...rest } = input;
  return groupCommitFor(ctx.database, INTAKE_WRITE, { maxBatch: 100 }).submit({ ctx: { audit: ctx.audit, actor, ...(ctx.actorKind ? { actorKind: ctx.actorKind } : {}) }, input: rest, plan });
}

/**
 * The intakes' batch write, run by the group committer (in the SQLite writer thread). Intakes that arrive together
 * are written in one transaction, each acknowledged only once it has committed: a public form flooded at a
 * conference costs one fsync per batch, not one per opinion.
 */
export const INTAKE_WRITE: WriteJob<IntakeEntry, IntakeResult> = {
  name: 'feedback.intake',
  write: (trx, engine, items) => writeIntakes(trx, engine, items),
  // Photos are what makes an intake heavy (up to five, re-encoded); a text is two bytes a character at most.
  sizeOf: ({ input, plan }) => 2 * plan.content.length + (input.photos ?? []).reduce((n, p) => n + p.bytes.length, 0),
};


export interface IntakePlan {
  unitName: string;
  receivedOn: string;
  /** Cleaned (NFC, trimmed); folded for search in the write, on the writer thread (the request's thread is the busier). */
  content: string;
  ackDueOn: string;
}

/** Checks and reads everything an intake needs before its transaction opens. */
export async function planIntake(ctx: CommandContext, input: IntakeInput): Promise<IntakePlan> {
  return { ...(await dayPlan(ctx, input)), ...contentPlan(input.content) };
}

/** The parts of a plan that follow from the unit, the kind and the day received: an import works them out once for many rows. */
export type DayPlan = Omit<IntakePlan, 'content'>;

/** Checks the day received and the unit, and works out the acknowledgement deadline. */
export async function dayPlan(ctx: CommandContext, input: IntakeInput): Promise<DayPlan> {
  const graph = await ctx.access.unitGraph(ctx.revision);
  const today = todayVN();
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today) throw errors.field('receivedOn', 'feedback.received_in_future');
  const unitName = graph.versionAt(input.unitId, today)?.name;
  if (!unitName) throw errors.field('unitId', 'unit.not_found');
  const { calendar, deadlines } = await feedbackConfig(ctx.database);
  return { unitName, receivedOn, ackDueOn: calendar.addWorkingDays(receivedOn, deadlines[input.kind].ack) };
}

/** The part of a plan that follows from the content, each row's own: cleaned (NFC, trimmed) and required. */
export function contentPlan(raw: string | null | undefined): Pick<IntakePlan, 'content'> {
  const content = clean(raw);
  if (!content) throw errors.field('content', 'validation.required');
  return { content };
}

/** Writes one intake inside the caller's transaction (a forward writes the competent unit's copy with its step). */
export async function writeIntake(
  trx: Tx, engine: Engine, ctx: IntakeWriter, input: IntakeInput, plan: IntakePlan,
  /** A batch (an import) writes one audit event for all its items instead of one each. */
  opts: { audit?: boolean } = {},
): Promise<IntakeResult> {
  return (await writeIntakes(trx, engine, [{ ctx, input, plan }], opts))[0]!;
}

/** Who an intake is written for: the part of the command's context that the write uses. */
export type IntakeWriter = Pick<IntakeCtx, 'audit' | 'actor' | 'actorKind'>;

export interface IntakeEntry {
  ctx: IntakeWriter;
  /** The content is the plan's (cleaned); the raw one is not needed to write. */
  input: Omit<IntakeInput, 'content'>;
  plan: IntakePlan;
}

/**
 * Writes intakes inside the caller's transaction with as few statements as a batch allows (the group commit
 * sends the public intakes that arrived together): register numbers taken per unit and year at once, items,
 * consents, events and audit events as multi-row inserts; people, photos and notices one by one.
 */
export async function writeIntakes(trx: Tx, engine: Engine, entries: readonly IntakeEntry[], opts: { audit?: boolean } = {}): Promise<IntakeResult[]> {
  const now = nowIso();
  // Register numbers: consecutive per unit and year, in the order the intakes arrived.
  const years = entries.map((e) => Number(e.plan.receivedOn.slice(0, 4)));
  const wanted = new Map<string, { unitId: number; year: number; n: number; next: number }>();
  entries.forEach((e, i) => {
    const key = `${e.input.unitId}|${years[i]}`;
    const g = wanted.get(key) ?? { unitId: e.input.unitId, year: years[i]!, n: 0, next: 0 };
    g.n++;
    wanted.set(key, g);
  });
  const firsts = await reserveRegisterNos(trx, engine, [...wanted.values()]);
  for (const [key, g] of wanted) g.next = firsts.get(key)!;
  const registerNos = entries.map((e, i) => wanted.get(`${e.input.unitId}|${years[i]}`)!.next++);

  // People: a forwarded or split copy keeps its item's person; otherwise whoever left a detail is written, all in
  // one statement, with the consents they gave.
  const people = entries.map(({ input }) => (input.submitterId === undefined ? submitterRow(input.submitter) : null));
  const newIds = await insertSubmitters(trx, engine, people.flatMap((p) => (p ? [{ ...p, created_at: now }] : [])));
  let next = 0;
  const submitterIds = entries.map(({ input }, i) => (input.submitterId !== undefined ? input.submitterId : people[i] ? newIds[next++]! : null));
  await insertConsents(trx, engine, entries.flatMap(({ input }, i) => (people[i]
    ? (input.consents ?? []).map((purpose) => ({ submitter_id: submitterIds[i]!, purpose, text_version: CONSENT_TEXT_VERSION[purpose], given_at: now }))
    : [])));

  const codes = newTrackingCodes(entries.length);
  const ids = await insertItems(trx, engine, entries.map(({ input, plan }, i) => ({
    unit_id: input.unitId, register_year: years[i]!, register_no: registerNos[i]!, tracking_code: codes[i]!,
    channel: input.channel, kind: input.kind, topic_code: input.topicCode ?? null, procedure: procedureOf(input.kind),
    state: 'received' as const, summary: clean(input.summary) ?? summaryOf(plan.content), content: plan.content,
    location: clean(input.location), submitter_id: submitterIds[i]!, anonymous: submitterIds[i] === null ? 1 : 0, split_from: input.splitFrom ?? null,
    source_type: input.source?.type ?? null, source_ref: input.source?.ref ?? null,
    received_at: now, received_on: plan.receivedOn, ack_due_on: plan.ackDueOn, due_on: plan.ackDueOn,
    search_key: searchKey(plan.content), created_at: now, updated_at: now,
  })));

  const messages = entries.map(({ plan }, i) => citizenMessages.received(plan.unitName, codes[i]!, plan.ackDueOn));
  for (const [i, { input }] of entries.entries()) {
    for (const p of input.photos ?? []) {
      await trx.insertInto('feedback_attachments').values({
        item_id: ids[i]!, role: 'photo', public: 0, filename: p.filename ?? null, mime: p.mime, size: p.bytes.length,
        sha256: p.sha256 || createHash('sha256').update(p.bytes).digest('hex'), created_at: now,
        // Bytes that crossed to the writer thread arrive as a Uint8Array; the driver binds Buffers.
        content: Buffer.isBuffer(p.bytes) ? p.bytes : Buffer.from(p.bytes),
      }).execute();
    }
  }
  await insertEvents(trx, engine, entries.map(({ ctx, input }, i) => ({
    itemId: ids[i]!, at: now, actorKind: ctx.actorKind ?? (ctx.actor ? 'staff' : 'citizen'), actorUserId: ctx.actor?.userId ?? null,
    action: 'receive', to: 'received' as const, publicMessage: messages[i]!,
    data: { channel: input.channel, registerNo: registerNos[i], source: input.source ?? undefined },
  })));
  if (opts.audit !== false) {
    await appendAudits(trx, engine, entries.map(({ ctx, input }, i) => ({
      ctx: ctx.audit,
      input: {
        action: 'feedback.receive', entityType: 'feedback_item', entityId: ids[i]!, unitId: input.unitId,
        after: {
          channel: input.channel, kind: input.kind, registerNo: registerNos[i], year: years[i], anonymous: submitterIds[i] === null,
          photos: input.photos?.length ?? 0, source: input.source ?? undefined,
        },
      },
    })));
  }
  // Only someone who consented to updates is told. A person written just now is the only one to tell about a new
  // item (nothing is merged into it yet): their notices are made here; a known person (a forwarded or split copy)
  // is looked up with whoever else the item concerns.
  const notices: NewNotification[] = [];
  for (const [i, { input }] of entries.entries()) {
    const person = people[i];
    if (input.submitterId !== undefined) {
      if (input.submitterId !== null) await queueCitizenNotice(trx, engine, ids[i]!, codes[i]!, messages[i]!);
    } else if (person && (input.consents ?? []).includes('contact_updates')) {
      notices.push(...citizenNotices([{ item_id: ids[i]!, tracking_code: codes[i]!, full_name: person.full_name, email: person.email, phone: person.phone }], codes[i]!, messages[i]!));
    }
  }
  if (notices.length) await enqueueNotifications(trx, engine, notices);
  return entries.map(({ plan }, i) => ({ id: ids[i]!, trackingCode: codes[i]!, registerNo: registerNos[i]!, registerYear: years[i]!, ackDueOn: plan.ackDueOn }));
}
