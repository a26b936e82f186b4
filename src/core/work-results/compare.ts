// Comparing a period's figure with the same period of the previous year, as the report reads it: "tăng 3 vụ
// (+12,5%)". Null-safe: a missing figure on either side gives no change, and a previous zero gives no percentage.

export interface Comparison {
  change: number | null;
  /** Percent, rounded to one decimal; null when the previous figure is missing or zero. */
  changePct: number | null;
}

/** The change from previous to value and its percentage. */
export function compare(value: number | null, previous: number | null): Comparison {
  if (value === null || previous === null) return { change: null, changePct: null };
  const change = round(value - previous, 6);
  const changePct = previous === 0 ? null : round((change / previous) * 100, 1);
  return { change, changePct: Object.is(changePct, -0) ? 0 : changePct };
}

/** Sums figures where any is present; null when all are missing (no figure is not zero). */
export function sumPresent(values: readonly (number | null | undefined)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v != null) total = (total ?? 0) + v;
  return total === null ? null : round(total, 6);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * A unit's figure for one indicator and period through its history: its own figure, or — when it has none (it did
 * not exist yet, e.g. a commune formed on 1 July 2025 looking at 2025) — the sum of its direct predecessors'
 * figures, each by the same rule. `used` collects the units whose own figures went in (to say what is compared).
 * A unit split into several counts wholly towards each successor, as lineage roll-ups do everywhere.
 */
export function figureThroughLineage(
  unitId: number,
  own: (unitId: number) => number | null,
  predecessorsOf: (unitId: number) => readonly number[],
  used: Set<number>,
  seen: Set<number> = new Set(),
): number | null {
  if (seen.has(unitId)) return null;
  seen.add(unitId);
  const mine = own(unitId);
  if (mine !== null) {
    used.add(unitId);
    return mine;
  }
  return sumPresent(predecessorsOf(unitId).map((p) => figureThroughLineage(p, own, predecessorsOf, used, seen)));
}
