// The official DOCX (documents/official/docx.ts) from the conference builders: the layout of Nghị định 30/2020 read
// back from word/document.xml (A4, margins, Times New Roman, sizes, the borderless header table, the number, the
// italic date line, the centred title, "./.", page numbers from page 2), a very long document keeping that layout,
// and LibreOffice's rendering of it (text intact, plausible pages, a Times-metric font). The PNG of page 1 is kept
// in $LN_DOCX_PNG_DIR when set, to look at.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInvitation } from '../../src/documents/conference/invitation.ts';
import { buildMinutes } from '../../src/documents/conference/minutes.ts';
import { buildReport, changeText } from '../../src/documents/conference/report.ts';
import { renderDocx } from '../../src/documents/official/docx.ts';
import { completeModel, type OfficialModel } from '../../src/documents/official/model.ts';
import { CONFERENCE, DEFAULTS, DELEGATES, HEADER, MINUTES, REPORT, attrOf, flat, has, paragraphsOf, pdfText, unzipDocx } from './official-fixtures.ts';

const SOFFICE = '/usr/bin/soffice';
const HAS_SOFFICE = fs.existsSync(SOFFICE);
const HAS_POPPLER = has('pdftotext') && has('pdffonts') && has('pdftoppm') && has('pdfinfo');
if (!HAS_SOFFICE) console.warn(`official-docx tests: ${SOFFICE} not found (Debian packages libreoffice-writer-nogui fonts-liberation): LibreOffice rendering checks SKIPPED`);
if (!HAS_POPPLER) console.warn('official-docx tests: pdftotext/pdffonts/pdftoppm not found (Debian package poppler-utils): rendering checks SKIPPED');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-official-docx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const issued = (content: Parameters<typeof completeModel>[0]): OfficialModel =>
  completeModel(content, HEADER, DEFAULTS, { number: 5, issuedOn: '2026-01-05', year: 2026 });

async function documentXml(m: OfficialModel) {
  const files = await unzipDocx(await renderDocx(m));
  return { files, xml: files['word/document.xml']!, paras: paragraphsOf(files['word/document.xml']!) };
}

function expectPageLayout(xml: string) {
  expect(attrOf(xml, 'w:pgSz', 'w:w')).toBe('11906');
  expect(attrOf(xml, 'w:pgSz', 'w:h')).toBe('16838');
  expect(attrOf(xml, 'w:pgSz', 'w:orient') ?? 'portrait').toBe('portrait');
  for (const [side, twips] of [['top', '1134'], ['bottom', '1134'], ['left', '1701'], ['right', '850']]) {
    expect(attrOf(xml, 'w:pgMar', `w:${side}`), side).toBe(twips);
  }
  expect(xml).toMatch(/<w:titlePg(?:\s+w:val="(?:true|1)")?\s*\/>/);
  // Every run names Times New Roman.
  const fonts = [...xml.matchAll(/<w:rFonts\s[^>]*\/>/g)].map((m) => m[0]);
  expect(fonts.length).toBeGreaterThan(10);
  for (const f of fonts) expect(f).toContain('w:ascii="Times New Roman"');
}

const find = (paras: { text: string; xml: string }[], text: string) => {
  const p = paras.find((x) => x.text.includes(text));
  if (!p) throw new Error(`no paragraph with "${text}"`);
  return p;
};
const size = (xml: string) => attrOf(xml, 'w:sz', 'w:val');

