// The delegate list: add, edit, remove (not once checked in), and the contact details — shown only to those who
// may see them, each view an audit event. Lists never carry phone or email.
import { cleanOrNull } from '../../core/text.ts';
import { compareVi } from '../../core/collate.ts';
import { normalizePhoneVN } from '../../core/conferences/phone.ts';
import { nowIso } from '../../core/dates.ts';
import { errors, type FieldIssue } from '../../core/errors.ts';
import type { ConferenceDelegatesTable, DelegateCategory } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx, type Q } from '../../db/tx.ts';
import type { Selectable, Updateable } from 'kysely';
import type { ActorContext } from '../context.ts';
import { assertNotCancelled, conferenceFor, randomCode } from './shared.ts';

export interface DelegateInput {
  fullName: string;
  title?: string | null;
  organisation?: string | null;
  village?: string | null;
  phone?: string | null;
  email?: string | null;
  category: DelegateCategory;
}

type DelegateRow = Selectable<ConferenceDelegatesTable>;

const clean = cleanOrNull;

/** A delegate's personal check-in code (printed as a QR code on the invitation): 20 characters, unguessable. */
export const newCheckinToken = () => randomCode(20);

/** The list entry: no phone, no email. */
export function presentDelegate(d: DelegateRow) {
  return {
    id: d.id, fullName: d.full_name, title: d.title, organisation: d.organisation, village: d.village, category: d.category,
    checkedInAt: d.checked_in_at, checkinMethod: d.checkin_method, walkIn: d.walk_in === 1, hasContact: !!(d.phone || d.email),
  };
}

/** The phone normalised (or the field problem), for a value that may be absent. */
function phoneOf(raw: string | null | undefined, issues: Record<string, FieldIssue>): string | null {
  const s = clean(raw);
  if (!s) return null;
  const r = normalizePhoneVN(s);
  if ('error' in r) {
    issues.phone = { key: r.error };
    return null;
  }
  return r.phone;
}

/** Every delegate row of a conference, contact included (for commands, never sent as is). */
export function delegatesOf(q: Q, conferenceId: number) {
  return q.selectFrom('conference_delegates').selectAll().where('conference_id', '=', conferenceId).execute();
}

/** The delegates of a conference, in Vietnamese order of their names. */
export async function listDelegates(ctx: ActorContext, conferenceId: number) {
  await conferenceFor(ctx, conferenceId, 'read');
  const rows = await delegatesOf(ctx.database.db, conferenceId);
  rows.sort((a, b) => compareVi(a.full_name, b.full_name) || a.id - b.id);
  return { delegates: rows.map(presentDelegate) };
}

async function delegateOf(ctx: ActorContext, conferenceId: number, delegateId: number): Promise<DelegateRow> {
  const d = await ctx.database.db.selectFrom('conference_delegates').selectAll().where('id', '=', delegateId)
    .where('conference_id', '=', conferenceId).executeTakeFirst();
  if (!d) throw errors.notFound();
  return d;
}

/** Adds one delegate (201). */
export async function addDelegate(ctx: ActorContext, conferenceId: number, input: DelegateInput) {
  const c = await conferenceFor(ctx, conferenceId, 'plan');
  assertNotCancelled(c);
  const issues: Record<string, FieldIssue> = {};
  const fullName = clean(input.fullName);
  if (!fullName) issues.fullName = { key: 'validation.required' };
  const phone = phoneOf(input.phone, issues);
  if (Object.keys(issues).length) throw errors.validation(issues);
  const row = await inTx(ctx.database, async (trx, engine) => {
    const d = await trx.insertInto('conference_delegates').values({
      conference_id: conferenceId, full_name: fullName!, title: clean(input.title), organisation: clean(input.organisation),
      village: clean(input.village), phone, email: clean(input.email)?.toLowerCase() ?? null, category: input.category,
      checkin_token: newCheckinToken(), checked_in_at: null, checkin_method: null, walk_in: 0, created_at: nowIso(), anonymised_at: null,
    }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.delegate_add', entityType: 'conference_delegate', entityId: d.id, unitId: c.unit_id,
      after: { conferenceId, fullName: d.full_name, category: d.category, hasContact: !!(d.phone || d.email) },
    });
    return d;
  });
  return presentDelegate(row);
}

