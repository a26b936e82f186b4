// Data-subject requests (Luật 91/2025, Nghị định 356/2025): see, correct, delete, restrict, object, and consent
// withdrawal, asked by tracking code and verified by a code sent to the contact on file; staff answer within 2
// working days. Each step is one transaction with its audit event. This file is the citizen's side; staff list
// and answer the requests in data-request-answers.ts.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { nowIso, todayVN } from '../../core/dates.ts';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../core/feedback/kinds.ts';
import { formatTrackingCode } from '../../core/feedback/tracking.ts';
import type { DataRequestKind, DataRequestState } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import type { ItemRow } from '../../db/repos/feedback.ts';
import { inTx, type Q } from '../../db/tx.ts';
import { enqueueNotification } from '../../notify/outbox.ts';
import type { AppServices } from '../context.ts';
import { DATA_REQUEST_DAYS, VERIFY, type CitizenCtx } from './citizen.ts';
import type { HeldData } from '../../core/feedback/shapes.ts';

/** A withdrawal of consent travels as an objection to that purpose; `details` names it. */
const WITHDRAW_PREFIX = 'consent:';

// ---------------------------------------------------------------------------------------------------------
// Data-subject requests
// ---------------------------------------------------------------------------------------------------------

interface Contact {
  submitterId: number;
  fullName: string | null;
  email: string | null;
  phone: string | null;
}

/** The person behind an item, when there is one with an email or phone to verify against. */
export async function contactOf(q: Q, item: Pick<ItemRow, 'submitter_id'>): Promise<Contact | null> {
  if (item.submitter_id === null) return null;
  const s = await q.selectFrom('feedback_submitters').select(['id', 'full_name', 'email', 'phone', 'anonymised_at'])
    .where('id', '=', item.submitter_id).executeTakeFirst();
  if (!s || s.anonymised_at !== null || (!s.email && !s.phone)) return null;
  return { submitterId: s.id, fullName: s.full_name, email: s.email, phone: s.phone };
}

/** "t***@example.vn", "09******78": enough to recognise, not to learn. */
export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}***@${domain}`;
}
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '****' : `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}

