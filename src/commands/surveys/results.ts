// Live results of a campaign as the actor may see them: a focus unit (the organiser, or the actor's own
// unit), its figures rolled up from every participating unit below it (historical units through lineage),
// each child's figures, and the previous campaign's for comparison.
import { errors } from '../../core/errors.ts';
import { todayVN } from '../../core/dates.ts';
import { surveyPolicy } from '../../core/policy/surveys.ts';
import { criteriaOf, headlineOf, overall, totalsOf } from '../../core/surveys/results.ts';
import type { Actor } from '../../core/roles.ts';
import type { UnitGraph } from '../../core/units/graph.ts';
import { compareVi } from '../../core/collate.ts';
import { campaignUnits, findCampaign, findVersion, resultRows } from '../../db/repos/surveys.ts';
import { definitionOf, resultsVersion } from './submit.ts';
import type { AppServices } from '../context.ts';

export async function loadVisibleCampaign(services: AppServices, actor: Actor, id: number) {
  const c = await findCampaign(services.database.db, id);
  if (!c) throw errors.notFound();
  const participants = await campaignUnits(services.database.db, id);
  const readable = new Set(surveyPolicy.unitIds(actor, 'results'));
  const visible = participants.filter((p) => readable.has(p.unit_id));
  if (!readable.has(c.unit_id) && !visible.length) throw errors.notFound();
  return { campaign: c, participants, visible, organiserVisible: readable.has(c.unit_id) };
}

function rollUp(graph: UnitGraph, focus: number, participantIds: Set<number>, today: string): Set<number> {
  const out = new Set<number>();
  for (const id of graph.scopeOf(focus, today)) if (participantIds.has(id)) out.add(id);
  return out;
}

/** The unit whose figures are asked for (default: the organiser, or the actor's first unit) and the participants below it. */
export async function resolveFocus(services: AppServices, actor: Actor, id: number, focusId?: number) {
  const { campaign, visible, organiserVisible } = await loadVisibleCampaign(services, actor, id);
  const graph = await services.access.unitGraph();
  const today = todayVN();
  const focus = focusId ?? (organiserVisible ? campaign.unit_id : visible[0]!.unit_id);
  if (!surveyPolicy.can(actor, 'results', focus) || !graph.units.has(focus)) throw errors.notFound();
  const inFocus = rollUp(graph, focus, new Set(visible.map((p) => p.unit_id)), today);
  const version = (await findVersion(services.database.db, campaign.questionnaire_version_id))!;
  const form = definitionOf(version.id, version.definition);
  const nameOf = (unitId: number) => graph.nameOn(unitId, today) ?? '';
  return { campaign, visible, graph, today, focus, inFocus, form, nameOf };
}

/** Rows grouped by unit once, so each child's figures read only its own units' rows. */
function byUnit<T extends { unit_id: number }>(rows: T[]): (ids: Iterable<number>) => T[] {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const list = m.get(r.unit_id);
    if (list) list.push(r);
    else m.set(r.unit_id, [r]);
  }
  return (ids) => [...ids].flatMap((id) => m.get(id) ?? []);
}

// Results are read far more often than a campaign changes: the computed figures are kept per campaign, focus
// and viewer until a response for the campaign is written in this process (or, for writes by other processes,
// for a few seconds at most).
const RESULTS_TTL_MS = 5000;
const resultsCaches = new WeakMap<object, Map<string, { at: number; version: number; value: unknown }>>();

export async function campaignResults(services: AppServices, actor: Actor, id: number, focusId?: number, revision = 0) {
  const key = `${id}|${focusId ?? ''}|${actor.userId}|${revision}|${todayVN()}`;
  let resultsCache = resultsCaches.get(services.database);
  if (!resultsCache) {
    resultsCache = new Map();
    resultsCaches.set(services.database, resultsCache);
  }
  const hit = resultsCache.get(key);
  if (hit && hit.version === resultsVersion(id) && Date.now() - hit.at < RESULTS_TTL_MS) return hit.value as Awaited<ReturnType<typeof computeResults>>;
  const version = resultsVersion(id);
  const value = await computeResults(services, actor, id, focusId);
  if (resultsCache.size > 2000) resultsCache.clear();
  resultsCache.set(key, { at: Date.now(), version, value });
  return value;
}

async function computeResults(services: AppServices, actor: Actor, id: number, focusId?: number) {
  const { campaign, visible, graph, today, focus, inFocus, form } = await resolveFocus(services, actor, id, focusId);
  const { counts, totals } = await resultRows(services.database.db, id, [...inFocus]);
  const countsOf = byUnit(counts);
  const totalsFor = byUnit(totals);
  const participants = new Map(visible.map((p) => [p.unit_id, p]));
  const targetOf = (ids: Iterable<number>) => [...ids].reduce((a, u) => a + (participants.get(u)?.target ?? 0), 0);
  const target = targetOf(inFocus);
  const criteria = criteriaOf(form, counts, inFocus);
  const tot = totalsOf(totals, inFocus);

  const children = graph.childrenOf(focus, today)
    .map((cid) => ({ cid, ids: rollUp(graph, cid, inFocus, today) }))
    .filter((x) => x.ids.size)
    .map(({ cid, ids }) => {
      const cTot = totalsOf(totalsFor(ids), ids);
      const cTarget = targetOf(ids);
      const slug = participants.get(cid)?.slug ?? null;
      const childCriteria = criteriaOf(form, countsOf(ids), ids);
      const childHeadline = headlineOf(form, childCriteria);
      return {
        unitId: cid, name: graph.nameOn(cid, today)!, slug,
        valid: cTot.valid, invalid: cTot.invalid, target: cTarget || null, rate: cTarget ? cTot.valid / cTarget : null,
        overall: overall(childCriteria),
        headline: childHeadline ? { share: childHeadline.share, denominator: childHeadline.denominator, low: childHeadline.low, high: childHeadline.high } : null,
      };
    })
    .sort((a, b) => compareVi(a.name, b.name));

  let previous = null;
  if (campaign.previous_campaign_id) {
    const prev = await findCampaign(services.database.db, campaign.previous_campaign_id);
    const prevVersion = prev && (await findVersion(services.database.db, prev.questionnaire_version_id));
    if (prev && prevVersion) {
      const prevParticipants = new Set((await campaignUnits(services.database.db, prev.id)).map((p) => p.unit_id));
      // The same focus, through lineage: last year's communes roll up into this year's.
      const prevIds = rollUp(graph, focus, prevParticipants, today);
      const rows = await resultRows(services.database.db, prev.id, [...prevIds]);
      const prevCriteria = criteriaOf(definitionOf(prevVersion.id, prevVersion.definition), rows.counts, prevIds);
      previous = {
        campaignId: prev.id, name: prev.name, period: prev.period, units: prevIds.size,
        totals: totalsOf(rows.totals, prevIds),
        criteria: Object.fromEntries(prevCriteria.map((c) => [c.id, { share: c.share, denominator: c.denominator, low: c.low, high: c.high }])),
        overall: overall(prevCriteria),
      };
    }
  }

  return {
    campaign: { id: campaign.id, name: campaign.name, period: campaign.period, state: campaign.state, opensOn: campaign.opens_on, closesOn: campaign.closes_on },
    focus: { unitId: focus, name: graph.nameOn(focus, today)!, units: inFocus.size },
    totals: { ...tot, target: target || null, rate: target ? tot.valid / target : null },
    criteria,
    headline: headlineOf(form, criteria),
    overall: overall(criteria),
    children,
    previous,
  };
}
