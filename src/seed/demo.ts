// The demo province: Công an tỉnh Thanh Hóa with its real 2025 history (../shared/data, MIT):
// 26 district police units that ended on 28/02/2025, their communes re-parented to the province on
// 01/03/2025, and the 1 July 2025 reorganisation into 166 communes and wards, with every merge and split.
// Built through the same commands the console uses, so the demo exercises them.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { CommandContext } from '../commands/context.ts';
import { applyUnitBatch } from '../commands/units/write.ts';
import { recordLineage } from '../commands/units/lineage.ts';
import type { UnitSpec } from '../core/units/spec.ts';
import type { LineageInput } from '../core/units/lineage.ts';
import { codeSlug, lowerPrefix } from '../core/text.ts';
import { loadUnitGraph } from '../db/repos/units.ts';
import type { UnitGraph } from '../core/units/graph.ts';

const CSV = fileURLToPath(new URL('./thanh-hoa-communes-2025.csv', import.meta.url));
/** The system's recorded history starts here; units existed earlier, but that is not recorded. */
export const HISTORY_START = '2020-01-01';
export const DISTRICTS_END = '2025-03-01';
export const COMMUNES_REORG = '2025-07-01';

const PREFIXES = ['Thị Trấn', 'Thị Xã', 'Thành Phố', 'Huyện', 'Xã', 'Phường'] as const;
const ABBR: Record<string, string> = { 'thị trấn': 'TT', 'thị xã': 'TX', 'thành phố': 'TP', huyện: 'H', xã: 'X', phường: 'P' };

function split(name: string): { prefix: string; place: string } {
  for (const p of PREFIXES) if (name.startsWith(`${p} `)) return { prefix: p.toLowerCase(), place: name.slice(p.length + 1) };
  return { prefix: '', place: name };
}

const policeName = (adminName: string) => `Công an ${lowerPrefix(adminName.normalize('NFC'), PREFIXES)}`;
const codeOf = (prefixCode: string, name: string) => {
  const { prefix, place } = split(name);
  return `${prefixCode}${ABBR[prefix] ?? 'X'}-${codeSlug(place)}`;
};

interface Pair {
  newCommune: string;
  oldCommune: string;
  oldDistrict: string;
}