function hashCode(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

function codeMatches(stored: string | null, code: string): boolean {
  if (!stored) return false;
  const [salt = '', hash = ''] = stored.split('.');
  const a = Buffer.from(hashCode(code, salt), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function withdrawPurposeOf(details: string | null): ConsentPurpose | null {
  if (!details?.startsWith(WITHDRAW_PREFIX)) return null;
  const p = details.slice(WITHDRAW_PREFIX.length);
  return (CONSENT_PURPOSES as readonly string[]).includes(p) ? (p as ConsentPurpose) : null;
}

export type DataRequestInput = { kind: DataRequestKind; details: string | null } | { withdraw: ConsentPurpose };

export type StartResult =
  | { ok: true; requestId: number; sentTo: string[] }
  | { ok: false; reason: 'no_contact' | 'too_many' };

/** Records a request and sends its verification code to every contact on file (email, and phone by the gateway). */
export async function startDataRequest(ctx: CitizenCtx, item: ItemRow, input: DataRequestInput): Promise<StartResult> {
  const contact = await contactOf(ctx.database.db, item);
  if (!contact) return { ok: false, reason: 'no_contact' };
  const since = new Date(Date.now() - 24 * 3600_000).toISOString();
  const recent = await ctx.database.db.selectFrom('data_requests').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('item_id', '=', item.id).where('received_at', '>', since).executeTakeFirstOrThrow();
  if (Number(recent.n) >= VERIFY.perItemPerDay) return { ok: false, reason: 'too_many' };

  const kind: DataRequestKind = 'withdraw' in input ? 'object' : input.kind;
  const details = 'withdraw' in input ? `${WITHDRAW_PREFIX}${input.withdraw}` : input.details?.normalize('NFC').trim() || null;
  const code = String(randomInt(0, 10 ** VERIFY.digits)).padStart(VERIFY.digits, '0');
  const salt = randomBytes(8).toString('hex');
  const tracking = formatTrackingCode(item.tracking_code);
  const subject = `Lắng Nghe — mã xác minh yêu cầu về dữ liệu cá nhân (${tracking})`;
  const body = `Mã xác minh yêu cầu về dữ liệu cá nhân của Ông/Bà (ý kiến ${tracking}): ${code}\n\n` +
    `Mã có hiệu lực trong ${VERIFY.ttlMs / 60_000} phút. Không cung cấp mã này cho người khác. ` +
    'Nếu Ông/Bà không gửi yêu cầu này, hãy bỏ qua tin nhắn.';
  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const { id } = await trx.insertInto('data_requests').values({
      item_id: item.id, unit_id: item.unit_id, kind, details, state: 'unverified', code_hash: `${salt}.${hashCode(code, salt)}`,
      attempts: 0, received_at: now, due_on: null, answered_at: null, answer: null,
    }).returning('id').executeTakeFirstOrThrow();
    const sentTo: string[] = [];
    if (contact.email) {
      await enqueueNotification(trx, { itemId: item.id, adapter: 'email', recipient: contact.email, subject, body });
      sentTo.push(maskEmail(contact.email));
    }
    if (contact.phone) {
      await enqueueNotification(trx, { itemId: item.id, adapter: 'webhook', recipient: contact.phone, subject, body });
      sentTo.push(maskPhone(contact.phone));
    }
    await appendAudit(trx, engine, ctx.audit, {
      action: 'data_request.create', entityType: 'data_request', entityId: id, unitId: item.unit_id,
      after: { itemId: item.id, kind, withdraw: withdrawPurposeOf(details) ?? undefined, channels: sentTo.length },
    });
    return { ok: true as const, requestId: id, sentTo };
  });
}

export interface PublicDataRequest {
  id: number;
  kind: DataRequestKind;
  withdraw: ConsentPurpose | null;
  state: DataRequestState;
  receivedAt: string;
  dueOn: string | null;
  answeredAt: string | null;
  attemptsLeft: number;
  expired: boolean;
}

function presentPublic(r: { id: number; kind: DataRequestKind; details: string | null; state: DataRequestState; received_at: string; due_on: string | null; answered_at: string | null; attempts: number }): PublicDataRequest {
  return {
    id: r.id, kind: r.kind, withdraw: withdrawPurposeOf(r.details), state: r.state, receivedAt: r.received_at, dueOn: r.due_on,
    answeredAt: r.answered_at, attemptsLeft: Math.max(0, VERIFY.maxAttempts - r.attempts),
    expired: r.state === 'unverified' && Date.parse(r.received_at) + VERIFY.ttlMs < Date.now(),
  };
}

const PUBLIC_COLUMNS = ['id', 'kind', 'details', 'state', 'received_at', 'due_on', 'answered_at', 'attempts'] as const;

/** The item's requests as the citizen sees them (no details, which may hold personal data). */
export async function dataRequestsOf(services: AppServices, itemId: number): Promise<PublicDataRequest[]> {
  const rows = await services.database.db.selectFrom('data_requests').select([...PUBLIC_COLUMNS])
    .where('item_id', '=', itemId).orderBy('id', 'desc').limit(20).execute();
  return rows.map(presentPublic);
}

export async function dataRequestOf(services: AppServices, itemId: number, requestId: number): Promise<PublicDataRequest | null> {
  const row = await services.database.db.selectFrom('data_requests').select([...PUBLIC_COLUMNS])
    .where('id', '=', requestId).where('item_id', '=', itemId).executeTakeFirst();
  return row ? presentPublic(row) : null;
}

/** Everything held about the person behind an item (core/feedback/shapes.ts HeldData). */
export async function heldData(q: Q, submitterId: number): Promise<HeldData | null> {
  const s = await q.selectFrom('feedback_submitters').selectAll().where('id', '=', submitterId).executeTakeFirst();
  if (!s) return null;
  const [consents, items] = await Promise.all([
    q.selectFrom('feedback_consents').select(['purpose', 'text_version', 'given_at', 'withdrawn_at']).where('submitter_id', '=', submitterId).orderBy('id').execute(),
    q.selectFrom('feedback_items').select(['tracking_code', 'unit_id', 'register_year', 'register_no', 'received_on', 'summary'])
      .where('submitter_id', '=', submitterId).orderBy('id').execute(),
  ]);
  return {
    fullName: s.full_name, phone: s.phone, email: s.email, address: s.address, roleTitle: s.role_title, organisation: s.organisation,
    createdAt: s.created_at, anonymisedAt: s.anonymised_at,
    consents: consents.map((c) => ({ purpose: c.purpose, textVersion: c.text_version, givenAt: c.given_at, withdrawnAt: c.withdrawn_at })),
    items: items.map((i) => ({ trackingCode: i.tracking_code, unitId: i.unit_id, register: { year: i.register_year, no: i.register_no }, receivedOn: i.received_on, summary: i.summary })),
  };
}

export type VerifyResult =
  | { ok: true; request: PublicDataRequest; withdrawn: ConsentPurpose | null; data: HeldData | null }
  | { ok: false; reason: 'not_found' | 'not_pending' | 'expired' | 'locked' }
  | { ok: false; reason: 'wrong'; attemptsLeft: number };

/**
 * Checks the code the citizen typed. Right: the request opens with its 2-working-day clock (a consent withdrawal
 * takes effect at once and is done). Wrong: one attempt fewer; the fifth wrong code closes the request.
 */
export async function verifyDataRequest(ctx: CitizenCtx, item: ItemRow, requestId: number, code: string): Promise<VerifyResult> {
  const db = ctx.database.db;
  const req = await db.selectFrom('data_requests').selectAll().where('id', '=', requestId).where('item_id', '=', item.id).executeTakeFirst();
  if (!req) return { ok: false, reason: 'not_found' };
  if (req.state !== 'unverified') return { ok: false, reason: 'not_pending' };
  if (req.attempts >= VERIFY.maxAttempts) return { ok: false, reason: 'locked' };
  if (Date.parse(req.received_at) + VERIFY.ttlMs < Date.now()) return { ok: false, reason: 'expired' };
  const typed = code.replace(/\s/g, '');
  const right = /^\d{6}$/.test(typed) && codeMatches(req.code_hash, typed);
  const today = todayVN();
  const { calendar } = await feedbackConfig(ctx.database);
  const withdraw = withdrawPurposeOf(req.details);

  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    if (!right) {
      const row = await trx.updateTable('data_requests').set({ attempts: sql<number>`attempts + 1` })
        .where('id', '=', req.id).where('state', '=', 'unverified').returning('attempts').executeTakeFirst();
      const attempts = row?.attempts ?? VERIFY.maxAttempts;
      const locked = attempts >= VERIFY.maxAttempts;
      if (locked) {
        await trx.updateTable('data_requests').set({ state: 'refused', code_hash: null, answered_at: now, answer: 'Nhập sai mã xác minh quá số lần cho phép.' })
          .where('id', '=', req.id).where('state', '=', 'unverified').execute();
      }
      await appendAudit(trx, engine, ctx.audit, {
        action: 'data_request.verify_failed', entityType: 'data_request', entityId: req.id, unitId: req.unit_id, after: { attempts, locked },
      });
      return locked ? { ok: false as const, reason: 'locked' as const } : { ok: false as const, reason: 'wrong' as const, attemptsLeft: VERIFY.maxAttempts - attempts };
    }
    const dueOn = calendar.addWorkingDays(today, DATA_REQUEST_DAYS);
    const r = await trx.updateTable('data_requests')
      .set(withdraw
        ? { state: 'done', code_hash: null, due_on: dueOn, answered_at: now, answer: `Đã rút lại đồng ý (${withdraw}).` }
        : { state: 'open', code_hash: null, due_on: dueOn })
      .where('id', '=', req.id).where('state', '=', 'unverified').where('attempts', '<', VERIFY.maxAttempts).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { ok: false as const, reason: 'not_pending' as const };
    await appendAudit(trx, engine, ctx.audit, {
      action: 'data_request.verify', entityType: 'data_request', entityId: req.id, unitId: req.unit_id,
      after: { kind: req.kind, state: withdraw ? 'done' : 'open', dueOn },
    });
    if (withdraw && item.submitter_id !== null) {
      const w = await trx.updateTable('feedback_consents').set({ withdrawn_at: now })
        .where('submitter_id', '=', item.submitter_id).where('purpose', '=', withdraw).where('withdrawn_at', 'is', null).executeTakeFirst();
      await appendAudit(trx, engine, ctx.audit, {
        action: 'feedback.consent_withdraw', entityType: 'feedback_item', entityId: item.id, unitId: item.unit_id,
        after: { purpose: withdraw, withdrawn: Number(w.numUpdatedRows), dataRequestId: req.id },
      });
    }
    const after = await trx.selectFrom('data_requests').select([...PUBLIC_COLUMNS]).where('id', '=', req.id).executeTakeFirstOrThrow();
    // The person has just proved they hold the contact on file: they may see what is kept about them.
    const data = item.submitter_id !== null ? await heldData(trx, item.submitter_id) : null;
    return { ok: true as const, request: presentPublic(after), withdrawn: withdraw, data };
  });
}
