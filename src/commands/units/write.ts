// Creating, correcting and importing units: one batch planner for a form and a CSV file alike,
// applied in one transaction with one audit event per unit.
import { AppError, errors, type FieldIssue } from '../../core/errors.ts';
import { todayVN } from '../../core/dates.ts';
import { unitPolicy } from '../../core/policy/units.ts';
import { planUnitBatch, type SpecLine, type UnitPlan } from '../../core/units/plan.ts';
import type { UnitSpec } from '../../core/units/spec.ts';
import type { UnitGraph } from '../../core/units/graph.ts';
import { inTx, type Tx } from '../../db/tx.ts';
import type { Engine } from '../../db/engine.ts';
import { appendAudit } from '../../db/repos/audit.ts';
import { bumpRevision } from '../../db/repos/revisions.ts';
import { insertUnit, loadUnitGraph, updateUnitRow, updateVersion } from '../../db/repos/units.ts';
import type { ActorContext, CommandContext } from '../context.ts';

/** A unit without a parent can only be made by the CLI (system context); otherwise the actor must be admin of the parent, or of the unit being corrected. */
function authorize(ctx: CommandContext & { actor?: ActorContext['actor'] }, graph: UnitGraph, lines: SpecLine[]) {
  const actor = ctx.actor;
  if (!actor) return [];
  const issues = [];
  for (const { line, spec } of lines) {
    const existing = graph.idOf(spec.code);
    if (existing !== undefined && !unitPolicy.can(actor, 'update', existing)) {
      issues.push({ line, field: 'code', key: 'unit.code_taken' });
      continue;
    }
    const parentId = spec.parentCode ? graph.idOf(spec.parentCode) : undefined;
    const parentInBatch = spec.parentCode ? lines.some((l) => l.spec.code === spec.parentCode) : false;
    if (existing !== undefined) {
      // Correcting a unit under the same parent needs no right on the parent (a commune admin fixing its own name).
      const current = graph.structuralVersion(existing, todayVN())?.parentId ?? null;
      if (current !== null && parentId === current) continue;
    }
    if (!spec.parentCode) issues.push({ line, field: 'parent_code', key: 'validation.required' });
    else if (!parentInBatch && (parentId === undefined || !unitPolicy.can(actor, 'create', parentId))) {
      issues.push({ line, field: 'parent_code', key: 'unit.parent_unknown', params: { code: spec.parentCode } });
    }
  }
  return issues;
}

/** Plans and applies a batch; all or nothing. Throws csv_invalid (rows) or validation (fields, single form). */
export async function applyUnitBatch(ctx: CommandContext & { actor?: ActorContext['actor'] }, lines: SpecLine[], mode: 'form' | 'csv') {
  return inTx(ctx.database, async (trx, engine) => {
    // Planned inside the transaction so two concurrent imports cannot both pass the checks.
    const graph = await loadUnitGraph(trx);
    const authIssues = authorize(ctx, graph, lines);
    const { issues, plan } = authIssues.length ? { issues: authIssues, plan: undefined } : planUnitBatch(graph, lines, todayVN());
    if (issues.length || !plan) {
      if (mode === 'form') {
        const fields: Record<string, FieldIssue> = {};
        for (const i of issues) fields[i.field] = { key: i.key, params: i.params };
        if (issues.some((i) => i.key === 'unit.code_taken')) throw new AppError('duplicate_code', { fields });
        throw errors.validation(fields);
      }
      throw errors.csv(issues);
    }
    await writePlan(trx, engine, ctx, graph, plan);
    return { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, codes: [...plan.creates, ...plan.updates.map((u) => u.spec)].map((s) => s.code) };
  });
}

async function writePlan(trx: Tx, engine: Engine, ctx: CommandContext, graph: UnitGraph, plan: UnitPlan) {
  const ids = new Map<string, number>();
  const idOf = (code: string | null) => (code === null ? null : ids.get(code) ?? graph.idOf(code) ?? null);
  for (const spec of plan.creates) {
    const id = await insertUnit(trx, { ...spec, parentId: idOf(spec.parentCode) });
    ids.set(spec.code, id);
    await appendAudit(trx, engine, ctx.audit, { action: 'unit.create', entityType: 'unit', entityId: id, unitId: id, after: spec });
  }
  for (const u of plan.updates) {
    const before = describe(graph, u.unitId, u.versionId);
    await updateUnitRow(trx, u.unitId, { level: u.spec.level, validFrom: u.spec.validFrom, validTo: u.spec.validTo });
    const isOnly = graph.versionsOf(u.unitId).length === 1;
    await updateVersion(trx, u.versionId, {
      name: u.spec.name, shortName: u.spec.shortName, place: u.spec.place, parentId: idOf(u.spec.parentCode),
      // With a single version, the version spans the unit; otherwise only its end follows the unit's.
      ...(isOnly ? { validFrom: u.spec.validFrom } : {}), validTo: u.spec.validTo,
    });
    await appendAudit(trx, engine, ctx.audit, { action: 'unit.update', entityType: 'unit', entityId: u.unitId, unitId: u.unitId, before, after: u.spec });
  }
  if (plan.creates.length || plan.updates.length) await bumpRevision(trx, 'access');
}

function describe(graph: UnitGraph, unitId: number, versionId: number): UnitSpec {
  const u = graph.units.get(unitId)!;
  const v = graph.versionsOf(unitId).find((x) => x.id === versionId)!;
  return {
    code: u.code, name: v.name, shortName: v.shortName, level: u.level, place: v.place, validFrom: u.validFrom, validTo: u.validTo,
    parentCode: v.parentId === null ? null : graph.units.get(v.parentId)?.code ?? null,
  };
}
