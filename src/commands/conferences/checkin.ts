// Attendance: staff tick delegates on a tablet; delegates check themselves in with the QR code on their invitation
// (selfCheckIn) or, not on the list, through the conference's walk-in form (walkInCheckIn). Self check-in works
// only while it is switched on and on the conference day in Vietnam. Every change is audited.
import { nowIso, todayVN } from '../../core/dates.ts';
import { AppError, errors, type FieldIssue } from '../../core/errors.ts';
import { foldVi } from '../../core/feedback/normalize.ts';
import type { DelegateCategory } from '../../db/schema.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { inTx } from '../../db/tx.ts';
import type { ActorContext, CommandContext } from '../context.ts';
import { newCheckinToken, presentDelegate } from './delegates.ts';
import { assertNotCancelled, conferenceFor, type ConferenceRow } from './shared.ts';

/** Staff tick (present) or untick a delegate; answers the delegate as listed. */
export async function staffCheckIn(ctx: ActorContext, conferenceId: number, input: { delegateId: number; present: boolean }) {
  const c = await conferenceFor(ctx, conferenceId, 'run');
  assertNotCancelled(c);
  const d = await ctx.database.db.selectFrom('conference_delegates').selectAll().where('id', '=', input.delegateId)
    .where('conference_id', '=', conferenceId).executeTakeFirst();
  if (!d) throw errors.field('delegateId', 'conference.delegate_unknown');
  if (!!d.checked_in_at === input.present) return presentDelegate(d);
  const row = await inTx(ctx.database, async (trx, engine) => {
    const now = nowIso();
    const u = await trx.updateTable('conference_delegates')
      .set(input.present ? { checked_in_at: now, checkin_method: 'staff' } : { checked_in_at: null, checkin_method: null })
      .where('id', '=', d.id).where('checked_in_at', input.present ? 'is' : 'is not', null).returningAll().executeTakeFirst();
    if (!u) throw errors.conflict();
    await appendAudit(trx, engine, ctx.audit, {
      action: input.present ? 'conference.checkin' : 'conference.checkin_undo', entityType: 'conference_delegate', entityId: d.id,
      unitId: c.unit_id, before: { checkedInAt: d.checked_in_at }, after: { checkedInAt: u.checked_in_at, method: u.checkin_method },
    });
    return u;
  });
  return presentDelegate(row);
}

/** Public check-in refuses with this (the page says check-in is closed). */
const closed = () => new AppError('conflict', { fields: { checkin: { key: 'conference.checkin_closed' } } });

function assertSelfCheckinOpen(c: ConferenceRow): void {
  if (c.state === 'cancelled' || c.checkin_open !== 1 || c.held_on !== todayVN()) throw closed();
}

export interface SelfCheckinResult {
  /** True when the delegate had already checked in (the page says so; nothing is written). */
  already: boolean;
  /** When the delegate checked in (now, or earlier when `already`). */
  checkedInAt: string;
  delegate: { fullName: string };
  conference: { id: number; title: string; venue: string; heldOn: string; startsAt: string; unitId: number };
}

const confFacts = (c: ConferenceRow) => ({ id: c.id, title: c.title, venue: c.venue, heldOn: c.held_on, startsAt: c.starts_at, unitId: c.unit_id });

/**
 * A delegate's own QR code (/hn/d/<token>): checks them in. Unknown token: 404 (not_found); self check-in off or
 * not the conference day: 409 with fields.checkin. ctx.audit is the public request's context (no actor).
 */
