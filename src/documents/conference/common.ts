// Wording shared by the conference documents. Always Vietnamese: these are official documents (like report-back).
import { dateVN, formatDate, formatDateTime } from '../../core/dates.ts';
import type { ConferenceFacts, DelegateFacts } from './inputs.ts';

export const CATEGORY_LABELS: Record<DelegateFacts['category'], string> = {
  official: 'Đại biểu lãnh đạo Đảng ủy, HĐND, UBND, Ủy ban MTTQ',
  mass_org: 'Đại diện các ban, ngành, đoàn thể',
  village_head: 'Bí thư chi bộ, trưởng thôn, tổ trưởng tổ dân phố',
  resident: 'Đại diện Nhân dân',
  police: 'Cán bộ, chiến sĩ Công an',
  guest: 'Khách mời',
};

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** "08 giờ 00 phút" in Vietnam time of an ISO instant. */
export function clockVN(isoInstant: string): string {
  const [, time] = formatDateTime(isoInstant).split(' ');
  const [h, m] = (time ?? '00:00').split(':');
  return `${h} giờ ${m} phút`;
}

/** "thứ Hai, ngày 05/01/2026" for an ISO instant, in Vietnam. */
export function dayVN(isoInstant: string): string {
  const day = dateVN(isoInstant);
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
  return `${weekday}, ngày ${formatDate(day)}`;
}

/** "ngày 05 tháng 01 năm 2026" (the decree's wording for dates in running text). */
export function longDateVN(isoInstant: string): string {
  const [y, m, d] = dateVN(isoInstant).split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** "Công an xã Thiệu Hóa phối hợp với Ủy ban MTTQ xã, ..." or just the unit when it organises alone. */
export function organisers(c: ConferenceFacts): string {
  const partners = c.coOrganisers.map((s) => s.trim()).filter(Boolean);
  return partners.length ? `${c.unitName} phối hợp với ${partners.join(', ')}` : c.unitName;
}

/** "Ông/Bà Nguyễn Văn An, Trưởng thôn 3": the name with what the person is. */
export function personLine(d: Pick<DelegateFacts, 'fullName' | 'title' | 'organisation' | 'village'>): string {
  const what = [d.title, d.organisation ?? d.village].map((s) => s?.trim()).filter(Boolean).join(', ');
  return `Ông/Bà ${d.fullName.trim()}${what ? `, ${what}` : ''}`;
}

/** The agenda as list items: "08 giờ 00: Báo cáo ... (Trưởng Công an xã)". */
export function agendaItems(c: ConferenceFacts): string[] {
  return c.agenda.map((a) => `${a.time ? `${a.time}: ` : ''}${a.title.trim()}${a.presenter ? ` (${a.presenter.trim()})` : ''}`);
}

/** Vietnamese number formatting: 1.234 and 12,5. */
export function num(n: number, digits = 0): string {
  return n.toLocaleString('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Paragraph texts of free text typed by staff: blank lines separate paragraphs. */
export function paragraphsOf(text: string | null): string[] {
  return (text ?? '').replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}