describe('official DOCX layout (Nghị định 30/2020)', () => {
  it('lays out a report: A4, margins, fonts, header table, number, date, title, body, signature, Nơi nhận, page numbers', async () => {
    const { files, xml, paras } = await documentXml(issued(buildReport(REPORT)));
    expectPageLayout(xml);

    // The header: a borderless table whose cells hold the bodies and the national title.
    const firstTable = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
    const borders = /<w:tblBorders>[\s\S]*?<\/w:tblBorders>/.exec(firstTable)![0];
    for (const side of ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']) expect(borders).toMatch(new RegExp(`<w:${side} w:val="none"`));
    expect(firstTable).toContain('CÔNG AN TỈNH THANH HÓA');
    expect(firstTable).toContain('CÔNG AN XÃ THIỆU HÓA');
    const parent = find(paras, 'CÔNG AN TỈNH THANH HÓA');
    expect(parent.xml).not.toMatch(/<w:b\/>|<w:b w:val="true"\/>/);
    expect(find(paras, 'CÔNG AN XÃ THIỆU HÓA').xml).toMatch(/<w:b\/>/);
    const national = find(paras, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(national.xml).toMatch(/<w:b\/>/);
    expect(find(paras, 'Độc lập - Tự do - Hạnh phúc').xml).toMatch(/<w:b\/>/);
    // Rules under the issuing body and the motto: paragraphs with a bottom border and nothing else.
    expect((firstTable.match(/<w:bottom w:val="single"/g) ?? []).length).toBe(2);
    expect(find(paras, 'Số: 05/BC-CAX').text).toBe('Số: 05/BC-CAX');
    const date = find(paras, 'Thiệu Hóa, ngày 05 tháng 01 năm 2026');
    expect(date.xml).toMatch(/<w:i\/>/);
    expect(date.xml).toMatch(/<w:jc w:val="center"\/>/);

    // The title, centred in bold capitals, with the subject under it.
    const titleIdx = paras.findIndex((p) => p.text === 'BÁO CÁO');
    expect(titleIdx).toBeGreaterThan(0);
    expect(paras[titleIdx]!.xml).toMatch(/<w:jc w:val="center"\/>/);
    expect(paras[titleIdx]!.xml).toMatch(/<w:b\/>/);
    expect(paras[titleIdx + 1]!.text).toBe('Kết quả công tác bảo đảm an ninh, trật tự năm 2025 và kết quả tiếp thu, giải quyết ý kiến của Nhân dân');
    expect(paras[titleIdx + 1]!.xml).toMatch(/<w:jc w:val="center"\/>/);

    // Body: 14 pt, justified, first line indented 1.27 cm, 6 pt after; sections numbered I, II, III.
    const body = find(paras, 'Thực hiện kế hoạch tổ chức');
    expect(size(body.xml)).toBe('28');
    expect(body.xml).toMatch(/<w:jc w:val="both"\/>/);
    expect(attrOf(body.xml, 'w:ind', 'w:firstLine')).toBe('720');
    expect(attrOf(body.xml, 'w:spacing', 'w:after')).toBe('120');
    const headings = paras.filter((p) => /^(I|II|III|IV)\. /.test(p.text)).map((p) => p.text.split('.')[0]);
    expect(headings).toEqual(['I', 'II', 'III', 'IV']);
    // The work results with the change against last year, the survey with its interval.
    expect(find(paras, 'Số vụ phạm tội về trật tự xã hội xảy ra')).toBeTruthy();
    expect(paras.some((p) => p.text === '-3 (-20,0%)')).toBe(true);
    expect(paras.some((p) => p.text === '95,4%')).toBe(true);
    expect(paras.some((p) => p.text === '93,3% – 96,9%')).toBe(true);
    // Body tables have borders; their header row repeats.
    expect(xml).toMatch(/<w:tblHeader\/>|<w:tblHeader w:val="true"\/>/);
    expect(xml).toMatch(/<w:top w:val="single" w:color="000000" w:sz="4"\/>|<w:top w:val="single"[^>]*w:sz="4"/);

    // The body ends with "./.".
    const last = paras.filter((p) => p.text.includes('./.'));
    expect(last).toHaveLength(1);
    expect(last[0]!.text.endsWith('theo quy định./.')).toBe(true);

    // Signature: title in bold capitals, the name in bold; Nơi nhận 12 pt bold italic, entries 11 pt, "- Lưu: VT.".
    expect(find(paras, 'TRƯỞNG CÔNG AN XÃ').xml).toMatch(/<w:b\/>/);
    expect(find(paras, 'Lê Văn Hùng').xml).toMatch(/<w:b\/>/);
    const noiNhan = find(paras, 'Nơi nhận:');
    expect(size(noiNhan.xml)).toBe('24');
    expect(noiNhan.xml).toMatch(/<w:b\/>/);
    expect(noiNhan.xml).toMatch(/<w:i\/>/);
    const entries = paras.filter((p) => p.text.startsWith('- ') && size(p.xml) === '22').map((p) => p.text);
    expect(entries).toEqual(['- Công an tỉnh Thanh Hóa (để báo cáo);', '- Đảng ủy, UBND xã Thiệu Hóa;', '- Lưu: VT.']);

    // Page numbers: a PAGE field in the default header, an empty first-page header.
    const sectPr = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(xml)![0];
    expect(sectPr).toMatch(/<w:headerReference w:type="default"/);
    expect(sectPr).toMatch(/<w:headerReference w:type="first"/);
    const headers = Object.entries(files).filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(headers.filter((h) => /PAGE/.test(h))).toHaveLength(1);
    expect(headers.find((h) => /PAGE/.test(h))).toMatch(/<w:jc w:val="center"\/>/);
  });

  it('leaves the number blank in a draft and normalises text to NFC', async () => {
    const nfd = { ...CONFERENCE, title: CONFERENCE.title.normalize('NFD'), venue: 'Nhà văn hóa thôn Đồng Thanh'.normalize('NFD') };
    const m = completeModel(buildInvitation({ conference: nfd, delegates: [DELEGATES[2]!] }), HEADER, DEFAULTS, { number: null, issuedOn: null, year: 2026 });
    const { xml, paras } = await documentXml(m);
    expect(xml).toBe(xml.normalize('NFC'));
    expect(find(paras, 'Số:').text).toBe('Số:      /GM-CAX');
    expect(find(paras, 'Thiệu Hóa, ngày').text).toBe('Thiệu Hóa, ngày      tháng      năm 2026');
    expect(paras.some((p) => p.text === 'GIẤY MỜI')).toBe(true);
    expect(find(paras, 'Kính gửi:').text).toBe('Kính gửi: Ông/Bà Đỗ Văn Thắng, Trưởng thôn, Thôn Đồng Thanh');
    expect(find(paras, '2. Địa điểm:').text).toBe('2. Địa điểm: Nhà văn hóa thôn Đồng Thanh.');
    expect(find(paras, '1. Thời gian:').text).toBe('1. Thời gian: 08 giờ 00 phút, thứ Hai, ngày 05/01/2026.');
    expect(find(paras, 'Lưu: VT').text).toBe('- Lưu: VT.');
  });

  it('builds an invitation with the list as a table, and minutes signed by the secretary (left) and the chair (right)', async () => {
    const inv = await documentXml(issued(buildInvitation({ conference: CONFERENCE, delegates: DELEGATES })));
    expect(find(inv.paras, 'Kính gửi:').text).toContain('danh sách');
    expect(inv.paras.some((p) => p.text === 'Phạm Thị Hường')).toBe(true);

    const min = await documentXml(issued(buildMinutes(MINUTES)));
    expectPageLayout(min.xml);
    const texts = min.paras.map((p) => p.text);
    expect(texts).toContain('BIÊN BẢN');
    expect(find(min.paras, 'Vào hồi').text).toBe(`Vào hồi 08 giờ 00 phút, ngày 05 tháng 01 năm 2026, tại Hội trường Ủy ban nhân dân xã Thiệu Hóa, Công an xã Thiệu Hóa phối hợp với Ban Dân vận Đảng ủy xã, Ủy ban Mặt trận Tổ quốc Việt Nam xã Thiệu Hóa tổ chức ${CONFERENCE.title}.`);
    // Attendance by category and in total: 3 invited delegates present, 23 more people.
    expect(texts).toContain('- Đại biểu lãnh đạo Đảng ủy, HĐND, UBND, Ủy ban MTTQ: 1 người;');
    expect(texts).toContain('- Tổng số: 26 người (3/4 đại biểu được mời có mặt).');
    expect(find(min.paras, '1. Ông Đỗ Văn Thắng').text).toContain('cổng trường');
    expect(texts).toContain('- Trả lời tại Hội nghị (Trưởng Công an xã): Công an xã bố trí lực lượng tuần tra từ 16 giờ 30 hằng ngày.');
    expect(texts).toContain('- Công an xã Thiệu Hóa tiếp thu, kiểm tra và trả lời bằng văn bản đến người nêu ý kiến theo quy định.');
    expect(find(min.paras, 'Hội nghị kết thúc').text).toContain('11 giờ 30 phút');
    // The two signatures share one borderless row: THƯ KÝ in the left cell, CHỦ TRÌ in the right.
    const tables = [...min.xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const signing = tables.find((t) => t.includes('THƯ KÝ'))!;
    const cells = [...signing.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0]);
    expect(cells).toHaveLength(2);
    expect(cells[0]).toContain('THƯ KÝ');
    expect(cells[0]).toContain('Nguyễn Thị Ngọc Ánh');
    expect(cells[1]).toContain('CHỦ TRÌ');
    expect(cells[1]).toContain('Lê Văn Hùng');
    expect(min.xml).not.toContain('Nơi nhận');
  });

  it('says how figures changed against last year', () => {
    expect(changeText({ current: 12, previous: 15 })).toBe('-3 (-20,0%)');
    expect(changeText({ current: 7, previous: 4 })).toBe('+3 (+75,0%)');
    expect(changeText({ current: 3, previous: 3 })).toBe('0');
    expect(changeText({ current: 1284, previous: 0 })).toBe('+1.284');
    expect(changeText({ current: null, previous: 3 })).toBe('');
  });
});

/** 20 000 characters of Vietnamese without a paragraph break, and a table of 300 rows. */
function longModel(): OfficialModel {
  const sentence = 'Nhân dân phản ánh tình trạng xe tải trọng lớn lưu thông qua đường liên thôn vào giờ cao điểm, gây mất an toàn giao thông, hư hỏng mặt đường; đề nghị lực lượng Công an phối hợp kiểm tra, xử lý nghiêm. ';
  const long = sentence.repeat(Math.ceil(20_000 / sentence.length)).slice(0, 20_000).trim();
  const report = buildReport({
    ...REPORT,
    lastYearOpinions: Array.from({ length: 300 }, (_, i) => ({
      receivedOn: '2025-01-06', summary: `Ý kiến số ${i + 1}: đề nghị sửa chữa đèn chiếu sáng, biển báo giao thông tại khu dân cư thôn Đồng Thanh`,
      topic: 'Trật tự công cộng', outcome: i % 3 ? 'Đã giải quyết' : 'Đang giải quyết', answer: i % 3 ? 'Đã phối hợp Ủy ban nhân dân xã khắc phục xong.' : null,
    })),
  });
  report.blocks.splice(1, 0, { kind: 'paragraph', text: long });
  return issued(report);
}

describe('a very long document keeps the layout', () => {
  it('builds 20 000 characters and a 300-row table with the same page setup', async () => {
    const m = longModel();
    const { xml, paras } = await documentXml(m);
    expectPageLayout(xml);
    const long = m.blocks[1] as { text: string };
    expect(paras.some((p) => p.text === long.text)).toBe(true);
    const opinions = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) => t[0]).find((t) => t.includes('Ý kiến số 300'))!;
    expect((opinions.match(/<w:tr>|<w:tr\s/g) ?? []).length).toBe(301);
    // Fixed column widths that add up to the text width: long text wraps inside, never widens the table.
    expect(opinions).toMatch(/<w:tblLayout w:type="fixed"\/>/);
    const grid = [...opinions.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((g) => Number(g[1]));
    expect(grid.reduce((s, w) => s + w, 0)).toBe(11906 - 1701 - 850);
  });
});

function convert(docx: Buffer, name: string): string {
  const file = path.join(dir, `${name}.docx`);
  fs.writeFileSync(file, docx);
  const profile = `file://${path.join(os.tmpdir(), `lo-profile-${randomBytes(6).toString('hex')}`)}`;
  const r = spawnSync(SOFFICE, ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', dir, file], { encoding: 'utf8', timeout: 120_000 });
  fs.rmSync(new URL(profile), { recursive: true, force: true });
  const pdf = path.join(dir, `${name}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`soffice did not convert ${name}: ${r.status} ${r.stderr}`);
  return pdf;
}

describe.skipIf(!HAS_SOFFICE || !HAS_POPPLER)('the DOCX as LibreOffice renders it', () => {
  it('keeps the Vietnamese text, a plausible page count and a Times-metric font', { timeout: 240_000 }, async () => {
    const report = convert(await renderDocx(issued(buildReport(REPORT))), 'report');
    const { text, pages } = pdfText(report, true);
    const t = flat(text);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'CÔNG AN XÃ THIỆU HÓA', 'Số: 05/BC-CAX',
      'Thiệu Hóa, ngày 05 tháng 01 năm 2026', 'BÁO CÁO', 'I. KẾT QUẢ CÔNG TÁC BẢO ĐẢM AN NINH, TRẬT TỰ', 'Nơi nhận:', '- Lưu: VT.', 'Lê Văn Hùng']) {
      expect(t, s).toContain(s);
    }
    // Running text reads back whole (table cells interleave in pdftotext, so they are checked one phrase at a time).
    expect(flat(pdfText(report).text)).toContain(flat(REPORT.conference.title));
    expect(t).toContain('Phối hợp UBND xã lắp 24 bóng');
    expect(t).toContain('thông báo kết quả giải quyết đến người đã nêu ý kiến theo quy định./.');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    const fonts = spawnSync('pdffonts', [report], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/LiberationSerif|Times/);
    // Page 1 as an image, for a person to look at.
    const png = path.join(process.env.LN_DOCX_PNG_DIR ?? dir, 'report-page');
    expect(spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', report, png]).status).toBe(0);

    const long = convert(await renderDocx(longModel()), 'long');
    const l = pdfText(long);
    expect(flat(l.text)).toContain('Ý kiến số 300:');
    expect(flat(l.text)).toContain(flat((longModel().blocks[1] as { text: string }).text).slice(0, 300));
    // 20 000 characters take 6–9 pages at 14 pt, the 300 rows 30–60 more.
    expect(l.pages).toBeGreaterThan(30);
    expect(l.pages).toBeLessThan(90);
    if (process.env.LN_DOCX_PNG_DIR) spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', long, path.join(process.env.LN_DOCX_PNG_DIR, 'long-page')]);
  });
});
