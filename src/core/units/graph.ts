// The unit hierarchy with its history, in memory and pure: the tree as of a date, successors,
// predecessors, and the scope closure used for access. Loaded from the database by db/repos/units.ts.
import type { LineageKind, UnitLevel } from '../../db/schema.ts';
import { compareVi } from '../collate.ts';

export interface UnitRow {
  id: number;
  code: string;
  level: UnitLevel;
  validFrom: string;
  validTo: string | null;
}
export interface VersionRow {
  id: number;
  unitId: number;
  name: string;
  shortName: string | null;
  place: string | null;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
}
export interface LineageRow {
  eventId: number;
  kind: LineageKind;
  effectiveDate: string;
  fromUnitId: number;
  toUnitId: number;
}

/** A unit as it was on one date. */
export interface UnitAsOf {
  id: number;
  code: string;
  level: UnitLevel;
  name: string;
  shortName: string | null;
  place: string | null;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
}

export interface TreeNode extends UnitAsOf {
  children: TreeNode[];
}

export function coversDate(from: string, to: string | null, date: string): boolean {
  return from <= date && (to === null || to >= date);
}

export class UnitGraph {
  readonly units = new Map<number, UnitRow>();
  private readonly versions = new Map<number, VersionRow[]>();
  private readonly lineage: LineageRow[];
  private readonly byCode = new Map<string, number>();
  // Lineage edges indexed both ways: the queries below run on every unit detail request.
  private readonly edgesFrom = new Map<number, LineageRow[]>();
  private readonly edgesTo = new Map<number, LineageRow[]>();

  constructor(units: UnitRow[], versions: VersionRow[], lineage: LineageRow[]) {
    for (const u of units) {
      this.units.set(u.id, u);
      this.byCode.set(u.code, u.id);
    }
    for (const v of versions) {
      const list = this.versions.get(v.unitId) ?? [];
      list.push(v);
      this.versions.set(v.unitId, list);
    }
    for (const list of this.versions.values()) list.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    this.lineage = lineage;
    for (const e of lineage) {
      this.edgesFrom.set(e.fromUnitId, [...(this.edgesFrom.get(e.fromUnitId) ?? []), e]);
      this.edgesTo.set(e.toUnitId, [...(this.edgesTo.get(e.toUnitId) ?? []), e]);
    }
  }

  idOf(code: string): number | undefined {
    return this.byCode.get(code);
  }

  versionsOf(unitId: number): readonly VersionRow[] {
    return this.versions.get(unitId) ?? [];
  }

  /** The version in force on date, or undefined when the unit did not exist then. */
  versionAt(unitId: number, date: string): VersionRow | undefined {
    const u = this.units.get(unitId);
    if (!u || !coversDate(u.validFrom, u.validTo, date)) return undefined;
    return this.versionsOf(unitId).find((v) => coversDate(v.validFrom, v.validTo, date));
  }

  /**
   * The version that defines where a unit sits for access purposes: the one in force today, or,
   * for a unit that has ended, its last one; for a unit not yet started, its first.
   */
  structuralVersion(unitId: number, today: string): VersionRow | undefined {
    const list = this.versionsOf(unitId);
    const now = list.find((v) => coversDate(v.validFrom, v.validTo, today));
    if (now) return now;
    const past = list.filter((v) => v.validFrom <= today);
    return past[past.length - 1] ?? list[0];
  }

  /**
   * The name to show for a unit on date: the one it had then, or, for a unit that had ended or not yet started, that
   * of its structural version (its last or first name). Undefined only for an unknown unit.
   */
  nameOn(unitId: number, date: string): string | undefined {
    return (this.versionAt(unitId, date) ?? this.structuralVersion(unitId, date))?.name;
  }

  asOf(unitId: number, date: string): UnitAsOf | undefined {
    const u = this.units.get(unitId);
    const v = this.versionAt(unitId, date);
    if (!u || !v) return undefined;
    return toAsOf(u, v);
  }

