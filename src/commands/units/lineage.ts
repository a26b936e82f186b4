// Recording a lineage event (merge, split, rename, re-parent, dissolve) in one transaction.
import { errors } from '../../core/errors.ts';
import { unitPolicy } from '../../core/policy/units.ts';
import { planLineage, type LineageInput } from '../../core/units/lineage.ts';
import { inTx } from '../../db/tx.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { bumpRevision } from '../../db/repos/revisions.ts';
import { insertLineageEvent, insertVersion, loadUnitGraph, updateUnitRow, updateVersion } from '../../db/repos/units.ts';
import { dayBefore } from '../../core/dates.ts';
import type { ActorContext, CommandContext } from '../context.ts';

function unitsOf(input: LineageInput): number[] {
  switch (input.kind) {
    case 'merge': return [...input.from, input.to];
    case 'split': return [input.from, ...input.to];
    case 'reparent': return [input.unit, input.parent];
    default: return [input.unit];
  }
}

export async function recordLineage(ctx: CommandContext & { actor?: ActorContext['actor'] }, input: LineageInput) {
  return inTx(ctx.database, async (trx, engine) => {
    const graph = await loadUnitGraph(trx);
    if (ctx.actor) {
      for (const id of unitsOf(input)) {
        if (!unitPolicy.can(ctx.actor, 'read', id)) throw errors.notFound();
        if (!unitPolicy.can(ctx.actor, 'lineage', id)) throw errors.forbidden();
      }
    }
    const { issues, plan } = planLineage(graph, input);
    if (!plan) throw errors.validation(issues);
    const eve = dayBefore(plan.date);
    for (const id of plan.endUnits) await updateUnitRow(trx, id, { validTo: eve });
    for (const id of plan.closeVersions) await updateVersion(trx, id, { validTo: eve });
    for (const v of plan.newVersions) await insertVersion(trx, v);
    const eventId = await insertLineageEvent(trx, { kind: plan.kind, effectiveDate: plan.date, note: plan.note, edges: plan.edges });
    await bumpRevision(trx, 'access');
    const primary = unitsOf(input)[input.kind === 'merge' ? unitsOf(input).length - 1 : 0]!;
    await appendAudit(trx, engine, ctx.audit, {
      action: `unit.${plan.kind}`, entityType: 'unit_event', entityId: eventId, unitId: primary,
      after: { ...input, endUnits: plan.endUnits, edges: plan.edges },
    });
    return { eventId, ...plan };
  });
}
