// Realistic inputs for the conference documents (a commune of Thiệu Hóa after the 2025 merger) and small readers of
// what the renderers produce: the DOCX's XML paragraph by paragraph, and poppler's tools for PDFs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import JSZip from 'jszip';
import type { ConferenceFacts, DelegateFacts, MinutesInput, ReportInput } from '../../src/documents/conference/inputs.ts';
import type { DocumentHeader, Signer } from '../../src/documents/official/model.ts';

export const HEADER: DocumentHeader = {
  parentBody: 'Công an tỉnh Thanh Hóa', issuingBody: 'Công an xã Thiệu Hóa', symbolSuffix: 'CAX', place: 'Thiệu Hóa',
};
export const DEFAULTS: { signer: Signer; recipients: string[] } = {
  signer: { authority: null, titleLines: ['Trưởng Công an xã'], name: 'Lê Văn Hùng' },
  recipients: ['Công an tỉnh Thanh Hóa (để báo cáo)', 'Đảng ủy, UBND xã Thiệu Hóa'],
};

export const CONFERENCE: ConferenceFacts = {
  title: 'Hội nghị “Công an lắng nghe ý kiến Nhân dân” năm 2025',
  // 08:00 to 11:30 in Vietnam.
  startsAt: '2026-01-05T01:00:00.000Z',
  endsAt: '2026-01-05T04:30:00.000Z',
  venue: 'Hội trường Ủy ban nhân dân xã Thiệu Hóa',
  coOrganisers: ['Ban Dân vận Đảng ủy xã', 'Ủy ban Mặt trận Tổ quốc Việt Nam xã Thiệu Hóa'],
  agenda: [
    { time: '08:00', title: 'Tuyên bố lý do, giới thiệu đại biểu', presenter: 'Ủy ban MTTQ xã' },
    { time: '08:15', title: 'Báo cáo kết quả công tác bảo đảm an ninh, trật tự năm 2025', presenter: 'Trưởng Công an xã' },
    { time: '09:00', title: 'Đại biểu, Nhân dân phát biểu ý kiến', presenter: null },
  ],
  presiding: { name: 'Lê Văn Hùng', title: 'Trưởng Công an xã' },
  secretary: { name: 'Nguyễn Thị Ngọc Ánh', title: 'Cán bộ Công an xã' },
  unitName: 'Công an xã Thiệu Hóa',
};

export const DELEGATES: DelegateFacts[] = [
  { fullName: 'Trần Quốc Đạt', title: 'Bí thư Đảng ủy xã', organisation: 'Đảng ủy xã Thiệu Hóa', village: null, category: 'official', present: true },
  { fullName: 'Phạm Thị Hường', title: 'Chủ tịch Hội Liên hiệp Phụ nữ xã', organisation: 'Hội LHPN xã', village: null, category: 'mass_org', present: true },
  { fullName: 'Đỗ Văn Thắng', title: 'Trưởng thôn', organisation: null, village: 'Thôn Đồng Thanh', category: 'village_head', present: true },
  { fullName: 'Ngô Thị Lụa', title: null, organisation: null, village: 'Thôn Hậu Hiền', category: 'resident', present: false },
];

export const REPORT: ReportInput = {
  conference: CONFERENCE,
  period: 'năm 2025',
  previousPeriod: 'năm 2024',
  indicators: [
    { name: 'Số vụ phạm tội về trật tự xã hội xảy ra', measure: 'vụ', current: 12, previous: 15 },
    { name: 'Số vụ phạm tội về ma túy phát hiện, bắt giữ', measure: 'vụ', current: 7, previous: 4 },
    { name: 'Tai nạn giao thông', measure: 'vụ', current: 3, previous: 3 },
    { name: 'Hồ sơ đăng ký cư trú đã giải quyết', measure: 'hồ sơ', current: 1284, previous: 0 },
  ],
  lastYearOpinions: [
    { receivedOn: '2025-01-06', summary: 'Đề nghị lắp đèn chiếu sáng đường liên thôn Đồng Thanh – Hậu Hiền', topic: 'Trật tự công cộng', outcome: 'Đã giải quyết', answer: 'Phối hợp UBND xã lắp 24 bóng đèn LED, hoàn thành tháng 6/2025.' },
    { receivedOn: '2025-01-06', summary: 'Phản ánh tình trạng thanh thiếu niên tụ tập, đua xe trái phép vào ban đêm', topic: 'Trật tự an toàn giao thông', outcome: 'Đang giải quyết (hạn 15/01/2026)', answer: null },
  ],
  survey: {
    campaignName: 'Khảo sát sự hài lòng của Nhân dân năm 2025', responses: 530,
    criteria: [
      { label: 'Kết quả công tác bảo đảm an ninh, trật tự trên địa bàn', satisfied: 498, valid: 522, pct: 95.4, low: 93.3, high: 96.9 },
      { label: 'Tinh thần trách nhiệm của cán bộ, chiến sĩ', satisfied: 505, valid: 524, pct: 96.4, low: 94.4, high: 97.7 },
    ],
  },
};

export const MINUTES: MinutesInput = {
  conference: CONFERENCE,
  delegates: DELEGATES,
  extraAttendance: 23,
  proceedings: 'Đồng chí Trưởng Công an xã trình bày báo cáo kết quả công tác bảo đảm an ninh, trật tự năm 2025.\n\nĐại diện Ủy ban MTTQ xã thông qua kết quả giám sát.',
  opinions: [
    { seq: 1, speaker: 'Ông Đỗ Văn Thắng, Trưởng thôn Đồng Thanh', topic: 'Trật tự an toàn giao thông', content: 'Đề nghị tăng cường tuần tra khu vực cổng trường vào giờ tan học.', answerMode: 'spot', answer: 'Công an xã bố trí lực lượng tuần tra từ 16 giờ 30 hằng ngày', answeredBy: 'Trưởng Công an xã' },
    { seq: 2, speaker: 'Bà Ngô Thị Lụa, thôn Hậu Hiền', topic: 'Thủ tục hành chính', content: 'Việc cấp căn cước cho người cao tuổi còn phải đi lại nhiều lần.', answerMode: 'writing', answer: null, answeredBy: null },
  ],
  conclusion: 'Hội nghị ghi nhận, đánh giá cao kết quả công tác của Công an xã; đề nghị tiếp tục giải quyết dứt điểm các ý kiến của Nhân dân.',
};

/** A paragraph of the DOCX body: its XML and its text (entities decoded, runs joined). */
export interface DocxParagraph { xml: string; text: string }

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The files of a DOCX by name. */
export async function unzipDocx(buf: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml') || name.endsWith('.rels')) out[name] = await zip.file(name)!.async('string');
  return out;
}

/** Every w:p of an XML part, in order. */
export function paragraphsOf(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => ({
    xml: m[0], text: decode([...m[0].matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));
}

/** The value of attribute `attr` of the first `tag` element in xml. */
export function attrOf(xml: string, tag: string, attr: string): string | undefined {
  const el = new RegExp(`<${tag}(?:\\s[^>]*)?/?>`).exec(xml)?.[0];
  return el ? new RegExp(`${attr}="([^"]*)"`).exec(el)?.[1] : undefined;
}

/** Whether a Debian tool is there (the tests that need it skip loudly otherwise). */
export function has(cmd: string): boolean {
  return fs.existsSync(cmd) || spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** pdftotext's text (optionally -layout) and the page count (pdfinfo). */
export function pdfText(file: string, layout = false): { text: string; pages: number } {
  const out = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text: out.stdout, pages: Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0) };
}

/** Whitespace collapsed and NFC: what the eye reads, whatever way a line was broken. */
export const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');