  /** Every unit that existed on date, with its name and parent then, as a forest sorted by name. */
  treeAsOf(date: string): TreeNode[] {
    const nodes = new Map<number, TreeNode>();
    for (const u of this.units.values()) {
      const v = this.versionAt(u.id, date);
      if (v) nodes.set(u.id, { ...toAsOf(u, v), children: [] });
    }
    const roots: TreeNode[] = [];
    for (const n of nodes.values()) {
      const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
      (parent ? parent.children : roots).push(n);
    }
    const sort = (list: TreeNode[]) => {
      list.sort((a, b) => compareVi(a.name, b.name));
      for (const n of list) sort(n.children);
    };
    sort(roots);
    return roots;
  }

  /** Units whose data flows into unitId: its lineage predecessors, transitively (not itself). */
  predecessors(unitId: number): number[] {
    return this.walk(unitId, (id) => (this.edgesTo.get(id) ?? []).map((e) => e.fromUnitId));
  }

  /** Units a historical unit's data flows to, transitively, that still exist on date. */
  successorsOn(unitId: number, date: string): number[] {
    if (this.versionAt(unitId, date)) return [unitId];
    const reached = this.walk(unitId, (id) => (this.edgesFrom.get(id) ?? []).map((e) => e.toUnitId));
    return reached.filter((id) => this.versionAt(id, date) !== undefined);
  }

  /** Lineage events touching a unit, oldest first. */
  historyOf(unitId: number): LineageRow[] {
    const edges = new Set([...(this.edgesFrom.get(unitId) ?? []), ...(this.edgesTo.get(unitId) ?? [])]);
    return [...edges]
      .sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.eventId - b.eventId));
  }

  /**
   * The units a grant on unitId reaches: its subtree (by where each unit sits today, or sat last)
   * and every historical unit whose data rolls up into that subtree, with their own subtrees.
   */
  scopeOf(unitId: number, today: string): ReadonlySet<number> {
    const key = `${unitId}@${today}`;
    const cached = this.scopes.get(key);
    if (cached) return cached;
    const { children, preds } = this.structure(today);
    const seen = new Set<number>();
    const stack = this.units.has(unitId) ? [unitId] : [];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const c of children.get(id) ?? []) stack.push(c);
      for (const p of preds.get(id) ?? []) stack.push(p);
    }
    this.scopes.set(key, seen);
    return seen;
  }

  /** Units whose structural parent (see structuralVersion) is unitId. */
  childrenOf(unitId: number, today: string): number[] {
    return this.structure(today).children.get(unitId) ?? [];
  }

  // The graph never changes once built (a change loads a new one), so derived indexes are kept.
  private readonly scopes = new Map<string, Set<number>>();
  private structureCache: { today: string; children: Map<number, number[]>; preds: Map<number, number[]> } | null = null;

  private structure(today: string) {
    if (this.structureCache?.today === today) return this.structureCache;
    const children = new Map<number, number[]>();
    for (const u of this.units.values()) {
      const parent = this.structuralVersion(u.id, today)?.parentId;
      if (parent == null) continue;
      const list = children.get(parent) ?? [];
      list.push(u.id);
      children.set(parent, list);
    }
    const preds = new Map<number, number[]>();
    for (const e of this.lineage) {
      if (e.fromUnitId === e.toUnitId) continue;
      const list = preds.get(e.toUnitId) ?? [];
      list.push(e.fromUnitId);
      preds.set(e.toUnitId, list);
    }
    this.structureCache = { today, children, preds };
    return this.structureCache;
  }

  /** True when making parentId the parent of unitId on date would put unitId above itself. */
  wouldCycle(unitId: number, parentId: number, date: string): boolean {
    let cur: number | null | undefined = parentId;
    const guard = new Set<number>();
    while (cur != null) {
      if (cur === unitId) return true;
      if (guard.has(cur)) return true;
      guard.add(cur);
      cur = this.versionAt(cur, date)?.parentId;
    }
    return false;
  }

  private walk(start: number, next: (id: number) => number[]): number[] {
    const seen = new Set<number>([start]);
    const out: number[] = [];
    const stack = [start];
    while (stack.length) {
      for (const n of next(stack.pop()!)) {
        if (seen.has(n)) continue;
        seen.add(n);
        out.push(n);
        stack.push(n);
      }
    }
    return out;
  }
}

function toAsOf(u: UnitRow, v: VersionRow): UnitAsOf {
  return {
    id: u.id, code: u.code, level: u.level, name: v.name, shortName: v.shortName, place: v.place,
    parentId: v.parentId, validFrom: u.validFrom, validTo: u.validTo,
  };
}
