// The provincial view of a year's conferences: per child commune or ward of a unit (today's units; the old
// communes merged into one count towards it through the scope closure), what was planned and held, attendance,
// opinions, answered on time, overdue, satisfaction forms collected and the last one held; and who held none.
import { todayVN } from '../../core/dates.ts';
import { errors } from '../../core/errors.ts';
import { OWING_STATES } from '../../core/feedback/lifecycle.ts';
import { conferencePolicy } from '../../core/policy/conferences.ts';
import type { OverviewRow } from '../../core/conferences/shapes.ts';
import type { ActorContext } from '../context.ts';

/** GET /api/conferences/overview?unitId&year. */
export async function conferenceOverview(ctx: ActorContext, unitId: number, year: number) {
  if (!conferencePolicy.can(ctx.actor, 'read', unitId)) throw errors.notFound();
  const graph = await ctx.access.unitGraph();
  const today = todayVN();
  const readable = new Set(conferencePolicy.unitIds(ctx.actor, 'read'));
  const children = graph.childrenOf(unitId, today)
    .filter((c) => readable.has(c) && graph.units.get(c)?.level === 'commune' && graph.versionAt(c, today));
  const groups = (children.length ? children : [unitId]).map((id) => ({ id, scope: graph.scopeOf(id, today) }));
  const groupOf = new Map<number, number>();
  for (const g of groups) for (const u of g.scope) if (readable.has(u) && !groupOf.has(u)) groupOf.set(u, g.id);
  const rows = new Map<number, OverviewRow>(groups.map((g) => [g.id, {
    unitId: g.id, unitName: graph.versionAt(g.id, today)?.name ?? '', planned: 0, held: 0, delegates: 0, attended: 0, opinions: 0,
    answeredOnTime: 0, overdue: 0, formsCollected: 0, lastHeldOn: null,
  }]));
  const db = ctx.database.db;
  const unitIds = [...groupOf.keys()];
  const confs = unitIds.length ? await db.selectFrom('conferences')
    .select(['id', 'unit_id', 'campaign_id', 'state', 'held_on', 'extra_attendance'])
    .where('unit_id', 'in', unitIds).where('held_on', '>=', `${year}-01-01`).where('held_on', '<=', `${year}-12-31`)
    .where('state', '!=', 'cancelled').execute() : [];
  const rowOf = new Map(confs.map((c) => [c.id, rows.get(groupOf.get(c.unit_id)!)!]));
  for (const c of confs) {
    const r = rowOf.get(c.id)!;
    if (c.state === 'held') {
      r.held++;
      if (!r.lastHeldOn || c.held_on > r.lastHeldOn) r.lastHeldOn = c.held_on;
    } else r.planned++;
    r.attended += c.extra_attendance;
  }
  const ids = confs.map((c) => c.id);
  if (ids.length) {
    const [delegates, opinions, sheets] = await Promise.all([
      db.selectFrom('conference_delegates').select((eb) => ['conference_id', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('checked_in_at').as('checked')])
        .where('conference_id', 'in', ids).groupBy('conference_id').execute(),
      db.selectFrom('conference_opinions as o').innerJoin('feedback_items as i', 'i.id', 'o.item_id')
        .select(['o.conference_id', 'i.state', 'i.outcome', 'i.due_on', 'i.answered_on']).where('o.conference_id', 'in', ids).execute(),
      db.selectFrom('paper_sheets as s').innerJoin('paper_batches as b', 'b.id', 's.batch_id')
        .select((eb) => ['b.conference_id', eb.fn.countAll<number>().as('n')])
        .where('b.conference_id', 'in', ids).where('s.state', '=', 'keyed').groupBy('b.conference_id').execute(),
    ]);
    for (const d of delegates) {
      const r = rowOf.get(d.conference_id)!;
      r.delegates += Number(d.n);
      r.attended += Number(d.checked);
    }
    for (const o of opinions) {
      const r = rowOf.get(o.conference_id)!;
      r.opinions++;
      if (o.outcome === 'answered_on_spot' || (o.answered_on && (!o.due_on || o.answered_on <= o.due_on))) r.answeredOnTime++;
      if (OWING_STATES.includes(o.state) && o.due_on && o.due_on < today) r.overdue++;
    }
    for (const s of sheets) if (s.conference_id !== null) rowOf.get(s.conference_id)!.formsCollected += Number(s.n);
    // Online answers count once per campaign and unit, however many conferences the unit held for that campaign.
    const pairs = new Map<string, { campaignId: number; unitId: number }>();
    for (const c of confs) if (c.campaign_id !== null) pairs.set(`${c.campaign_id}:${c.unit_id}`, { campaignId: c.campaign_id, unitId: c.unit_id });
    for (const p of pairs.values()) {
      const t = await db.selectFrom('result_totals').select((eb) => eb.fn.sum<number>('n').as('n'))
        .where('campaign_id', '=', p.campaignId).where('unit_id', '=', p.unitId).where('channel', '=', 'web').executeTakeFirst();
      rows.get(groupOf.get(p.unitId)!)!.formsCollected += Number(t?.n ?? 0);
    }
  }
  const units = [...rows.values()];
  return { unitId, year, units, notHeld: units.filter((u) => u.held === 0).map((u) => ({ unitId: u.unitId, unitName: u.unitName })) };
}
