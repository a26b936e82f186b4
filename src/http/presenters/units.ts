// Units as the API shows them: only what lies in the actor's scope, with what the actor may do.
import type { Actor } from '../../core/roles.ts';
import { unitPolicy } from '../../core/policy/units.ts';
import type { TreeNode, UnitAsOf, UnitGraph } from '../../core/units/graph.ts';
import { compareVi } from '../../core/collate.ts';

export interface UnitNodeOut extends Omit<UnitAsOf, never> {
  children: UnitNodeOut[];
}

/** The as-of forest cut to the actor's read scope; a unit whose parent is out of scope becomes a root. */
export function scopedTree(actor: Actor, forest: TreeNode[]): UnitNodeOut[] {
  const readable = new Set(unitPolicy.unitIds(actor, 'read'));
  const roots: UnitNodeOut[] = [];
  const visit = (node: TreeNode, parentOut: UnitNodeOut | null) => {
    let here = parentOut;
    if (readable.has(node.id)) {
      const { children: _c, ...rest } = node;
      const out: UnitNodeOut = { ...rest, children: [] };
      (parentOut ? parentOut.children : roots).push(out);
      here = out;
    }
    for (const c of node.children) visit(c, here);
  };
  for (const n of forest) visit(n, null);
  roots.sort((a, b) => compareVi(a.name, b.name));
  return roots;
}

/** A unit's brief reference, or null when the actor may not see it. */
export function unitRef(actor: Actor, graph: UnitGraph, id: number, date: string) {
  if (!unitPolicy.can(actor, 'read', id)) return null;
  const u = graph.units.get(id);
  const v = graph.versionAt(id, date) ?? graph.structuralVersion(id, date);
  if (!u || !v) return null;
  return { id, code: u.code, name: v.name, level: u.level, validFrom: u.validFrom, validTo: u.validTo };
}

/** Everything the detail screen shows about one unit. */
export function unitDetail(actor: Actor, graph: UnitGraph, id: number, asOf: string, today: string) {
  const u = graph.units.get(id)!;
  const current = graph.versionAt(id, asOf) ?? graph.structuralVersion(id, today)!;
  const ref = (x: number) => unitRef(actor, graph, x, asOf);
  const present = <T>(xs: (T | null)[]) => xs.filter((x): x is T => x !== null);
  return {
    id, code: u.code, level: u.level, validFrom: u.validFrom, validTo: u.validTo,
    existsOnDate: graph.versionAt(id, asOf) !== undefined,
    name: current.name, shortName: current.shortName, place: current.place,
    parent: current.parentId === null ? null : ref(current.parentId),
    versions: graph.versionsOf(id).map((v) => ({
      name: v.name, shortName: v.shortName, place: v.place, validFrom: v.validFrom, validTo: v.validTo,
      parent: v.parentId === null ? null : unitRef(actor, graph, v.parentId, v.validFrom),
    })),
    history: graph.historyOf(id).map((e) => ({
      eventId: e.eventId, kind: e.kind, date: e.effectiveDate,
      from: unitRef(actor, graph, e.fromUnitId, e.effectiveDate < u.validFrom ? e.effectiveDate : asOf),
      to: unitRef(actor, graph, e.toUnitId, e.effectiveDate),
    })),
    successors: present(graph.successorsOn(id, today).filter((x) => x !== id).map((x) => unitRef(actor, graph, x, today))),
    predecessors: present(graph.predecessors(id).map((x) => ref(x))),
    allowed: unitPolicy.allowed(actor, id),
  };
}
