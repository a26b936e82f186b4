// The unit as an official document names it (Nghị định 30/2020/NĐ-CP): its name and the body above it for the
// header, the place on the date line, the body type for the signer's title and the number's suffix ("05/TB-CAX").
// Pure: read from the unit graph as of a date; used by the report-back notices and the official documents' headers.
import { todayVN } from '../dates.ts';
import type { UnitGraph } from './graph.ts';

export interface ReportUnit {
  id: number;
  code: string;
  /** Today's name (or the last one, for a unit that has ended). */
  name: string;
  /** The body above it, for the document header ("Công an tỉnh Thanh Hóa"); null at the top. */
  parentName: string | null;
  /** The place on the date line: the province's (Nghị định 30 leaves police units to the Ministry's rules). */
  placeName: string;
  /** The part of the name before the place ("Công an xã"), for the signer's title and the number's suffix. */
  bodyType: string;
  level: string;
}

export function reportUnit(graph: UnitGraph, unitId: number, today = todayVN()): ReportUnit | null {
  const u = graph.units.get(unitId);
  const v = graph.versionAt(unitId, today) ?? graph.structuralVersion(unitId, today);
  if (!u || !v) return null;
  const parent = v.parentId === null ? undefined : graph.versionAt(v.parentId, today) ?? graph.structuralVersion(v.parentId, today);
  // The province above (or the unit itself, if it is one) gives the place on the date line.
  let place = v.place ?? '';
  for (let cur: number | null = unitId, guard = 0; cur !== null && guard < 20; guard++) {
    const cv: ReturnType<UnitGraph['versionAt']> = graph.versionAt(cur, today) ?? graph.structuralVersion(cur, today);
    if (!cv) break;
    if (graph.units.get(cur)?.level === 'province') {
      place = cv.place ?? place;
      break;
    }
    cur = cv.parentId;
  }
  const bodyType = v.place && v.name.endsWith(v.place) ? v.name.slice(0, -v.place.length).trim() : (/^Công an (xã|phường|đặc khu|thị trấn|huyện|thị xã|thành phố|tỉnh)/i.exec(v.name)?.[0] ?? v.name);
  return { id: unitId, code: u.code, name: v.name, parentName: parent?.name ?? null, placeName: place || (v.place ?? ''), bodyType, level: u.level };
}

/** Initials of the body type, as in "Số: 05/TB-CAX": Công an xã → CAX, Công an phường → CAP, Công an tỉnh → CAT. */
export function bodyInitials(bodyType: string): string {
  return bodyType.normalize('NFC').split(/\s+/).filter(Boolean)
    .map((w) => w[0]!.toLocaleUpperCase('vi'))
    .map((c) => (c === 'Đ' ? c : c.normalize('NFD').replace(/\p{M}/gu, '')))
    .join('');
}

/** Who signs: "TRƯỞNG CÔNG AN XÃ"; a province police is signed by its director (GIÁM ĐỐC). */
export function signerTitle(unit: Pick<ReportUnit, 'bodyType' | 'level'>): string {
  if (unit.level === 'province') return 'GIÁM ĐỐC';
  if (unit.level === 'ministry') return 'BỘ TRƯỞNG';
  return `TRƯỞNG ${unit.bodyType.toLocaleUpperCase('vi')}`;
}
