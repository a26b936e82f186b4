// Checks a batch of unit specs (one form or a whole CSV file) against the existing history and
// plans the writes: every problem is reported with its line and field; nothing is planned if any.
import type { RowIssue } from '../errors.ts';
import { type UnitGraph } from './graph.ts';
import type { UnitSpec } from './spec.ts';

export interface SpecLine {
  line: number;
  spec: UnitSpec;
}

export interface UnitUpdate {
  unitId: number;
  versionId: number;
  spec: UnitSpec;
}

export interface UnitPlan {
  creates: UnitSpec[];
  updates: UnitUpdate[];
  unchanged: number;
}

interface Period {
  from: string;
  to: string | null;
}

const within = (inner: Period, outer: Period) =>
  inner.from >= outer.from && (outer.to === null || (inner.to !== null && inner.to <= outer.to));

/**
 * Validates specs against graph on `today`; returns issues, or a plan with creates ordered parents first.
 * An existing code is a correction of that unit's latest version, not a new period of history.
 */
export function planUnitBatch(graph: UnitGraph, lines: SpecLine[], today: string): { issues: RowIssue[]; plan?: UnitPlan } {
  const issues: RowIssue[] = [];
  const byCode = new Map<string, SpecLine>();
  for (const l of lines) {
    if (byCode.has(l.spec.code)) issues.push({ line: l.line, field: 'code', key: 'unit.code_repeated', params: { line: byCode.get(l.spec.code)!.line } });
    else byCode.set(l.spec.code, l);
  }

  const periodOf = (code: string): Period | undefined => {
    const l = byCode.get(code);
    if (l) return { from: l.spec.validFrom, to: l.spec.validTo };
    const id = graph.idOf(code);
    const u = id === undefined ? undefined : graph.units.get(id);
    return u ? { from: u.validFrom, to: u.validTo } : undefined;
  };
  const parentOf = (code: string): string | null => {
    const l = byCode.get(code);
    if (l) return l.spec.parentCode;
    const id = graph.idOf(code);
    const pid = id === undefined ? null : graph.structuralVersion(id, today)?.parentId ?? null;
    return pid === null ? null : graph.units.get(pid)?.code ?? null;
  };

  for (const l of byCode.values()) {
    const { spec, line } = l;
    if (spec.parentCode) {
      const parent = periodOf(spec.parentCode);
      if (!parent) issues.push({ line, field: 'parent_code', key: 'unit.parent_unknown', params: { code: spec.parentCode } });
      else if (!within({ from: spec.validFrom, to: spec.validTo }, parent)) {
        issues.push({ line, field: 'valid_from', key: 'unit.outside_parent_validity', params: { code: spec.parentCode } });
      } else if (hasCycle(spec.code, parentOf)) {
        issues.push({ line, field: 'parent_code', key: 'unit.cycle' });
      }
    }
    const id = graph.idOf(spec.code);
    if (id !== undefined) issues.push(...existingConflicts(graph, id, l, byCode, today));
  }
  if (issues.length) return { issues: issues.sort((a, b) => a.line - b.line) };

  const plan: UnitPlan = { creates: [], updates: [], unchanged: 0 };
  const ordered = parentsFirst([...byCode.values()].map((l) => l.spec), byCode);
  for (const spec of ordered) {
    const id = graph.idOf(spec.code);
    if (id === undefined) {
      plan.creates.push(spec);
      continue;
    }
    const v = graph.structuralVersion(id, today)!;
    const u = graph.units.get(id)!;
    const parentCode = v.parentId === null ? null : graph.units.get(v.parentId)?.code ?? null;
    const same = u.level === spec.level && u.validFrom === spec.validFrom && u.validTo === spec.validTo && v.name === spec.name
      && v.shortName === spec.shortName && v.place === spec.place && parentCode === spec.parentCode;
    if (same) plan.unchanged++;
    else plan.updates.push({ unitId: id, versionId: v.id, spec });
  }
  return { issues: [], plan };
}

function hasCycle(start: string, parentOf: (code: string) => string | null): boolean {
  const seen = new Set<string>([start]);
  let cur = parentOf(start);
  while (cur) {
    if (seen.has(cur)) return true;
    seen.add(cur);
    cur = parentOf(cur);
  }
  return false;
}

/** Changing an existing unit must keep its other versions and its children inside its validity. */
function existingConflicts(graph: UnitGraph, id: number, l: SpecLine, byCode: Map<string, SpecLine>, today: string): RowIssue[] {
  const out: RowIssue[] = [];
  const { spec, line } = l;
  const versions = graph.versionsOf(id);
  const latest = graph.structuralVersion(id, today);
  for (const v of versions) {
    if (v.id === latest?.id) continue;
    if (v.validFrom < spec.validFrom || (spec.validTo !== null && v.validFrom > spec.validTo)) {
      out.push({ line, field: 'valid_from', key: 'unit.overlap' });
      return out;
    }
  }
  if (latest && versions.length > 1 && spec.validTo !== null && latest.validFrom > spec.validTo) {
    out.push({ line, field: 'valid_to', key: 'unit.overlap' });
    return out;
  }
  for (const child of graph.units.values()) {
    if (byCode.has(child.code)) continue;
    if (graph.structuralVersion(child.id, today)?.parentId !== id) continue;
    if (!within({ from: child.validFrom, to: child.validTo }, { from: spec.validFrom, to: spec.validTo })) {
      out.push({ line, field: 'valid_to', key: 'unit.children_outside', params: { code: child.code } });
      break;
    }
  }
  return out;
}

function parentsFirst(specs: UnitSpec[], byCode: Map<string, SpecLine>): UnitSpec[] {
  const out: UnitSpec[] = [];
  const done = new Set<string>();
  const visit = (s: UnitSpec) => {
    if (done.has(s.code)) return;
    done.add(s.code);
    const p = s.parentCode ? byCode.get(s.parentCode) : undefined;
    if (p) visit(p.spec);
    out.push(s);
  };
  specs.forEach(visit);
  return out;
}