export async function selfCheckIn(ctx: CommandContext, token: string): Promise<SelfCheckinResult> {
  const t = token.trim().toUpperCase();
  if (!/^[2-9A-Z]{20}$/.test(t)) throw errors.notFound();
  const d = await ctx.database.db.selectFrom('conference_delegates').selectAll().where('checkin_token', '=', t).executeTakeFirst();
  const c = d && (await ctx.database.db.selectFrom('conferences').selectAll().where('id', '=', d.conference_id).executeTakeFirst());
  if (!d || !c || d.anonymised_at) throw errors.notFound();
  assertSelfCheckinOpen(c);
  if (d.checked_in_at) return { already: true, checkedInAt: d.checked_in_at, delegate: { fullName: d.full_name }, conference: confFacts(c) };
  const at = nowIso();
  await inTx(ctx.database, async (trx, engine) => {
    const u = await trx.updateTable('conference_delegates').set({ checked_in_at: at, checkin_method: 'self' })
      .where('id', '=', d.id).where('checked_in_at', 'is', null).executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) return;
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.checkin', entityType: 'conference_delegate', entityId: d.id, unitId: c.unit_id, after: { method: 'self' },
    });
  });
  return { already: false, checkedInAt: at, delegate: { fullName: d.full_name }, conference: confFacts(c) };
}

export interface WalkInInput {
  fullName: string;
  title?: string | null;
  organisation?: string | null;
  village?: string | null;
  category?: DelegateCategory;
}

const MAX = 200;

/**
 * The walk-in form (/hn/<code>/diem-danh): someone not on the list signs in (a walk-in delegate, checked in). A
 * person already on the list under the same name (folded) is checked in instead of added twice. Unknown code:
 * 404; closed: 409 with fields.checkin; bad fields: 400 per field (fullName, title, organisation, village).
 */
export async function walkInCheckIn(ctx: CommandContext, publicCode: string, input: WalkInInput): Promise<SelfCheckinResult> {
  const code = publicCode.trim().toUpperCase();
  if (!/^[2-9A-Z]{4,16}$/.test(code)) throw errors.notFound();
  const c = await ctx.database.db.selectFrom('conferences').selectAll().where('public_code', '=', code).executeTakeFirst();
  if (!c) throw errors.notFound();
  assertSelfCheckinOpen(c);
  const issues: Record<string, FieldIssue> = {};
  const field = (name: 'fullName' | 'title' | 'organisation' | 'village') => {
    const v = input[name]?.normalize('NFC').trim() || null;
    if (v && v.length > MAX) issues[name] = { key: 'validation.too_long', params: { max: MAX } };
    else if (v?.includes('\u0000')) issues[name] = { key: 'validation.format' };
    return v;
  };
  const fullName = field('fullName');
  if (!fullName) issues.fullName = { key: 'validation.required' };
  const title = field('title');
  const organisation = field('organisation');
  const village = field('village');
  if (Object.keys(issues).length) throw errors.validation(issues);
  const key = foldVi(fullName!);
  const listed = (await ctx.database.db.selectFrom('conference_delegates').select(['id', 'full_name', 'checked_in_at'])
    .where('conference_id', '=', c.id).where('anonymised_at', 'is', null).execute()).find((d) => foldVi(d.full_name) === key);
  if (listed?.checked_in_at) return { already: true, checkedInAt: listed.checked_in_at, delegate: { fullName: listed.full_name }, conference: confFacts(c) };
  const now = nowIso();
  await inTx(ctx.database, async (trx, engine) => {
    let id: number;
    if (listed) {
      await trx.updateTable('conference_delegates').set({ checked_in_at: now, checkin_method: 'self' }).where('id', '=', listed.id).execute();
      id = listed.id;
    } else {
      id = (await trx.insertInto('conference_delegates').values({
        conference_id: c.id, full_name: fullName!, title, organisation, village, phone: null, email: null,
        category: input.category ?? 'resident', checkin_token: newCheckinToken(), checked_in_at: now, checkin_method: 'self',
        walk_in: 1, created_at: now, anonymised_at: null,
      }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await appendAudit(trx, engine, ctx.audit, {
      action: 'conference.checkin', entityType: 'conference_delegate', entityId: id, unitId: c.unit_id,
      after: { method: 'self', walkIn: !listed },
    });
  });
  return { already: false, checkedInAt: now, delegate: { fullName: listed?.full_name ?? fullName! }, conference: confFacts(c) };
}
