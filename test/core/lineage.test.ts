import { describe, expect, it } from 'vitest';
import { planLineage } from '../../src/core/units/lineage.ts';
import { UnitGraph, type VersionRow } from '../../src/core/units/graph.ts';

const v = (id: number, unitId: number, name: string, parentId: number | null, validFrom = '2020-01-01', validTo: string | null = null): VersionRow =>
  ({ id, unitId, name, shortName: null, place: null, parentId, validFrom, validTo });
const graph = () => new UnitGraph(
  [
    { id: 1, code: 'P', level: 'province', validFrom: '2020-01-01', validTo: null },
    { id: 2, code: 'D', level: 'district', validFrom: '2020-01-01', validTo: null },
    { id: 3, code: 'A', level: 'commune', validFrom: '2020-01-01', validTo: null },
    { id: 4, code: 'B', level: 'commune', validFrom: '2020-01-01', validTo: null },
    { id: 5, code: 'N', level: 'commune', validFrom: '2025-07-01', validTo: null },
  ],
  [v(1, 1, 'P', null), v(2, 2, 'D', 1), v(3, 3, 'A', 2), v(4, 4, 'B', 2), v(5, 5, 'N', 1, '2025-07-01')],
  [],
);
const keys = (r: ReturnType<typeof planLineage>) => Object.entries(r.issues).map(([f, i]) => `${f}:${i.key}`);

describe('planLineage', () => {
  it('merges: the merged units end the day before, with edges into the target', () => {
    const r = planLineage(graph(), { kind: 'merge', date: '2025-07-01', from: [3, 4], to: 5 });
    expect(r.plan).toMatchObject({ endUnits: [3, 4], closeVersions: [3, 4], edges: [{ from: 3, to: 5 }, { from: 4, to: 5 }] });
  });

  it('refuses to end a unit that still has live children', () => {
    expect(keys(planLineage(graph(), { kind: 'dissolve', date: '2025-03-01', unit: 2 }))).toEqual(['unit:unit.has_live_children']);
  });

  it('re-parents: closes the version and opens the next one on the date', () => {
    const r = planLineage(graph(), { kind: 'reparent', date: '2025-03-01', unit: 3, parent: 1 });
    expect(r.plan!.closeVersions).toEqual([3]);
    expect(r.plan!.newVersions).toEqual([{ unitId: 3, name: 'A', shortName: null, place: null, parentId: 1, validFrom: '2025-03-01', validTo: null }]);
  });

  it('refuses a re-parent that would make a cycle, a target that does not exist yet, a rename on the first day of a version', () => {
    expect(keys(planLineage(graph(), { kind: 'reparent', date: '2025-03-01', unit: 2, parent: 3 }))).toEqual(['parent:unit.cycle']);
    expect(keys(planLineage(graph(), { kind: 'merge', date: '2025-01-01', from: [3], to: 5 }))).toEqual(['to:unit.not_valid_on']);
    expect(keys(planLineage(graph(), { kind: 'rename', date: '2020-01-01', unit: 3, name: 'X' }))).toEqual(['date:unit.overlap']);
  });

  it('splits with the source continuing when it is among the targets', () => {
    const r = planLineage(graph(), { kind: 'split', date: '2025-07-01', from: 3, to: [3, 5] });
    expect(r.plan).toMatchObject({ endUnits: [], edges: [{ from: 3, to: 5 }] });
  });
});
