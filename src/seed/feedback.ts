// The demo register: a year of opinions in the province's communes from every channel, handled through the same
// commands the console uses (entry, acceptance, assignment, answers, approval, closing, transfers of complaints),
// then placed in time: each item's days are spread over the past year, so lists, deadlines and figures look
// like a unit's real register (some items answered late, some overdue now).
import { auditContextOf, type CommandContext } from '../commands/context.ts';
import { actOnItem } from '../commands/feedback/handle.ts';
import { receiveFeedback } from '../commands/feedback/intake.ts';
import { createUser } from '../commands/users/manage.ts';
import { todayVN } from '../core/dates.ts';
import type { FeedbackAction } from '../core/feedback/lifecycle.ts';
import { citizenMessages } from '../core/feedback/messages.ts';
import type { Actor } from '../core/roles.ts';
import type { UnitGraph } from '../core/units/graph.ts';
import { codeSlug } from '../core/text.ts';
import type { FeedbackChannel, FeedbackOutcome } from '../db/schema.ts';
import { feedbackConfig } from '../db/repos/feedback-config.ts';
import { inTx, type Q, type Tx } from '../db/tx.ts';
import { seedDataRequests } from './data-requests.ts';
import { DEMO } from './demo.ts';
import { CONFERENCE_ROLES, OPINIONS, PEOPLE, VILLAGES, type SampleOpinion } from './feedback-texts.ts';
import { DEMO_PASSWORD, personaActor } from './personas.ts';
import { prng } from './surveys.ts';

interface UnitCast {
  unitId: number;
  name: string;
  items: number;
  clerk: Actor;
  officer: Actor;
  leader: Actor;
}

const CHANNELS: readonly [FeedbackChannel, number][] = [
  ['web', 0.22], ['qr', 0.1], ['hotline', 0.2], ['walk_in', 0.18], ['letter', 0.08], ['suggestion_box', 0.07], ['conference', 0.15],
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function weighted<T>(rnd: () => number, list: readonly [T, number][]): T {
  let r = rnd() * list.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of list) if ((r -= w) <= 0) return v;
  return list[list.length - 1]![0];
}