/** Edits a delegate (any field; phone and email cleared with null). */
export async function editDelegate(ctx: ActorContext, conferenceId: number, delegateId: number, input: Partial<DelegateInput>) {
  const c = await conferenceFor(ctx, conferenceId, 'plan');
  assertNotCancelled(c);
  const d = await delegateOf(ctx, conferenceId, delegateId);
  const issues: Record<string, FieldIssue> = {};
  const set: Updateable<ConferenceDelegatesTable> = {};
  if (input.fullName !== undefined) {
    const n = clean(input.fullName);
    if (!n) issues.fullName = { key: 'validation.required' };
    else set.full_name = n;
  }
  if (input.title !== undefined) set.title = clean(input.title);
  if (input.organisation !== undefined) set.organisation = clean(input.organisation);
  if (input.village !== undefined) set.village = clean(input.village);
  if (input.phone !== undefined) set.phone = phoneOf(input.phone, issues);
  if (input.email !== undefined) set.email = clean(input.email)?.toLowerCase() ?? null;
  if (input.category !== undefined) set.category = input.category;
  if (Object.keys(issues).length) throw errors.validation(issues);
  if (!Object.keys(set).length) return presentDelegate(d);
  const row = await inTx(ctx.database, async (trx, engine) => {
    const u = await trx.updateTable('conference_delegates').set(set).where('id', '=', delegateId).returningAll().executeTakeFirstOrThrow();
    // Contact values stay out of the audit trail: only that they changed.
    const redact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'phone' || k === 'email' ? (v ? '***' : null) : v]));
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.delegate_update', entityType: 'conference_delegate', entityId: delegateId, unitId: c.unit_id,
      before: redact(Object.fromEntries(Object.keys(set).map((k) => [k, d[k as keyof DelegateRow]]))), after: redact(set as Record<string, unknown>),
    });
    return u;
  });
  return presentDelegate(row);
}

/** Removes a delegate who has not checked in (attendance, once recorded, stays). */
export async function removeDelegate(ctx: ActorContext, conferenceId: number, delegateId: number) {
  const c = await conferenceFor(ctx, conferenceId, 'plan');
  assertNotCancelled(c);
  const d = await delegateOf(ctx, conferenceId, delegateId);
  if (d.checked_in_at) throw errors.conflict('conflict', { delegateId: { key: 'conference.delegate_checked_in' } });
  const used = await ctx.database.db.selectFrom('conference_opinions').select('id').where('delegate_id', '=', delegateId).limit(1).executeTakeFirst();
  if (used) throw errors.conflict('conflict', { delegateId: { key: 'conference.delegate_has_opinions' } });
  await inTx(ctx.database, async (trx, engine) => {
    const r = await trx.deleteFrom('conference_delegates').where('id', '=', delegateId).where('checked_in_at', 'is', null).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw errors.conflict();
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.delegate_remove', entityType: 'conference_delegate', entityId: delegateId, unitId: c.unit_id,
      before: { conferenceId, fullName: d.full_name, category: d.category },
    });
  });
  return { ok: true };
}

/** The delegate's phone and email (policy `contact`); each view writes `conference.delegate_contact_view`. */
export async function delegateContact(ctx: ActorContext, conferenceId: number, delegateId: number) {
  const c = await conferenceFor(ctx, conferenceId, 'contact');
  const d = await delegateOf(ctx, conferenceId, delegateId);
  await inTx(ctx.database, (trx, engine) => appendAudit(trx, engine, ctx.audit, {
    action: 'conference.delegate_contact_view', entityType: 'conference_delegate', entityId: delegateId, unitId: c.unit_id,
    after: { conferenceId },
  }));
  return { id: d.id, fullName: d.full_name, phone: d.phone, email: d.email };
}
