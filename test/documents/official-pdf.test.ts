// The official PDF (documents/official/pdf.ts) from the same models as the DOCX, read back with pdftotext: the
// header, the number (blank in a draft), the date line, the title, the body ending "./.", the signature and
// "Nơi nhận"; the minutes' two signers; a long document over many pages with page numbers from page 2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInvitation } from '../../src/documents/conference/invitation.ts';
import { buildMinutes } from '../../src/documents/conference/minutes.ts';
import { buildReport } from '../../src/documents/conference/report.ts';
import { completeModel, type DraftContent } from '../../src/documents/official/model.ts';
import { renderPdf } from '../../src/documents/official/pdf.ts';
import { DEFAULTS, DELEGATES, HEADER, MINUTES, REPORT, flat, has, pdfText } from './official-fixtures.ts';

const HAS_POPPLER = has('pdftotext') && has('pdfinfo');
if (!HAS_POPPLER) console.warn('official-pdf tests: pdftotext/pdfinfo not found (Debian package poppler-utils): PDF text checks SKIPPED');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-official-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let seq = 0;

async function read(content: DraftContent, number: number | null, issuedOn: string | null) {
  const pdf = await renderPdf(completeModel(content, HEADER, DEFAULTS, { number, issuedOn, year: 2026 }));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = path.join(dir, `d${seq++}.pdf`);
  fs.writeFileSync(file, pdf);
  const r = pdfText(file);
  return { ...r, flat: flat(r.text) };
}

describe.skipIf(!HAS_POPPLER)('official PDF', () => {
  it('prints the report in the decree layout', async () => {
    const r = await read(buildReport(REPORT), 5, '2026-01-05');
    for (const s of ['CÔNG AN TỈNH THANH HÓA', 'CÔNG AN XÃ THIỆU HÓA', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Số: 05/BC-CAX', 'Thiệu Hóa, ngày 05 tháng 01 năm 2026', 'BÁO CÁO', 'II. KẾT QUẢ TIẾP THU, GIẢI QUYẾT Ý KIẾN CỦA NHÂN DÂN NĂM TRƯỚC',
      '93,3% – 96,9%', 'theo quy định./.', 'Nơi nhận:', '- Công an tỉnh Thanh Hóa (để báo cáo);', '- Lưu: VT.', 'TRƯỞNG CÔNG AN XÃ', 'Lê Văn Hùng']) {
      expect(r.flat, s).toContain(s);
    }
    expect(r.text).toBe(r.text.normalize('NFC'));
    expect(r.pages).toBeGreaterThanOrEqual(1);
    expect(r.pages).toBeLessThanOrEqual(3);
  });

  it('leaves the number and the day blank in a draft; the minutes carry two signers and no Nơi nhận', async () => {
    const inv = await read(buildInvitation({ conference: REPORT.conference, delegates: [DELEGATES[0]!] }), null, null);
    expect(inv.flat).toContain('Số: /GM-CAX');
    expect(inv.flat).toContain('Thiệu Hóa, ngày tháng năm 2026');
    expect(inv.flat).toContain('GIẤY MỜI');
    expect(inv.flat).toContain('Kính gửi: Ông/Bà Trần Quốc Đạt, Bí thư Đảng ủy xã, Đảng ủy xã Thiệu Hóa');

    const min = await read(buildMinutes(MINUTES), 2, '2026-01-05');
    expect(min.flat).toContain('Số: 02/BB-CAX');
    expect(min.flat).toContain('BIÊN BẢN');
    expect(min.flat).toMatch(/THƯ KÝ\s+CHỦ TRÌ/);
    expect(min.flat).toMatch(/Nguyễn Thị Ngọc Ánh\s+Lê Văn Hùng/);
    expect(min.flat).not.toContain('Nơi nhận');
  });

  it('runs a long document over many numbered pages', async () => {
    const text = 'Đề nghị lực lượng Công an tăng cường tuần tra, kiểm soát, xử lý nghiêm các trường hợp vi phạm trật tự an toàn giao thông. '.repeat(170);
    const content = buildReport({ ...REPORT, lastYearOpinions: Array.from({ length: 300 }, (_, i) => ({ ...REPORT.lastYearOpinions[0]!, summary: `Ý kiến số ${i + 1}` })) });
    content.blocks.splice(1, 0, { kind: 'paragraph', text });
    const r = await read(content, 12, '2026-01-05');
    expect(r.pages).toBeGreaterThan(10);
    expect(r.flat).toContain('Ý kiến số 300');
    // pdftotext puts the page number at the top of each page from page 2.
    const pages = r.text.split('\f');
    expect(pages[1]!.trimStart().startsWith('2')).toBe(true);
    expect(pages[0]!.trimStart().startsWith('CÔNG AN TỈNH')).toBe(true);
  });
});