function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export async function seedFeedback(ctx: CommandContext, graph: UnitGraph): Promise<void> {
  const db = ctx.database.db;
  const today = todayVN();
  const rnd = prng(311);
  const { calendar, deadlines } = await feedbackConfig(ctx.database);

  const actorOf = (username: string) => personaActor(ctx, username);

  // Eight more communes get an officer of their own, so their items are handled by someone who works there.
  const communes = [...graph.scopeOf(graph.idOf(DEMO.province)!, today)]
    .filter((id) => graph.units.get(id)?.level === 'commune' && graph.versionAt(id, today))
    .sort((a, b) => a - b);
  const personaCommunes = new Set([DEMO.thieuHoaCommune, DEMO.dinhHoaCommune, DEMO.thieuTrungCommune].map((c) => graph.idOf(c)!));
  const extra = communes.filter((id) => !personaCommunes.has(id)).filter((_, i) => i % 19 === 3).slice(0, 8);
  for (const id of extra) {
    const v = graph.versionAt(id, today)!;
    await createUser(ctx, {
      username: `canbo.${codeSlug(v.name.replace(/^Công an (xã|phường)\s+/i, '')).toLowerCase()}`, password: DEMO_PASSWORD,
      fullName: `${pick(rnd, PEOPLE)}`, phone: null, email: null, unitId: id,
    }, { grants: [{ unitId: id, role: 'officer' }] });
  }

  const leaderTinh = await actorOf('lanhdao.tinh');
  const cast: UnitCast[] = [
    { unitId: graph.idOf(DEMO.thieuHoaCommune)!, items: 90, clerk: await actorOf('nhaplieu.thieuhoa'), officer: await actorOf('canbo.thieuhoa'), leader: await actorOf('lanhdao.thieuhoa') },
    { unitId: graph.idOf(DEMO.dinhHoaCommune)!, items: 36, clerk: await actorOf('canbo.dinhhoa'), officer: await actorOf('canbo.dinhhoa'), leader: leaderTinh },
  ].map((c) => ({ ...c, name: graph.versionAt(c.unitId, today)!.name }));
  for (const id of extra) {
    const officer = await db.selectFrom('grants').innerJoin('users', 'users.id', 'grants.user_id').select('users.username').where('grants.unit_id', '=', id).executeTakeFirstOrThrow();
    const a = await actorOf(officer.username);
    cast.push({ unitId: id, name: graph.versionAt(id, today)!.name, items: 20 + Math.floor(rnd() * 12), clerk: a, officer: a, leader: leaderTinh });
  }

  const yearAgo = addDays(today, -340);
  const conferenceDay = `${Number(today.slice(0, 4)) - 1}-11-${String(10 + Math.floor(rnd() * 15)).padStart(2, '0')}`;
  // Drawn first and entered in date order, so register numbers run with the days as in a paper register.
  const plan: { unit: UnitCast; opinion: SampleOpinion; channel: FeedbackChannel; received: string }[] = [];
  for (const unit of cast) {
    for (let n = 0; n < unit.items; n++) {
      const opinion: SampleOpinion = pick(rnd, OPINIONS);
      const channel = weighted(rnd, CHANNELS);
      const received = channel === 'conference'
        ? calendar.nextWorkingDay(conferenceDay)
        : calendar.nextWorkingDay(addDays(yearAgo, Math.floor(Math.pow(rnd(), 0.8) * 338)));
      if (received <= today) plan.push({ unit, opinion, channel, received });
    }
  }
  plan.sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : 0));
  for (const { unit, opinion, channel, received } of plan) {
    {
      const thon = pick(rnd, VILLAGES);
      const text = opinion.text.replaceAll('{thon}', thon).replaceAll('{xa}', unit.name.replace(/^Công an /, ''));
      const named = channel === 'conference' || rnd() < 0.55;
      const role = channel === 'conference' ? pick(rnd, CONFERENCE_ROLES) : null;
      const person = pick(rnd, PEOPLE);
      const entry = channel === 'web' || channel === 'qr' ? null : rnd() < 0.5 ? unit.clerk : unit.officer;
      const actx = { ...ctx, actor: entry, actorKind: entry ? 'staff' as const : 'citizen' as const, audit: entry ? auditContextOf(entry, null, 'langnghe-seed') : ctx.audit };
      const { id } = await receiveFeedback(actx, {
        unitId: unit.unitId, channel, kind: opinion.kind, topicCode: opinion.topic, content: text, location: thon, receivedOn: received,
        submitter: named ? {
          fullName: role?.role === 'Người dân' || !role ? person : `${person}`, phone: rnd() < 0.6 ? `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` : null,
          address: `${thon}, ${unit.name.replace(/^Công an /, '')}`, roleTitle: role?.role ?? null, organisation: role?.organisation ?? null,
        } : null,
        consents: named && rnd() < 0.7 ? ['contact_updates'] : [],
      });

      // The steps this item went through, by how long ago it came in.
      const age = calendar.workingDaysBetween(received, today);
      const steps: { action: FeedbackAction; by: Actor; after: number; extra?: Record<string, unknown> }[] = [];
      const r = rnd();
      const handle = (upTo: number) => {
        steps.push({ action: 'accept', by: unit.officer, after: 1 + Math.floor(rnd() * 6) });
        if (upTo < 1) return;
        steps.push({ action: 'assign', by: unit.leader, after: 1, extra: { assigneeId: unit.officer.userId } });
        if (upTo < 2) return;
        steps.push({ action: 'start', by: unit.officer, after: 1 });
        if (upTo < 3) return;
        const late = rnd() < 0.12;
        steps.push({ action: 'draft', by: unit.officer, after: late ? 28 + Math.floor(rnd() * 10) : 3 + Math.floor(rnd() * 15), extra: { answer: (opinion.answer ?? 'Đơn vị đã tiếp thu và giải quyết.').replaceAll('{thon}', thon) } });
        if (upTo < 4) return;
        steps.push({ action: 'approve', by: unit.leader, after: 1 + Math.floor(rnd() * 2) });
        if (upTo < 5) return;
        steps.push({ action: 'close', by: unit.officer, after: Math.floor(rnd() * 2), extra: { outcome: (rnd() < 0.8 ? 'resolved' : 'explained') as FeedbackOutcome } });
      };
      if (opinion.kind === 'complaint' || opinion.kind === 'denunciation' || opinion.kind === 'crime_report') {
        if (age > 2) steps.push({ action: 'transfer', by: unit.officer, after: 1 + Math.floor(rnd() * 3) });
      } else if (opinion.kind === 'praise') {
        if (age > 3) {
          steps.push({ action: 'accept', by: unit.officer, after: 1 + Math.floor(rnd() * 3) });
          steps.push({ action: 'close', by: unit.officer, after: 1, extra: { outcome: 'thanked' } });
        }
      } else if (age > 45) {
        if (r < 0.04) steps.push({ action: 'refuse', by: unit.officer, after: 3, extra: { reason: 'Nội dung đã được giải quyết tại hội nghị, không có thông tin mới.' } });
        else if (r < 0.08) handle(2); // stuck in progress: overdue now
        else handle(5);
      } else if (age > 20) handle(r < 0.5 ? 5 : r < 0.7 ? 4 : r < 0.85 ? 3 : 2);
      else if (age > 5) handle(r < 0.3 ? 3 : r < 0.6 ? 2 : r < 0.8 ? 1 : 0);
      else if (r < 0.4) handle(0);

      const dates = [received];
      let day = received;
      for (const s of steps) {
        const next = calendar.addWorkingDays(day, s.after);
        if (next > today) break;
        await actOnItem({ ...ctx, actor: s.by, audit: auditContextOf(s.by, null, 'langnghe-seed') }, id, { action: s.action, ...s.extra });
        day = next;
        dates.push(day);
      }
      await placeInTime(ctx, id, dates, deadlines, calendar);
    }
  }
  await rateSome(ctx, rnd);
  await seedDataRequests(ctx, cast[0]!.unitId, cast[0]!.officer);
  // The demo's history is not announced again to fictional people.
  await db.deleteFrom('notification_outbox').execute();
}

