import { describe, expect, it } from 'vitest';
import { parseUnitsCsv, writeUnitsCsv } from '../../src/core/units/csv.ts';
import { planUnitBatch } from '../../src/core/units/plan.ts';
import { UnitGraph } from '../../src/core/units/graph.ts';

const HEADER = 'code,name,short_name,level,parent_code,valid_from,valid_to,place';
const existing = new UnitGraph(
  [{ id: 1, code: 'CATH', level: 'province', validFrom: '2020-01-01', validTo: null },
    { id: 2, code: 'OLD', level: 'district', validFrom: '2020-01-01', validTo: '2025-02-28' }],
  [{ id: 1, unitId: 1, name: 'Công an tỉnh Thanh Hóa', shortName: null, place: 'Thanh Hóa', parentId: null, validFrom: '2020-01-01', validTo: null },
    { id: 2, unitId: 2, name: 'Công an huyện Cũ', shortName: null, place: null, parentId: 1, validFrom: '2020-01-01', validTo: '2025-02-28' }],
  [],
);
const plan = (csv: string) => {
  const parsed = parseUnitsCsv(csv);
  if (parsed.issues.length) return { issues: parsed.issues };
  return planUnitBatch(existing, parsed.lines, '2026-11-26');
};
const brief = (issues: { line: number; field: string; key: string }[]) => issues.map((i) => `${i.line}:${i.field}:${i.key}`);

describe('units CSV', () => {
  it('reads UTF-8 Vietnamese with a BOM, dd/MM/yyyy dates, NFD input normalised to NFC, parents later in the file', () => {
    const nfd = 'Công an xã Thiệu Hóa'.normalize('NFD');
    const r = plan(`\uFEFF${HEADER}\nTH-X-A,"${nfd}",,commune,TH-H-B,01/07/2025,,Thiệu Hóa\nTH-H-B,Công an huyện B,,district,CATH,1/1/2021,,\n`);
    expect(r.issues).toEqual([]);
    expect(r.plan!.creates.map((s) => s.code)).toEqual(['TH-H-B', 'TH-X-A']);
    expect(r.plan!.creates[1]!.name).toBe('Công an xã Thiệu Hóa'.normalize('NFC'));
    expect(r.plan!.creates[1]!.validFrom).toBe('2025-07-01');
  });

  it('reports every bad row with its line, field and reason', () => {
    const r = plan([
      HEADER,
      ',Không mã,,commune,CATH,01/01/2024,,',
      'X1,Tên,,hamlet,CATH,01/01/2024,,',
      'X2,Tên,,commune,NOPE,01/01/2024,,',
      'X3,Tên,,commune,CATH,31/02/2024,,',
      'X4,Tên,,commune,CATH,01/01/2024,01/01/2023,',
      'X5,Tên,,commune,OLD,01/01/2024,,',
      'X6,Tên,,commune,CATH,01/01/2024,,',
      'X6,Lặp,,commune,CATH,01/01/2024,,',
      'X7,Thiếu cột',
    ].join('\n'));
    expect(brief(r.issues)).toEqual([
      '2:code:validation.required', '3:level:unit.level_unknown', '5:valid_from:validation.date',
      '6:valid_to:unit.ends_before_start', '10::csv.column_count',
    ]);
    const r2 = plan([HEADER, 'X2,Tên,,commune,NOPE,01/01/2024,,', 'X5,Tên,,commune,OLD,01/01/2024,,', 'X6,Tên,,commune,CATH,01/01/2024,,', 'X6,Lặp,,commune,CATH,01/01/2024,,'].join('\n'));
    expect(brief(r2.issues)).toEqual(['2:parent_code:unit.parent_unknown', '3:valid_from:unit.outside_parent_validity', '5:code:unit.code_repeated']);
  });

  it('refuses cycles within the file', () => {
    const r = plan([HEADER, 'A1,A,,commune,B1,01/01/2024,,', 'B1,B,,commune,A1,01/01/2024,,'].join('\n'));
    expect(brief(r.issues)).toEqual(['2:parent_code:unit.cycle', '3:parent_code:unit.cycle']);
  });

  it('refuses malformed CSV, unknown and missing columns, an empty file', () => {
    expect(brief(plan(`${HEADER}\nA,"unclosed,,commune,CATH,01/01/2024,,\n`).issues)).toEqual(['2::csv.malformed']);
    expect(brief(plan('code,name,colour\n').issues)).toEqual(['1:colour:csv.unknown_column', '1:level:csv.missing_column', '1:valid_from:csv.missing_column']);
    expect(brief(plan('').issues)).toEqual(['1::csv.empty']);
  });

  it('treats an existing code as a correction, and an identical row as unchanged', () => {
    const same = plan(`${HEADER}\nCATH,Công an tỉnh Thanh Hóa,,province,,01/01/2020,,Thanh Hóa`);
    expect(same.plan).toMatchObject({ creates: [], updates: [], unchanged: 1 });
    const renamed = plan(`${HEADER}\nCATH,Công an Tỉnh Thanh Hoá,,province,,01/01/2020,,Thanh Hóa`);
    expect(renamed.plan!.updates).toHaveLength(1);
    const shrink = plan(`${HEADER}\nCATH,Công an tỉnh Thanh Hóa,,province,,01/01/2022,,Thanh Hóa`);
    expect(brief(shrink.issues)).toEqual(['2:valid_to:unit.children_outside']);
  });

  it('writes what it reads: export then parse gives the same specs', () => {
    const rows = [{ code: 'CATH', name: 'Công an tỉnh Thanh Hóa', shortName: 'CATH', level: 'province', parentCode: null, validFrom: '2020-01-01', validTo: null, place: 'Thanh Hóa, "xứ Thanh"' }];
    const csv = writeUnitsCsv(rows);
    expect(csv.startsWith('\uFEFFcode,name')).toBe(true);
    const back = parseUnitsCsv(csv);
    expect(back.issues).toEqual([]);
    expect(back.lines[0]!.spec).toEqual({ ...rows[0], level: 'province' });
  });
});
