// Units, their versions and lineage: loading the graph and the writes that shape it.
import type { LineageRow, UnitRow, VersionRow } from '../../core/units/graph.ts';
import { UnitGraph } from '../../core/units/graph.ts';
import type { LineageKind, UnitLevel } from '../schema.ts';
import type { Q } from '../tx.ts';
import { nowIso } from '../../core/dates.ts';

/** Reads every unit, version and lineage edge; the whole history fits in memory (thousands of rows). */
export async function loadUnitGraph(q: Q): Promise<UnitGraph> {
  const [units, versions, lineage] = await Promise.all([
    q.selectFrom('units').select(['id', 'code', 'level', 'valid_from', 'valid_to']).execute(),
    q.selectFrom('unit_versions')
      .select(['id', 'unit_id', 'name', 'short_name', 'place', 'parent_id', 'valid_from', 'valid_to'])
      .execute(),
    q.selectFrom('unit_lineage as l')
      .innerJoin('unit_events as e', 'e.id', 'l.event_id')
      .select(['l.event_id', 'e.kind', 'e.effective_date', 'l.from_unit_id', 'l.to_unit_id'])
      .execute(),
  ]);
  return new UnitGraph(
    units.map((u): UnitRow => ({ id: u.id, code: u.code, level: u.level, validFrom: u.valid_from, validTo: u.valid_to })),
    versions.map((v): VersionRow => ({
      id: v.id, unitId: v.unit_id, name: v.name, shortName: v.short_name, place: v.place,
      parentId: v.parent_id, validFrom: v.valid_from, validTo: v.valid_to,
    })),
    lineage.map((l): LineageRow => ({
      eventId: l.event_id, kind: l.kind, effectiveDate: l.effective_date, fromUnitId: l.from_unit_id, toUnitId: l.to_unit_id,
    })),
  );
}

export interface NewUnit {
  code: string;
  level: UnitLevel;
  name: string;
  shortName: string | null;
  place: string | null;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
}

/** Inserts a unit and its first version; returns the new id. */
export async function insertUnit(q: Q, u: NewUnit): Promise<number> {
  const now = nowIso();
  const { id } = await q
    .insertInto('units')
    .values({ code: u.code, level: u.level, valid_from: u.validFrom, valid_to: u.validTo, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await q
    .insertInto('unit_versions')
    .values({
      unit_id: id, name: u.name, short_name: u.shortName, place: u.place, parent_id: u.parentId,
      valid_from: u.validFrom, valid_to: u.validTo,
    })
    .execute();
  return id;
}

export async function updateUnitRow(q: Q, id: number, patch: { level?: UnitLevel; validFrom?: string; validTo?: string | null }) {
  await q
    .updateTable('units')
    .set({
      ...(patch.level !== undefined && { level: patch.level }),
      ...(patch.validFrom !== undefined && { valid_from: patch.validFrom }),
      ...(patch.validTo !== undefined && { valid_to: patch.validTo }),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

export async function updateVersion(
  q: Q,
  id: number,
  patch: Partial<{ name: string; shortName: string | null; place: string | null; parentId: number | null; validFrom: string; validTo: string | null }>,
) {
  await q
    .updateTable('unit_versions')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.shortName !== undefined && { short_name: patch.shortName }),
      ...(patch.place !== undefined && { place: patch.place }),
      ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
      ...(patch.validFrom !== undefined && { valid_from: patch.validFrom }),
      ...(patch.validTo !== undefined && { valid_to: patch.validTo }),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertVersion(q: Q, v: Omit<VersionRow, 'id'>): Promise<void> {
  await q
    .insertInto('unit_versions')
    .values({
      unit_id: v.unitId, name: v.name, short_name: v.shortName, place: v.place, parent_id: v.parentId,
      valid_from: v.validFrom, valid_to: v.validTo,
    })
    .execute();
}

/** Records a lineage event and its edges; returns the event id. */
export async function insertLineageEvent(
  q: Q,
  e: { kind: LineageKind; effectiveDate: string; note: string | null; edges: { from: number; to: number }[] },
): Promise<number> {
  const { id } = await q
    .insertInto('unit_events')
    .values({ kind: e.kind, effective_date: e.effectiveDate, note: e.note, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (e.edges.length) {
    await q.insertInto('unit_lineage').values(e.edges.map((x) => ({ event_id: id, from_unit_id: x.from, to_unit_id: x.to }))).execute();
  }
  return id;
}
