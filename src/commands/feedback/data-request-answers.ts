// Data-subject requests, the staff's side: the open requests of units in scope, one with the data held about
// its person, and the answer (corrections, deletion, restriction, ...), each in one transaction with its audit
// event. The citizen's side (asking, verifying) is data-requests.ts.
import { sql } from 'kysely';
import { nowIso, todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { formatTrackingCode } from '../../core/feedback/tracking.ts';
import { feedbackPolicy } from '../../core/policy/feedback.ts';
import type { Actor } from '../../core/roles.ts';
import type { HeldData } from '../../core/feedback/shapes.ts';
import type { DataRequestState } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import { inTx } from '../../db/tx.ts';
import { enqueueNotification } from '../../notify/outbox.ts';
import type { CommandContext } from '../context.ts';
import { heldData, withdrawPurposeOf } from './data-requests.ts';

type StaffCtx = CommandContext & { actor: Actor };

export interface DataRequestFilter {
  state?: DataRequestState;
  unitId?: number;
  limit?: number;
  offset?: number;
}

/** Requests of units where the actor may see contact details, the soonest due first. */
export async function listDataRequests(ctx: StaffCtx, f: DataRequestFilter) {
  let unitIds = feedbackPolicy.unitIds(ctx.actor, 'contact');
  const today = todayVN();
  const graph = await ctx.access.unitGraph();
  if (f.unitId !== undefined) {
    const sub = graph.scopeOf(f.unitId, today);
    unitIds = unitIds.filter((u) => sub.has(u));
  }
  const limit = Math.min(f.limit ?? 50, 200);
  if (!unitIds.length) return { requests: [], hasMore: false };
  const { calendar } = await feedbackConfig(ctx.database);
  const rows = await ctx.database.db.selectFrom('data_requests as d').innerJoin('feedback_items as i', 'i.id', 'd.item_id')
    .select(['d.id', 'd.item_id', 'd.unit_id', 'd.kind', 'd.details', 'd.state', 'd.received_at', 'd.due_on', 'd.answered_at',
      'i.tracking_code', 'i.register_year', 'i.register_no'])
    .where('d.unit_id', 'in', unitIds).where('d.state', '=', f.state ?? 'open')
    .orderBy(sql`case when d.due_on is null then 1 else 0 end`).orderBy('d.due_on').orderBy('d.id')
    .limit(limit + 1).offset(f.offset ?? 0).execute();
  return {
    hasMore: rows.length > limit,
    requests: rows.slice(0, limit).map((r) => ({
      id: r.id, itemId: r.item_id, trackingCode: r.tracking_code, register: { year: r.register_year, no: r.register_no },
      unitId: r.unit_id, unitName: graph.nameOn(r.unit_id, today) ?? '',
      kind: r.kind, withdraw: withdrawPurposeOf(r.details), details: withdrawPurposeOf(r.details) ? null : r.details, state: r.state,
      receivedAt: r.received_at, dueOn: r.due_on, answeredAt: r.answered_at,
      overdue: r.state === 'open' && !!r.due_on && r.due_on < today,
      workingDaysLeft: r.state === 'open' && r.due_on ? calendar.workingDaysBetween(today, r.due_on) : null,
    })),
  };
}

async function requestInScope(ctx: StaffCtx, id: number) {
  const req = await ctx.database.db.selectFrom('data_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!req || !feedbackPolicy.can(ctx.actor, 'read', req.unit_id)) throw errors.notFound();
  if (!feedbackPolicy.can(ctx.actor, 'contact', req.unit_id)) throw errors.forbidden();
  const item = await ctx.database.db.selectFrom('feedback_items').select(['id', 'tracking_code', 'submitter_id', 'unit_id'])
    .where('id', '=', req.item_id).executeTakeFirstOrThrow();
  return { req, item };
}

/** One request with the data held about its person (a view of personal data: logged). */
export async function dataRequestDetail(ctx: StaffCtx, id: number) {
  const { req, item } = await requestInScope(ctx, id);
  const data = item.submitter_id !== null ? await heldData(ctx.database.db, item.submitter_id) : null;
  await inTx(ctx.database, (trx, engine) => appendAudit(trx, engine, ctx.audit, {
    action: 'feedback.contact_view', entityType: 'feedback_item', entityId: item.id, unitId: item.unit_id, after: { dataRequestId: id },
  }));
  return {
    id: req.id, itemId: item.id, trackingCode: item.tracking_code, unitId: req.unit_id, kind: req.kind,
    withdraw: withdrawPurposeOf(req.details), details: withdrawPurposeOf(req.details) ? null : req.details, state: req.state,
    receivedAt: req.received_at, dueOn: req.due_on, answeredAt: req.answered_at, answer: req.answer, data,
  };
}

export interface Corrections {
  fullName?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface CompleteInput {
  /** What the citizen is told (required to refuse, restrict or object). */
  answer?: string | null;
  /** 'correct': the new values; a null or empty value clears the field. */
  corrections?: Corrections | null;
  /** Refuse the request (the answer gives the reason). */
  refuse?: boolean;
}

const COLUMN: Record<keyof Corrections, 'full_name' | 'phone' | 'email' | 'address'> = {
  fullName: 'full_name', phone: 'phone', email: 'email', address: 'address',
};

function describeHeld(d: HeldData): string {
  const line = (label: string, v: string | null) => (v ? `${label}: ${v}\n` : '');
  return line('Họ và tên', d.fullName) + line('Số điện thoại', d.phone) + line('Email', d.email) + line('Địa chỉ', d.address) +
    line('Chức danh', d.roleTitle) + line('Cơ quan, tổ chức', d.organisation) +
    (d.consents.length ? `Đồng ý: ${d.consents.map((c) => `${c.purpose} (phiên bản ${c.textVersion}${c.withdrawnAt ? ', đã rút lại' : ''})`).join('; ')}\n` : '') +
    `Ý kiến đã gửi: ${d.items.map((i) => formatTrackingCode(i.trackingCode)).join(', ')}`;
}

/**
 * Answers an open request: 'see' returns (and sends to the contact on file) the data held, 'correct' applies the
 * corrections, 'delete' anonymises the person (details cleared, consents withdrawn, their notifications redacted),
 * 'restrict' and 'object' record the answer; or the request is refused with a reason. One transaction, audited.
 */
export async function completeDataRequest(ctx: StaffCtx, id: number, input: CompleteInput) {
  const { req, item } = await requestInScope(ctx, id);
  if (req.state !== 'open') throw errors.conflict('conflict', { state: { key: 'feedback.data_request_not_open' } });
  const answer = input.answer?.normalize('NFC').trim() || null;
  const refuse = input.refuse === true;
  if ((refuse || req.kind === 'restrict' || req.kind === 'object') && !answer) throw errors.field('answer', 'validation.required');
  const corrections = Object.entries(input.corrections ?? {}).filter(([k]) => k in COLUMN) as [keyof Corrections, string | null | undefined][];
  if (!refuse && req.kind === 'correct' && !corrections.some(([, v]) => v !== undefined)) throw errors.field('corrections', 'validation.required');
  const submitterId = item.submitter_id;

  return inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const person = submitterId !== null ? await trx.selectFrom('feedback_submitters').selectAll().where('id', '=', submitterId).executeTakeFirst() : undefined;
    if (!refuse && req.kind !== 'restrict' && req.kind !== 'object' && (!person || person.anonymised_at !== null)) {
      throw errors.conflict('conflict', { state: { key: 'feedback.submitter_anonymised' } });
    }
    let data: HeldData | null = null;
    let changed: string[] = [];
    let text = answer;
    const contact = person && person.anonymised_at === null ? { email: person.email, phone: person.phone } : null;
    if (!refuse) {
      switch (req.kind) {
        case 'see':
          data = await heldData(trx, submitterId!);
          text = answer ?? 'Đơn vị đã cung cấp dữ liệu cá nhân đang lưu giữ.';
          break;
        case 'correct': {
          const set: Partial<Record<'full_name' | 'phone' | 'email' | 'address', string | null>> = {};
          for (const [k, v] of corrections) {
            if (v === undefined) continue;
            const value = v?.normalize('NFC').trim() || null;
            set[COLUMN[k]] = k === 'email' ? value?.toLowerCase() ?? null : value;
          }
          changed = Object.keys(set);
          await trx.updateTable('feedback_submitters').set(set).where('id', '=', submitterId!).execute();
          if (set.email !== undefined || set.phone !== undefined) {
            if (set.email !== undefined) contact!.email = set.email;
            if (set.phone !== undefined) contact!.phone = set.phone;
          }
          text = answer ?? 'Đơn vị đã chỉnh sửa dữ liệu cá nhân theo yêu cầu.';
          break;
        }
        case 'delete': {
          const old = [person!.email, person!.phone].filter((x): x is string => !!x);
          await trx.updateTable('feedback_submitters')
            .set({ full_name: null, phone: null, email: null, address: null, role_title: null, organisation: null, anonymised_at: now })
            .where('id', '=', submitterId!).execute();
          await trx.updateTable('feedback_consents').set({ withdrawn_at: now }).where('submitter_id', '=', submitterId!).where('withdrawn_at', 'is', null).execute();
          // Messages addressed to the person keep their address and name: redact them, and drop the unsent ones.
          const itemIds = (await trx.selectFrom('feedback_items').select('id').where('submitter_id', '=', submitterId!).execute()).map((r) => r.id);
          if (old.length && itemIds.length) {
            await trx.updateTable('notification_outbox')
              .set({ recipient: '-', subject: '[đã xóa]', body: '[đã xóa theo yêu cầu của chủ thể dữ liệu]', state: sql`case when state = 'pending' then 'failed' else state end`, last_error: sql`case when state = 'pending' then 'anonymised' else last_error end` })
              .where('item_id', 'in', itemIds).where('recipient', 'in', old).execute();
          }
          changed = ['full_name', 'phone', 'email', 'address', 'role_title', 'organisation'];
          text = answer ?? 'Đơn vị đã xóa thông tin cá nhân của Ông/Bà khỏi hồ sơ ý kiến.';
          break;
        }
        case 'restrict':
        case 'object':
          break;
      }
    }
    const state: DataRequestState = refuse ? 'refused' : 'done';
    const r = await trx.updateTable('data_requests').set({ state, answered_at: now, answer: text })
      .where('id', '=', req.id).where('state', '=', 'open').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw errors.conflict('conflict');
    await appendAudit(trx, engine, ctx.audit, {
      action: refuse ? 'data_request.refuse' : 'data_request.complete', entityType: 'data_request', entityId: req.id, unitId: req.unit_id,
      before: { state: 'open' }, after: { state, kind: req.kind, fields: changed.length ? changed : undefined, late: !!req.due_on && todayVN() > req.due_on },
    });
    // The answer goes to the contact on file (after a deletion there is none left to write to).
    if (contact && !(req.kind === 'delete' && !refuse)) {
      const tracking = formatTrackingCode(item.tracking_code);
      const subject = `Lắng Nghe — trả lời yêu cầu về dữ liệu cá nhân (${tracking})`;
      const body = `${text ?? ''}${data ? `\n\nDữ liệu đang lưu giữ:\n${describeHeld(data)}` : ''}\n\nMã theo dõi: ${tracking}`;
      if (contact.email) await enqueueNotification(trx, { itemId: item.id, adapter: 'email', recipient: contact.email, subject, body });
      if (contact.phone) await enqueueNotification(trx, { itemId: item.id, adapter: 'webhook', recipient: contact.phone, subject, body });
    }
    return { id: req.id, state, answer: text, data, changed };
  });
}
