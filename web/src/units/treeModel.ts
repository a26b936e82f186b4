// Pure helpers over the unit forest the API returns: counting, default expansion and the filter.
import { fold } from '../dates.ts';
import type { UnitNode } from '../types.ts';

/** Visits every node depth-first with its ancestors' ids. */
export function walk(roots: UnitNode[], fn: (n: UnitNode, ancestors: number[]) => void, ancestors: number[] = []) {
  for (const n of roots) {
    fn(n, ancestors);
    walk(n.children, fn, [...ancestors, n.id]);
  }
}

/** How many units of each level, and in all. */
export function countLevels(roots: UnitNode[]): { total: number; byLevel: [string, number][] } {
  const m = new Map<string, number>();
  let total = 0;
  walk(roots, (n) => {
    total++;
    m.set(n.level, (m.get(n.level) ?? 0) + 1);
  });
  return { total, byLevel: [...m.entries()] };
}

/** Roots open, and so is a lone child below an open node (Bộ → tỉnh), so the first screen shows real content. */
export function defaultExpanded(roots: UnitNode[]): Set<number> {
  const open = new Set<number>();
  for (const r of roots) {
    let n: UnitNode | undefined = r;
    while (n && n.children.length) {
      open.add(n.id);
      n = n.children.length === 1 ? n.children[0] : undefined;
    }
  }
  return open;
}

/** Ids of the ancestors of unit id, or [] when it is not in the forest. */
export function ancestorsOf(roots: UnitNode[], id: number): number[] {
  let found: number[] = [];
  walk(roots, (n, anc) => {
    if (n.id === id) found = anc;
  });
  return found;
}

export interface FilterResult {
  matches: Set<number>;
  /** Matches, their ancestors (to reach them) and their descendants (to browse them). */
  visible: Set<number>;
  /** Ancestors of matches: opened so every match shows. */
  open: Set<number>;
}

/** Units whose name, short name or code contains the query, with or without Vietnamese marks. */
export function filterTree(roots: UnitNode[], query: string): FilterResult | null {
  const q = fold(query.trim());
  if (!q) return null;
  const r: FilterResult = { matches: new Set(), visible: new Set(), open: new Set() };
  walk(roots, (n, anc) => {
    const hay = fold(`${n.name} ${n.shortName ?? ''} ${n.code}`);
    const underMatch = anc.some((a) => r.matches.has(a));
    if (hay.includes(q)) {
      r.matches.add(n.id);
      for (const a of anc) {
        r.visible.add(a);
        r.open.add(a);
      }
    }
    if (hay.includes(q) || underMatch) r.visible.add(n.id);
  });
  return r;
}