/**
 * Moves an item's days to the dates it was handled on (the commands wrote today's date): event i to dates[i] (the
 * last date for the events after it), the item's received, acknowledged, due, answered and closed days with them.
 */
export async function placeInTime(ctx: CommandContext, id: number, dates: string[], deadlines: Awaited<ReturnType<typeof feedbackConfig>>['deadlines'], calendar: Awaited<ReturnType<typeof feedbackConfig>>['calendar']) {
  await inTx(ctx.database, (db) => placeItem(db, id, dates, deadlines, calendar));
}

async function placeItem(db: Tx, id: number, dates: string[], deadlines: Awaited<ReturnType<typeof feedbackConfig>>['deadlines'], calendar: Awaited<ReturnType<typeof feedbackConfig>>['calendar']) {
  const item = await db.selectFrom('feedback_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = await db.selectFrom('feedback_events').select(['id', 'action']).where('item_id', '=', id).orderBy('id').execute();
  const at = (d: string, i: number) => `${d}T0${1 + (i % 8)}:${String(10 + ((id * 7 + i * 13) % 50)).padStart(2, '0')}:00.000Z`;
  for (let i = 0; i < events.length; i++) {
    await db.updateTable('feedback_events').set({ at: at(dates[Math.min(i, dates.length - 1)]!, i) }).where('id', '=', events[i]!.id).execute();
  }
  const dateOf = (action: string) => {
    const i = events.findIndex((e) => e.action === action);
    return i < 0 ? null : dates[Math.min(i, dates.length - 1)]!;
  };
  const received = dates[0]!;
  const rule = deadlines[item.kind];
  const ackDue = calendar.addWorkingDays(received, rule.ack);
  const accepted = dateOf('accept');
  const ended = dateOf('refuse') ?? dateOf('transfer') ?? dateOf('forward');
  const resolveDue = accepted && rule.resolve !== null ? calendar.addWorkingDays(accepted, rule.resolve) : null;
  const dueOn = item.state === 'received' ? ackDue : ended ? null : resolveDue;
  await db.updateTable('feedback_items').set({
    received_on: received, received_at: at(received, 0), register_year: Number(received.slice(0, 4)), ack_due_on: ackDue,
    acked_on: accepted ?? ended, due_on: dueOn, answered_on: dateOf('approve'), closed_on: dateOf('close') ?? ended,
  }).where('id', '=', id).execute();
  await datePerson(db, item.submitter_id, at(received, 0));
  // The acceptance told the citizen a deadline counted from today; tell the one counted from the day it happened.
  const accept = events.find((e) => e.action === 'accept');
  if (accept) await db.updateTable('feedback_events').set({ public_message: citizenMessages.accepted(resolveDue) }).where('id', '=', accept.id).execute();
}

/** The person who came with an item, and the consent they gave, dated when the item came in (each seeded item has a person of its own). */
export async function datePerson(db: Q, submitterId: number | null, at: string) {
  if (submitterId === null) return;
  await db.updateTable('feedback_submitters').set({ created_at: at }).where('id', '=', submitterId).execute();
  await db.updateTable('feedback_consents').set({ given_at: at }).where('submitter_id', '=', submitterId).execute();
}

/** About half of the people whose item was answered rate it; a few are unhappy, which asks the level above to look again. */
async function rateSome(ctx: CommandContext, rnd: () => number) {
  await inTx(ctx.database, (db) => rateIn(db, rnd));
}

async function rateIn(db: Tx, rnd: () => number) {
  const closed = await db.selectFrom('feedback_items').select(['id', 'closed_on']).where('state', '=', 'closed')
    .where('outcome', 'in', ['resolved', 'explained']).where('submitter_id', 'is not', null).orderBy('id').execute();
  for (const c of closed) {
    if (rnd() > 0.55) continue;
    const rating = weighted(rnd, [[5, 0.5], [4, 0.3], [3, 0.1], [2, 0.06], [1, 0.04]] as [number, number][]);
    const at = `${addDays(c.closed_on!, 1 + Math.floor(rnd() * 5))}T03:00:00.000Z`;
    await db.updateTable('feedback_items').set({ rating, rated_at: at, rereview: rating <= 2 ? 1 : 0 }).where('id', '=', c.id).execute();
    await db.insertInto('feedback_events').values({
      item_id: c.id, at, actor_kind: 'citizen', actor_user_id: null, action: 'rate', from_state: null, to_state: null, reason: null,
      public_message: rating <= 2 ? 'Đơn vị cấp trên sẽ xem xét lại việc giải quyết theo đánh giá của Ông/Bà.' : `Ông/Bà đã đánh giá ${rating}/5. Xin cảm ơn.`,
      internal_note: null, data: JSON.stringify({ rating }),
    }).execute();
  }
}