export function readReorganisation(): Pair[] {
  const rows = parse(fs.readFileSync(CSV, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  return rows.map((r) => ({ newCommune: r.new_commune!.normalize('NFC'), oldCommune: r.old_commune!.normalize('NFC'), oldDistrict: r.old_district!.normalize('NFC') }));
}

const spec = (s: Omit<UnitSpec, 'shortName'> & { shortName?: string | null }): UnitSpec => ({ shortName: null, ...s });

/** Codes the demo uses, for personas and tests. */
export const DEMO = {
  ministry: 'BCA',
  province: 'CATH',
  thieuHoaDistrict: 'TH-H-THIEUHOA',
  thieuHoaCommune: 'TH-X-THIEUHOA',
  thieuTrungCommune: 'TH-X-THIEUTRUNG',
  dinhHoaCommune: 'TH-X-DINHHOA',
  oldThieuHoaTown: 'TH-H-THIEUHOA.TT-THIEUHOA',
  oldThieuLong: 'TH-H-THIEUHOA.X-THIEULONG',
} as const;

export async function seedUnits(ctx: CommandContext): Promise<UnitGraph> {
  const pairs = readReorganisation();
  const districts = [...new Set(pairs.map((p) => p.oldDistrict))];
  const oldKey = (p: Pair) => `${p.oldDistrict}|${p.oldCommune}`;
  const districtCode = (d: string) => codeOf('TH-', d);
  // Some names differ only by tone marks (Hoằng Phú, Hoằng Phụ): the later one's code gets a suffix.
  const taken = new Map<string, string>();
  const unique = (key: string, base: string) => {
    if (taken.has(key)) return taken.get(key)!;
    const used = new Set(taken.values());
    let code = base;
    for (let n = 2; used.has(code); n++) code = `${base}${n}`;
    taken.set(key, code);
    return code;
  };
  const oldCode = (p: Pair) => unique(`old|${oldKey(p)}`, `${districtCode(p.oldDistrict)}.${codeOf('', p.oldCommune)}`);
  const newCode = (n: string) => unique(`new|${n}`, codeOf('TH-', n));

  // 1. The units as they stood from the start of recorded history.
  const initial: UnitSpec[] = [
    spec({ code: DEMO.ministry, name: 'Bộ Công an', shortName: 'BCA', level: 'ministry', parentCode: null, validFrom: HISTORY_START, validTo: null, place: 'Hà Nội' }),
    spec({ code: DEMO.province, name: 'Công an tỉnh Thanh Hóa', shortName: 'CATH', level: 'province', parentCode: DEMO.ministry, validFrom: HISTORY_START, validTo: null, place: 'Thanh Hóa' }),
  ];
  for (const d of districts) {
    initial.push(spec({ code: districtCode(d), name: policeName(d), level: 'district', parentCode: DEMO.province, validFrom: HISTORY_START, validTo: null, place: split(d).place }));
  }
  const olds = new Map<string, Pair>();
  for (const p of pairs) olds.set(oldKey(p), p);
  for (const p of olds.values()) {
    initial.push(spec({ code: oldCode(p), name: policeName(p.oldCommune), level: 'commune', parentCode: districtCode(p.oldDistrict), validFrom: HISTORY_START, validTo: null, place: split(p.oldCommune).place }));
  }
  await applyUnitBatch(ctx, initial.map((s, i) => ({ line: i + 2, spec: s })), 'csv');

  // 2. 01/03/2025: district police end; their communes report to the province directly.
  let graph = await loadUnitGraph(ctx.database.db);
  const id = (code: string) => graph.idOf(code)!;
  for (const p of olds.values()) {
    await recordLineage(ctx, { kind: 'reparent', date: DISTRICTS_END, unit: id(oldCode(p)), parent: id(DEMO.province), note: 'Kết thúc hoạt động của Công an cấp huyện' });
  }
  for (const d of districts) {
    await recordLineage(ctx, { kind: 'dissolve', date: DISTRICTS_END, unit: id(districtCode(d)), note: 'Kết thúc hoạt động của Công an cấp huyện từ 01/03/2025' });
  }

  // 3. 01/07/2025: the new communes and wards, then the merges and splits that formed them.
  const news = [...new Set(pairs.map((p) => p.newCommune))];
  await applyUnitBatch(ctx, news.map((n, i) => ({
    line: i + 2,
    spec: spec({ code: newCode(n), name: policeName(n), level: 'commune', parentCode: DEMO.province, validFrom: COMMUNES_REORG, validTo: null, place: split(n).place }),
  })), 'csv');
  graph = await loadUnitGraph(ctx.database.db);
  const successors = new Map<string, string[]>();
  for (const p of pairs) successors.set(oldKey(p), [...(successors.get(oldKey(p)) ?? []), p.newCommune]);
  const events: LineageInput[] = [];
  for (const [key, targets] of successors) {
    if (targets.length > 1) {
      events.push({ kind: 'split', date: COMMUNES_REORG, from: id(oldCode(olds.get(key)!)), to: targets.map((t) => id(newCode(t))), note: 'Sắp xếp đơn vị hành chính cấp xã 2025' });
    }
  }
  for (const n of news) {
    const from = pairs.filter((p) => p.newCommune === n && successors.get(oldKey(p))!.length === 1).map((p) => id(oldCode(p)));
    if (from.length) events.push({ kind: 'merge', date: COMMUNES_REORG, from, to: id(newCode(n)), note: 'Sắp xếp đơn vị hành chính cấp xã 2025' });
  }
  for (const e of events) await recordLineage(ctx, e);
  return loadUnitGraph(ctx.database.db);
}
