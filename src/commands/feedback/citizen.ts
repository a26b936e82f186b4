// The citizen's side of the register, reached by tracking code only: the public status (public steps, the
// published answer) and the rating after closing (a low one asks the level above to look again). Data-subject
// requests are in data-requests.ts. Each step is one transaction with its audit event.
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { citizenMessages } from '../../core/feedback/messages.ts';
import { normalizeTrackingCode } from '../../core/feedback/tracking.ts';
import type { FeedbackOutcome, FeedbackState } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { findItemByCode, insertEvent, publicEventsOf, type ItemRow } from '../../db/repos/feedback.ts';
import { inTx, type Q } from '../../db/tx.ts';
import type { AppServices, CommandContext } from '../context.ts';
import { queueCitizenNotice } from './notices.ts';

/** A citizen acting by tracking code: no account, the audit records the address and browser. */
export type CitizenCtx = CommandContext;

/** Verification codes: 6 digits, valid this long, this many tries, this many requests per item per day. */
export const VERIFY = { digits: 6, ttlMs: 30 * 60_000, maxAttempts: 5, perItemPerDay: 5 } as const;
/** Working days the unit has to answer a verified request (DOMAIN.md, Nghị định 356/2025). */
export const DATA_REQUEST_DAYS = 2;
/** Ratings at or below this ask the unit above to look again. */
export const REREVIEW_AT = 2;

const RATEABLE: readonly FeedbackOutcome[] = ['resolved', 'explained'];

/** The item a typed or linked code names, or null: unknown and malformed codes are the same to the caller. */
export async function itemByCode(services: AppServices, raw: string): Promise<ItemRow | null> {
  const code = normalizeTrackingCode(raw.slice(0, 40));
  // A malformed code still costs a query, so both answers take the same path.
  return (await findItemByCode(services.database.db, code ?? '-')) ?? null;
}

async function unitNameOf(services: AppServices, unitId: number): Promise<string> {
  const graph = await services.access.unitGraph();
  const today = todayVN();
  return graph.nameOn(unitId, today) ?? '';
}

/** When the item was last closed (a reopened and closed again item may be rated again). */
async function lastClosedAt(q: Q, itemId: number): Promise<string | null> {
  const row = await q.selectFrom('feedback_events').select('at').where('item_id', '=', itemId)
    .where('to_state', '=', 'closed').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.at ?? null;
}

function rateable(item: Pick<ItemRow, 'state' | 'outcome' | 'rated_at'>, closedAt: string | null): boolean {
  if (item.state !== 'closed' || !item.outcome || !RATEABLE.includes(item.outcome)) return false;
  return item.rated_at === null || (closedAt !== null && closedAt > item.rated_at);
}

export interface PublicStatus {
  trackingCode: string;
  unitName: string;
  register: { year: number; no: number };
  receivedOn: string;
  ackDueOn: string | null;
  dueOn: string | null;
  kind: ItemRow['kind'];
  state: FeedbackState;
  outcome: FeedbackOutcome | null;
  summary: string;
  events: { at: string; message: string }[];
  publicAnswer: string | null;
  answeredOn: string | null;
  canRate: boolean;
  rating: number | null;
  ratedAt: string | null;
  rereview: boolean;
  /** Files sent with the answer, once it is published. */
  files: { id: number; filename: string | null; mime: string; size: number }[];
}

/** What anyone holding the code may see: no personal data, no internal notes. */
export async function publicStatus(services: AppServices, item: ItemRow): Promise<PublicStatus> {
  const db = services.database.db;
  const [events, closedAt, unitName] = await Promise.all([publicEventsOf(db, item.id), lastClosedAt(db, item.id), unitNameOf(services, item.unit_id)]);
  const published = item.public_answer !== null && (item.state === 'approved' || item.state === 'closed');
  const files = published ? await publishedFilesOf(services, item.id) : [];
  return {
    trackingCode: item.tracking_code, unitName, register: { year: item.register_year, no: item.register_no },
    receivedOn: item.received_on, ackDueOn: item.ack_due_on, dueOn: item.due_on, kind: item.kind, state: item.state,
    outcome: item.outcome, summary: item.summary,
    events: events.map((e) => ({ at: e.at, message: e.public_message ?? '' })),
    publicAnswer: published ? item.public_answer : null, answeredOn: published ? item.answered_on : null,
    canRate: rateable(item, closedAt), rating: item.rating, ratedAt: item.rated_at, rereview: item.rereview === 1, files,
  };
}

function publishedFilesOf(services: AppServices, itemId: number) {
  return services.database.db.selectFrom('feedback_attachments').select(['id', 'filename', 'mime', 'size'])
    .where('item_id', '=', itemId).where('role', '=', 'answer').where('public', '=', 1).orderBy('id').execute();
}

/** A file sent with the item's published answer, for whoever holds the code; null otherwise. */
export async function publishedFile(services: AppServices, item: ItemRow, attachmentId: number) {
  if (item.public_answer === null || (item.state !== 'approved' && item.state !== 'closed')) return null;
  return (await services.database.db.selectFrom('feedback_attachments').select(['filename', 'mime', 'content'])
    .where('id', '=', attachmentId).where('item_id', '=', item.id).where('role', '=', 'answer').where('public', '=', 1).executeTakeFirst()) ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Rating
// ---------------------------------------------------------------------------------------------------------

export type RateResult = { ok: true; rereview: boolean } | { ok: false; reason: 'not_closed' | 'already_rated' };

/** The citizen's 1–5 rating of a closed item, once per closing; ≤ 2 sends it to the unit above for re-review. */
export async function rateItem(ctx: CitizenCtx, item: ItemRow, rating: number, comment: string | null): Promise<RateResult> {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw errors.field('rating', 'validation.choice', { choices: '1, 2, 3, 4, 5' });
  const closedAt = await lastClosedAt(ctx.database.db, item.id);
  if (!rateable(item, closedAt)) {
    return { ok: false, reason: item.state === 'closed' && item.rated_at !== null ? 'already_rated' : 'not_closed' };
  }
  const rereview = rating <= REREVIEW_AT;
  const text = comment?.normalize('NFC').trim() || null;
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    // Guarded by what was read: a double click (or two tabs) rates once.
    let upd = trx.updateTable('feedback_items')
      .set({ rating, rating_comment: text, rated_at: now, updated_at: now, ...(rereview ? { rereview: 1 } : {}) })
      .where('id', '=', item.id).where('state', '=', 'closed').where('outcome', 'in', RATEABLE);
    upd = item.rated_at === null ? upd.where('rated_at', 'is', null) : upd.where('rated_at', '=', item.rated_at);
    const r = await upd.executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { ok: false as const, reason: 'already_rated' as const };
    await insertEvent(trx, {
      itemId: item.id, at: now, actorKind: 'citizen', actorUserId: null, action: 'rate',
      publicMessage: `Người gửi đánh giá việc giải quyết: ${rating}/5.`, data: { rating, previous: item.rating ?? undefined },
    });
    if (rereview) {
      const message = citizenMessages.rereview();
      await insertEvent(trx, { itemId: item.id, at: now, actorKind: 'system', actorUserId: null, action: 'rereview', publicMessage: message, data: { rating } });
      await queueCitizenNotice(trx, engine, item.id, item.tracking_code, message);
    }
    await appendAudit(trx, engine, ctx.audit, {
      action: 'feedback.rate', entityType: 'feedback_item', entityId: item.id, unitId: item.unit_id,
      before: item.rating === null ? undefined : { rating: item.rating }, after: { rating, rereview, comment: text !== null },
    });
    return { ok: true as const, rereview };
  });
}
