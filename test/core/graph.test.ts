import { describe, expect, it } from 'vitest';
import { UnitGraph, type LineageRow, type UnitRow, type VersionRow } from '../../src/core/units/graph.ts';

// A small history: province P; district D (ended 2025-02-28) with communes A and B, re-parented to P on
// 2025-03-01; on 2025-07-01 A and half of B merge into N1, the other half of B into N2. C was renamed.
const units: UnitRow[] = [
  { id: 1, code: 'P', level: 'province', validFrom: '2020-01-01', validTo: null },
  { id: 2, code: 'D', level: 'district', validFrom: '2020-01-01', validTo: '2025-02-28' },
  { id: 3, code: 'A', level: 'commune', validFrom: '2020-01-01', validTo: '2025-06-30' },
  { id: 4, code: 'B', level: 'commune', validFrom: '2020-01-01', validTo: '2025-06-30' },
  { id: 5, code: 'N1', level: 'commune', validFrom: '2025-07-01', validTo: null },
  { id: 6, code: 'N2', level: 'commune', validFrom: '2025-07-01', validTo: null },
  { id: 7, code: 'C', level: 'commune', validFrom: '2020-01-01', validTo: null },
];
const v = (id: number, unitId: number, name: string, parentId: number | null, validFrom: string, validTo: string | null): VersionRow =>
  ({ id, unitId, name, shortName: null, place: null, parentId, validFrom, validTo });
const versions: VersionRow[] = [
  v(1, 1, 'Công an tỉnh', null, '2020-01-01', null),
  v(2, 2, 'Công an huyện', 1, '2020-01-01', '2025-02-28'),
  v(3, 3, 'Công an xã An', 2, '2020-01-01', '2025-02-28'),
  v(4, 3, 'Công an xã An', 1, '2025-03-01', '2025-06-30'),
  v(5, 4, 'Công an xã Bình', 2, '2020-01-01', '2025-02-28'),
  v(6, 4, 'Công an xã Bình', 1, '2025-03-01', '2025-06-30'),
  v(7, 5, 'Công an xã Mới Một', 1, '2025-07-01', null),
  v(8, 6, 'Công an xã Đông', 1, '2025-07-01', null),
  v(9, 7, 'Công an xã Cũ', 1, '2020-01-01', '2023-12-31'),
  v(10, 7, 'Công an xã Cát', 1, '2024-01-01', null),
];
const e = (eventId: number, kind: LineageRow['kind'], effectiveDate: string, fromUnitId: number, toUnitId: number): LineageRow =>
  ({ eventId, kind, effectiveDate, fromUnitId, toUnitId });
const lineage: LineageRow[] = [
  e(1, 'reparent', '2025-03-01', 3, 3), e(2, 'reparent', '2025-03-01', 4, 4), e(3, 'dissolve', '2025-03-01', 2, 2),
  e(4, 'merge', '2025-07-01', 3, 5), e(5, 'split', '2025-07-01', 4, 5), e(5, 'split', '2025-07-01', 4, 6),
  e(6, 'rename', '2024-01-01', 7, 7),
];
const g = new UnitGraph(units, versions, lineage);
const names = (nodes: { name: string; children: unknown[] }[]): unknown => nodes.map((n) => [n.name, names(n.children as never)]);

describe('UnitGraph', () => {
  it('gives the tree as it stood on a date, with names and parents of that date', () => {
    expect(names(g.treeAsOf('2024-06-01'))).toEqual([
      ['Công an tỉnh', [['Công an huyện', [['Công an xã An', []], ['Công an xã Bình', []]]], ['Công an xã Cát', []]]],
    ]);
    expect((names(g.treeAsOf('2023-06-01')) as unknown[])[0]).toEqual(['Công an tỉnh', [['Công an huyện', [['Công an xã An', []], ['Công an xã Bình', []]]], ['Công an xã Cũ', []]]]);
    expect(names(g.treeAsOf('2025-04-01'))).toEqual([['Công an tỉnh', [['Công an xã An', []], ['Công an xã Bình', []], ['Công an xã Cát', []]]]]);
    // Vietnamese collation: Đ after D, before M.
    expect(names(g.treeAsOf('2025-07-01'))).toEqual([['Công an tỉnh', [['Công an xã Cát', []], ['Công an xã Đông', []], ['Công an xã Mới Một', []]]]]);
  });

  it('counts the last day of validity as valid (valid_to is inclusive)', () => {
    expect(g.asOf(2, '2025-02-28')?.name).toBe('Công an huyện');
    expect(g.asOf(2, '2025-03-01')).toBeUndefined();
  });

  it('names a unit as it was called on a date, an ended one by its last name, one not yet started by its first', () => {
    expect(g.nameOn(7, '2023-06-01')).toBe('Công an xã Cũ');
    expect(g.nameOn(7, '2024-06-01')).toBe('Công an xã Cát');
    expect(g.nameOn(2, '2026-01-01')).toBe('Công an huyện');
    expect(g.nameOn(5, '2024-01-01')).toBe('Công an xã Mới Một');
    expect(g.nameOn(99, '2024-01-01')).toBeUndefined();
  });

  it("finds today's successors of a historical unit, through merges and splits", () => {
    expect(g.successorsOn(3, '2026-01-01')).toEqual([5]);
    expect(g.successorsOn(4, '2026-01-01').sort()).toEqual([5, 6]);
    expect(g.successorsOn(5, '2026-01-01')).toEqual([5]);
  });

  it('finds all historical units that feed into a unit', () => {
    expect(g.predecessors(5).sort()).toEqual([3, 4]);
    expect(g.predecessors(6)).toEqual([4]);
    expect(g.predecessors(7)).toEqual([]);
  });

  it('reaches the subtree and the historical units that roll up into it', () => {
    expect([...g.scopeOf(1, '2026-01-01')].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([...g.scopeOf(5, '2026-01-01')].sort()).toEqual([3, 4, 5]);
    expect([...g.scopeOf(6, '2026-01-01')].sort()).toEqual([4, 6]);
    expect([...g.scopeOf(7, '2026-01-01')]).toEqual([7]);
    // Before the merger, the district's subtree is its communes.
    expect([...g.scopeOf(2, '2024-01-01')].sort()).toEqual([2, 3, 4]);
  });

  it('detects a cycle before it is made', () => {
    expect(g.wouldCycle(1, 3, '2025-04-01')).toBe(true);
    expect(g.wouldCycle(3, 7, '2025-04-01')).toBe(false);
  });
});
