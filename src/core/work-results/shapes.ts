// What the work-results API answers with: one definition, read by the server (commands/work-results) and by the
// console (web/src/work-results), so the two cannot drift apart. Types only.

/** One indicator's line of the comparison with the same period a year before, as the report prints it. */
export interface ComparisonRow {
  indicatorId: number;
  code: string;
  name: string;
  measure: string;
  group: string;
  active: boolean;
  value: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
}

/** A unit whose own figures make up a column (the unit itself, or its predecessors through lineage). */
export interface UnitRef {
  id: number;
  code: string;
  name: string;
}
