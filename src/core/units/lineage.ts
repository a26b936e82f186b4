// Plans a lineage event (merge, split, rename, re-parent, dissolve) as plain writes, checking that
// history stays consistent: no unit ends with live children, no version overlaps another.
import type { FieldIssue } from '../errors.ts';
import { dayBefore } from '../dates.ts';
import type { LineageKind } from '../../db/schema.ts';
import { coversDate, type UnitGraph, type VersionRow } from './graph.ts';

export type LineageInput =
  | { kind: 'merge'; date: string; from: number[]; to: number; note?: string | null }
  | { kind: 'split'; date: string; from: number; to: number[]; note?: string | null }
  | { kind: 'rename'; date: string; unit: number; name: string; shortName?: string | null; place?: string | null; note?: string | null }
  | { kind: 'reparent'; date: string; unit: number; parent: number; note?: string | null }
  | { kind: 'dissolve'; date: string; unit: number; note?: string | null };

export interface LineagePlan {
  kind: LineageKind;
  date: string;
  note: string | null;
  /** Units that end the day before `date`. */
  endUnits: number[];
  /** Versions whose valid_to becomes the day before `date`. */
  closeVersions: number[];
  /** New versions starting on `date` (rename, re-parent). */
  newVersions: Omit<VersionRow, 'id'>[];
  edges: { from: number; to: number }[];
}

type Result = { issues: Record<string, FieldIssue>; plan?: LineagePlan };

const fail = (field: string, key: string, params?: Record<string, string | number>): Result => ({ issues: { [field]: { key, params } } });

/** Validates the event against the graph and returns the writes that carry it out. */
export function planLineage(graph: UnitGraph, input: LineageInput): Result {
  const { date } = input;
  const eve = dayBefore(date);
  const note = input.note ?? null;
  const plan: LineagePlan = { kind: input.kind, date, note, endUnits: [], closeVersions: [], newVersions: [], edges: [] };

  // A unit that ends must exist the day before, and may already end that day (a sibling event of the same reorganisation).
  const ending = (id: number, field: string): Result | null => {
    const u = graph.units.get(id);
    if (!u || !coversDate(u.validFrom, u.validTo, eve)) return fail(field, 'unit.not_valid_on', { date: eve });
    if (u.validTo !== null && u.validTo !== eve) return fail(field, 'unit.overlap');
    if (graph.versionsOf(id).some((v) => v.validFrom >= date)) return fail(field, 'unit.overlap');
    const liveChild = [...graph.units.values()].find((c) => graph.versionAt(c.id, date)?.parentId === id);
    if (liveChild) return fail(field, 'unit.has_live_children', { code: liveChild.code });
    if (u.validTo === null) {
      plan.endUnits.push(id);
      const v = graph.versionAt(id, eve);
      if (v) plan.closeVersions.push(v.id);
    }
    return null;
  };
  const mustExistOn = (id: number, field: string): Result | null =>
    graph.versionAt(id, date) ? null : fail(field, 'unit.not_valid_on', { date });

  switch (input.kind) {
    case 'merge': {
      if (!input.from.length) return fail('from', 'validation.required');
      const bad = mustExistOn(input.to, 'to');
      if (bad) return bad;
      for (const f of input.from) {
        if (f === input.to) return fail('from', 'unit.cycle');
        const err = ending(f, 'from');
        if (err) return err;
        plan.edges.push({ from: f, to: input.to });
      }
      return { issues: {}, plan };
    }
    case 'split': {
      if (!input.to.length) return fail('to', 'validation.required');
      const continues = input.to.includes(input.from);
      for (const t of input.to) {
        const bad = mustExistOn(t, 'to');
        if (bad) return bad;
        if (t !== input.from) plan.edges.push({ from: input.from, to: t });
      }
      if (!continues) {
        const err = ending(input.from, 'from');
        if (err) return err;
      }
      return { issues: {}, plan };
    }
    case 'dissolve': {
      const err = ending(input.unit, 'unit');
      return err ?? { issues: {}, plan };
    }
    case 'rename':
    case 'reparent': {
      const current = graph.versionAt(input.unit, date);
      if (!current) return fail('unit', 'unit.not_valid_on', { date });
      if (current.validFrom === date) return fail('date', 'unit.overlap');
      if (graph.versionsOf(input.unit).some((v) => v.validFrom > date)) return fail('date', 'unit.overlap');
      const next: Omit<VersionRow, 'id'> = { ...current, validFrom: date };
      delete (next as Partial<VersionRow>).id;
      if (input.kind === 'rename') {
        next.name = input.name;
        if (input.shortName !== undefined) next.shortName = input.shortName;
        if (input.place !== undefined) next.place = input.place;
      } else {
        const parent = graph.units.get(input.parent);
        if (!parent || !graph.versionAt(input.parent, date)) return fail('parent', 'unit.not_valid_on', { date });
        const u = graph.units.get(input.unit)!;
        if (parent.validTo !== null && (u.validTo === null || u.validTo > parent.validTo)) return fail('parent', 'unit.outside_parent_validity', { code: parent.code });
        if (graph.wouldCycle(input.unit, input.parent, date)) return fail('parent', 'unit.cycle');
        next.parentId = input.parent;
      }
      plan.closeVersions.push(current.id);
      plan.newVersions.push(next);
      plan.edges.push({ from: input.unit, to: input.unit });
      return { issues: {}, plan };
    }
  }
}
