// The register's report-back ("you said, we did"): the public page and its PDF for a commune (items, answers,
// totals; complaints only counted; never a name or phone; escaped and masked text), the official layout of the PDF
// (checked through pdftotext), periods, the 404/400 pages, the conference follow-up for staff (scoped, with the
// speaker's role but not their name) and its BÁO CÁO; the masking of personal data in free text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachEngine, type Harness } from '../../helpers/harness.ts';
import { expectTenMinuteLimit } from '../../helpers/limits.ts';
import { DEMO } from '../../../src/seed/demo.ts';
import { todayVN } from '../../../src/core/dates.ts';
import { receiveFeedback } from '../../../src/commands/feedback/intake.ts';
import {
  maskPersonalData, parsePeriod, REPORTED_KINDS, SEPARATE_KINDS, type ReportBack, type ReportItem,
} from '../../../src/commands/feedback/report-back.ts';
import { bodyInitials, signerTitle } from '../../../src/core/units/official-name.ts';
import { dateLine } from '../../../src/documents/official/layout.ts';
import { renderReportBackPdf } from '../../../src/documents/report-back/render.ts';
import { escapeHtml } from '../../../src/http/pages/html.ts';

const PDFTOTEXT = '/usr/bin/pdftotext';
const HAS_PDFTOTEXT = fs.existsSync(PDFTOTEXT);
if (!HAS_PDFTOTEXT) console.warn(`report-back tests: ${PDFTOTEXT} not found (Debian package poppler-utils): PDF text and page checks SKIPPED`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ln-report-back-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let seq = 0;

/** The PDF's text (whitespace collapsed) and its page count, by pdftotext. */
function pdfText(pdf: Buffer): { text: string; flat: string; pages: number } {
  const file = path.join(dir, `d${seq++}.pdf`);
  fs.writeFileSync(file, pdf);
  const out = spawnSync(PDFTOTEXT, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(out.status).toBe(0);
  // pdftotext ends every page with a form feed.
  return { text: out.stdout, flat: out.stdout.replace(/\s+/g, ' '), pages: out.stdout.split('\f').length - 1 };
}

function expectPdf(buf: Buffer) {
  expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(buf.subarray(-8).toString('latin1')).toContain('%%EOF');
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

// ---------------------------------------------------------------------------------------------------------
// Pure parts
// ---------------------------------------------------------------------------------------------------------

describe('maskPersonalData', () => {
  it('masks the names known to belong to the item, in any case, and leaves other words', () => {
    expect(maskPersonalData('Kính gửi Ông/Bà Nguyễn Văn Mạnh, đơn vị đã xử lý.', ['Nguyễn Văn Mạnh'])).toBe('Kính gửi Ông/Bà ***, đơn vị đã xử lý.');
    expect(maskPersonalData('ông NGUYỄN VĂN MẠNH (a.b)', ['Nguyễn Văn Mạnh', null])).toBe('ông *** (a.b)');
    expect(maskPersonalData('Đơn vị đã xử lý.', ['A'])).toBe('Đơn vị đã xử lý.');
  });

  it('masks phone numbers however they are written', () => {
    for (const phone of ['0912 345 678', '0912345678', '0912.345.678', '0912-345-678', '+84912345678', '+84 912 345 678', '(+84) 912-345-678', '0237 3852 123']) {
      expect(maskPersonalData(`Gọi ${phone} nhé`), phone).toBe('Gọi *** nhé');
    }
    expect(maskPersonalData('sđt:0912345678, hoặc 0987654321 0912000111')).toBe('sđt:***, hoặc ***');
    expect(maskPersonalData('(0912345678)')).toBe('(***)');
  });

  it('masks emails and ID-card numbers (9 and 12 digits)', () => {
    expect(maskPersonalData('Email: Tam.Le+x@Example.vn.')).toBe('Email: ***.');
    expect(maskPersonalData('thư gửi nguyễn.văn@công-an.vn')).toBe('thư gửi ***');
    expect(maskPersonalData('CCCD 038095012345 cấp năm 2021')).toBe('CCCD *** cấp năm 2021');
    expect(maskPersonalData('CCCD số 038 095 012 345')).toBe('CCCD số ***');
    expect(maskPersonalData('CMND 172345678')).toBe('CMND ***');
    expect(maskPersonalData('số CCCD038095012345')).toBe('số CCCD***');
  });

  it('leaves dates, times, counts and short numbers alone', () => {
    for (const s of ['từ 22 giờ đến 2 giờ sáng', 'ngày 12/10/2025', '27 hộ kinh doanh, 19 hộ đã khắc phục', 'thôn 3, xóm 12', 'năm 2026', 'trong 3 tháng',
      'đường 1A km 12+300', 'Quyết định số 3104/QĐ-BCA']) {
      expect(maskPersonalData(s)).toBe(s);
    }
  });

  it('masks a number cut short by the summary\'s ellipsis', () => {
    expect(maskPersonalData('Liên hệ 0912 345…')).toBe('Liên hệ ***…');
    expect(maskPersonalData('Có 12…')).toBe('Có 12…');
  });
});

describe('periods and the official date line', () => {
  it('reads years, quarters and date ranges; refuses the rest', () => {
    expect(parsePeriod({ ky: '2026' })).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31', key: '2026' });
    expect(parsePeriod({ ky: '2026-q3' })).toMatchObject({ kind: 'quarter', quarter: 3, from: '2026-07-01', to: '2026-09-30', key: '2026-Q3' });
    expect(parsePeriod({ ky: '2024-Q1' })).toMatchObject({ from: '2024-01-01', to: '2024-03-31' });
    expect(parsePeriod({ ky: '2026-Q4' })).toMatchObject({ to: '2026-12-31' });
    expect(parsePeriod({ from: '01/02/2026', to: '2026-06-30' })).toMatchObject({ kind: 'range', from: '2026-02-01', to: '2026-06-30' });
    expect(parsePeriod({}, '2026-11-26')).toMatchObject({ kind: 'year', year: 2026 });
    for (const bad of [{ ky: '2026-Q5' }, { ky: 'abc' }, { ky: '26' }, { ky: '1999' }, { ky: '2026-13' }, { from: '2026-05-01', to: '2026-01-01' },
      { from: '2026-02-30', to: '2026-03-01' }, { from: '2026-01-01' }, { from: '2010-01-01', to: '2026-01-01' }]) {
      expect(parsePeriod(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('writes the date as Nghị định 30 does, and names the signer and the number suffix', () => {
    expect(dateLine('Thanh Hóa', '2026-01-05')).toBe('Thanh Hóa, ngày 05 tháng 01 năm 2026');
    expect(dateLine('Thanh Hóa', '2026-03-01')).toBe('Thanh Hóa, ngày 01 tháng 3 năm 2026');
    expect(dateLine('Thanh Hóa', '2026-11-26')).toBe('Thanh Hóa, ngày 26 tháng 11 năm 2026');
    expect(bodyInitials('Công an xã')).toBe('CAX');
    expect(bodyInitials('Công an phường')).toBe('CAP');
    expect(bodyInitials('Công an đặc khu')).toBe('CAĐK');
    expect(signerTitle({ bodyType: 'Công an xã', level: 'commune' })).toBe('TRƯỞNG CÔNG AN XÃ');
    expect(signerTitle({ bodyType: 'Công an tỉnh', level: 'province' })).toBe('GIÁM ĐỐC');
  });
});

describe('the THÔNG BÁO with 350 items', () => {
  const long = 'Công an xã đã phối hợp các ngành kiểm tra, xử lý dứt điểm và thông báo kết quả đến người dân. '.repeat(60);
  const items: ReportItem[] = Array.from({ length: 350 }, (_, i) => ({
    receivedOn: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`, channel: 'web',
    kind: REPORTED_KINDS[i % 4]!, topic: { code: 'security', vi: 'Tình hình an ninh, trật tự', en: 'Security' },
    summary: `Ý kiến số ${i + 1}: đề nghị tăng cường tuần tra ban đêm ở thôn ${i % 9}.`, state: 'closed', outcome: 'resolved',
    answer: i === 7 ? long : `Đã tuần tra (${i + 1}).`, answeredOn: '2026-06-01',
  }));
  const report: ReportBack = {
    unit: { id: 1, code: 'TH-X-THU', name: 'Công an xã Thử Nghiệm', parentName: 'Công an tỉnh Thanh Hóa', placeName: 'Thanh Hóa', bodyType: 'Công an xã', level: 'commune' },
    period: { kind: 'year', key: '2026', year: 2026, from: '2026-01-01', to: '2026-12-31' },
    items,
    totals: {
      received: 350, byKind: { suggestion: 88, report: 88, request: 87, praise: 87 }, answered: 350, open: 0, judged: 300, onTime: 270, onTimePct: 90,
      byTopic: [{ topic: items[0]!.topic!, received: 350, answered: 350 }], separateProcedure: 4,
    },
  };
  let pdf: Buffer;
  beforeAll(async () => { pdf = await renderReportBackPdf(report, '2026-11-26'); });

  it('is a valid PDF', () => expectPdf(pdf));

  it.skipIf(!HAS_PDFTOTEXT)('runs over many pages with the header row on each, every item, a long answer split, and the closing once', () => {
    const { text, flat, pages } = pdfText(pdf);
    expect(pages).toBeGreaterThan(10);
    // Every page but the first few lines of the first carries the table's header row again.
    expect(count(text, 'Kết quả giải quyết')).toBeGreaterThanOrEqual(pages - 1);
    for (const n of [1, 8, 175, 350]) expect(flat).toContain(`Ý kiến số ${n}:`);
    expect(count(flat, 'xử lý dứt điểm')).toBe(60);
    for (const s of ['THÔNG BÁO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'CÔNG AN TỈNH THANH HÓA', 'CÔNG AN XÃ THỬ NGHIỆM',
      '/TB-CAX', 'Thanh Hóa, ngày 26 tháng 11 năm 2026', 'TRƯỞNG CÔNG AN XÃ', 'Nơi nhận:', '- Lưu: VT.', './.']) expect(flat).toContain(s);
    // Page numbers from page 2: a page's text starts with its number.
    const starts = text.split('\f').slice(1, -1).map((p) => p.trim().split('\n')[0]);
    expect(starts.slice(0, 3)).toEqual(['2', '3', '4']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Through the app, on every engine
// ---------------------------------------------------------------------------------------------------------

forEachEngine('report-back', 'demo', (h: Harness) => {
  const today = todayVN();
  const year = Number(today.slice(0, 4));
  const lastYear = year - 1;
  const PAGE = `/bao-cao/${DEMO.thieuHoaCommune}`;
  const db = () => h.database.db;

  async function scopeOf(code: string) {
    const graph = await h.ctx.access.unitGraph();
    const id = graph.idOf(code)!;
    return { id, scope: [...graph.scopeOf(id, today)] };
  }

  /** Every name and phone of a person who wrote to the unit (or to a commune merged into it), from the database. */
  async function people(code: string) {
    const { scope } = await scopeOf(code);
    const rows = await db().selectFrom('feedback_items as i').innerJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
      .select(['s.full_name', 's.phone', 's.email']).where('i.unit_id', 'in', scope).execute();
    const names = [...new Set(rows.map((r) => r.full_name).filter((x): x is string => !!x))];
    const phones = [...new Set(rows.map((r) => r.phone).filter((x): x is string => !!x))];
    const emails = [...new Set(rows.map((r) => r.email).filter((x): x is string => !!x))];
    return { names, phones, emails };
  }

  function expectNobody(text: string, p: Awaited<ReturnType<typeof people>>) {
    const flat = text.replace(/\s+/g, ' ');
    const digits = text.replace(/[\s.()-]/g, '');
    for (const n of p.names) expect(flat, n).not.toContain(n);
    for (const e of p.emails) expect(flat.toLowerCase(), e).not.toContain(e);
    for (const ph of p.phones) {
      expect(flat, ph).not.toContain(ph);
      expect(digits, ph).not.toContain(ph.replace(/[\s.()-]/g, ''));
    }
  }

  it('shows the year\'s opinions with their answers and totals; complaints, denunciations and crime reports are only counted', async () => {
    const { scope } = await scopeOf(DEMO.thieuHoaCommune);
    const inYear = db().selectFrom('feedback_items').where('unit_id', 'in', scope).where('received_on', '>=', `${year}-01-01`).where('received_on', '<=', `${year}-12-31`);
    const listed = await inYear.select(['id', 'state', 'public_answer', 'kind']).where('kind', 'in', [...REPORTED_KINDS]).execute();
    const separate = await inYear.select(['id', 'content']).where('kind', 'in', [...SEPARATE_KINDS]).execute();
    expect(listed.length).toBeGreaterThan(20);
    expect(separate.length).toBeGreaterThan(0);

    const res = await h.anon.get(`${PAGE}?ky=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const body = res.body;
    expect(body).toContain('<html lang="vi">');
    expect(body).toContain('Ý kiến của Nhân dân và kết quả giải quyết');
    expect(body).toContain('Công an xã Thiệu Hóa');
    expect(body).not.toMatch(/<script|<link /);
    expect(body).toContain(`Các ý kiến (${listed.length})`);
    expect(count(body, '<time datetime=')).toBe(Math.min(listed.length, 100));
    expect(body).toContain(`(chuyển quy trình riêng)</dt><dd>${separate.length}</dd>`);
    for (const s of separate) expect(body).not.toContain(escapeHtml(s.content.slice(0, 30)));
    for (const k of ['Khiếu nại</', 'Tố cáo</', 'Tố giác tội phạm</']) expect(body).not.toContain(`· ${k}`);
    // Published answers appear (approved or closed); drafts never do.
    const answered = listed.filter((r) => r.public_answer && (r.state === 'closed' || r.state === 'approved'));
    expect(answered.length).toBeGreaterThan(5);
    for (const r of answered.slice(0, 5)) expect(body).toContain(escapeHtml(maskPersonalData(r.public_answer!)));
    expect(body).toContain('Đã giải quyết xong');
    expect(body).toContain(`href="${PAGE}.pdf?ky=${year}"`);
    // The same page from a gzip-accepting phone.
    const gz = await h.anon.get(`${PAGE}?ky=${year}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });

  it('escapes and masks what people and officers wrote', async () => {
    const { id: unitId } = await scopeOf(DEMO.thieuHoaCommune);
    const r = await receiveFeedback({ ...h.ctx, actor: null, actorKind: 'citizen' }, {
      unitId, channel: 'web', kind: 'request', content: '<script>alert("rb")</script> Gọi 0912 345 678, rb.test@example.vn, CCCD 038095012345\nDòng thứ hai không công khai.',
      submitter: { fullName: 'Trịnh Văn Bảomật', phone: '0987 111 222', email: 'baomat@example.vn', address: 'thôn Bí Mật' },
    });
    const officer = await h.login('canbo.thieuhoa');
    const leader = await h.login('lanhdao.thieuhoa');
    const me = (await officer.get('/api/auth/me')).json();
    const act = async (who: typeof officer, body: Record<string, unknown>) => expect((await who.post(`/api/feedback/${r.id}/actions`, body)).statusCode).toBe(200);
    await act(officer, { action: 'accept' });
    await act(leader, { action: 'assign', assigneeId: me.user?.id ?? me.id });
    await act(officer, { action: 'start' });
    await act(officer, { action: 'draft', answer: 'Đã kiểm tra <b>đậm</b>; liên hệ cán bộ +84912345678.' });
    await act(leader, { action: 'approve' });

    const body = (await h.anon.get(`${PAGE}?ky=${year}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`)).body;
    expect(body).toContain('&lt;script&gt;alert(&quot;rb&quot;)&lt;/script&gt; Gọi ***, ***, CCCD ***');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('Dòng thứ hai');
    expect(body).toContain('Đã kiểm tra &lt;b&gt;đậm&lt;/b&gt;; liên hệ cán bộ ***.');
    for (const s of ['0912 345 678', 'rb.test@example.vn', '038095012345', '+84912345678', 'Trịnh Văn Bảomật', '0987 111 222', 'baomat@example.vn', 'thôn Bí Mật']) {
      expect(body).not.toContain(s);
    }
  });

  it('lists the opinions by the day they were received: a letter entered late stands among its days', async () => {
    const { id: unitId } = await scopeOf(DEMO.thieuHoaCommune);
    const receivedOn = `${year}-01-06`;
    await receiveFeedback({ ...h.ctx, actor: null, actorKind: 'citizen' }, {
      unitId, channel: 'letter', kind: 'suggestion', content: 'Thư gửi từ đầu năm, vào sổ muộn: đề nghị lắp đèn ở ngõ 4.', receivedOn,
    });
    const body = (await h.anon.get(`${PAGE}?ky=${year}`)).body;
    const days = [...body.matchAll(/<time datetime="(\d{4}-\d{2}-\d{2})">/g)].map((m) => m[1]!);
    expect(days).toContain(receivedOn);
    expect(days).toEqual([...days].sort());
  });

  it('never shows the name, phone or email of anyone who wrote, in the page or in the PDF', async () => {
    const p = await people(DEMO.thieuHoaCommune);
    expect(p.names.length).toBeGreaterThan(5);
    expect(p.phones.length).toBeGreaterThan(5);
    for (const ky of [String(year), String(lastYear)]) {
      const res = await h.anon.get(`${PAGE}?ky=${ky}`);
      expect(res.statusCode).toBe(200);
      expectNobody(res.body, p);
      if (!HAS_PDFTOTEXT) continue;
      const pdf = await h.anon.get(`${PAGE}.pdf?ky=${ky}`);
      expect(pdf.statusCode).toBe(200);
      expectNobody(pdfText(pdf.rawPayload).text, p);
    }
  });

  it('prints a THÔNG BÁO in the official layout over several pages, at either address', async () => {
    const res = await h.anon.get(`${PAGE}.pdf?ky=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`thong-bao-y-kien-${DEMO.thieuHoaCommune.toLowerCase()}-${year}.pdf`);
    expectPdf(res.rawPayload);
    const other = await h.anon.get(`${PAGE.toLowerCase()}/pdf?ky=${year}`);
    expect(other.statusCode).toBe(200);
    expectPdf(other.rawPayload);
    if (!HAS_PDFTOTEXT) return;
    const { text, flat, pages } = pdfText(res.rawPayload);
    expect(pages).toBeGreaterThan(1);
    for (const s of ['CÔNG AN TỈNH THANH HÓA', 'CÔNG AN XÃ THIỆU HÓA', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '/TB-CAX',
      'THÔNG BÁO', `Kết quả tiếp nhận, giải quyết ý kiến của Nhân dân năm ${year}`, 'Nội dung (tóm tắt)', 'chuyển quy trình riêng', './.',
      'TRƯỞNG CÔNG AN XÃ', 'Nơi nhận:', '- Lưu: VT.']) expect(flat).toContain(s);
    expect(flat).toMatch(/Thanh Hóa, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(count(text, 'Nội dung (tóm tắt)')).toBeGreaterThanOrEqual(pages - 1);
    // The province's year: every commune's items, a long document.
    const province = await h.anon.get(`/bao-cao/${DEMO.province}.pdf?ky=${year}`);
    expect(province.statusCode).toBe(200);
    const pt = pdfText(province.rawPayload);
    expect(pt.pages).toBeGreaterThan(pages);
    expect(pt.flat).toContain('GIÁM ĐỐC');
  });

  it('takes quarters and English; a bad period is a 400 page, an unknown unit a 404 page', async () => {
    const q = await h.anon.get(`${PAGE}?ky=${year}-Q2`);
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain(`quý II năm ${year}`);
    const days = [...q.body.matchAll(/<time datetime="(\d{4}-\d{2}-\d{2})">/g)].map((m) => m[1]!);
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect(d >= `${year}-04-01` && d <= `${year}-06-30`, d).toBe(true);
    const range = await h.anon.get(`${PAGE}?tu=01/04/${year}&den=${year}-06-30`);
    expect(range.statusCode).toBe(200);
    expect(count(range.body, '<time datetime=')).toBe(days.length);
    const en = await h.anon.get(`${PAGE}?ky=${year}&lang=en`);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('People&#39;s opinions and what was done');
    for (const bad of [`${PAGE}?ky=${year}-Q5`, `${PAGE}?ky=abc`, `${PAGE}?tu=${year}-05-01&den=${year}-01-01`, `${PAGE}.pdf?ky=x`]) {
      const res = await h.anon.get(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.body).toContain('Kỳ báo cáo không hợp lệ');
    }
    for (const bad of ['/bao-cao/KHONG-CO', '/bao-cao/KHONG-CO.pdf', '/bao-cao/%3Cscript%3E', `/bao-cao/${'A'.repeat(150)}/pdf`]) {
      const res = await h.anon.get(bad);
      expect(res.statusCode, bad).toBe(404);
      expect(res.body).toContain('Không tìm thấy đơn vị');
      expect(res.body).not.toContain('<script>');
    }
    // The province's list comes in pages of 100 on the phone.
    const p1 = (await h.anon.get(`/bao-cao/${DEMO.province}?ky=${year}`)).body;
    const total = Number(/Các ý kiến \((\d+)\)/.exec(p1)![1]);
    expect(total).toBeGreaterThan(100);
    expect(count(p1, '<time datetime=')).toBe(100);
    expect(p1).toContain(`Trang 1/${Math.ceil(total / 100)}`);
    expect(p1).toContain(`href="/bao-cao/${DEMO.province}?ky=${year}&amp;trang=2" rel="next"`);
    const p2 = (await h.anon.get(`/bao-cao/${DEMO.province}?ky=${year}&trang=2`)).body;
    expect(p2).toContain('<ol class="items" start="101">');
    // An old commune merged into today's still has its report (its own data).
    expect((await h.anon.get(`/bao-cao/${DEMO.oldThieuLong}?ky=2024`)).statusCode).toBe(200);
  });

  it('limits PDFs per client: the 31st in ten minutes gets a 429 page with what is left of the window', async () => {
    await expectTenMinuteLimit(h.app, '/bao-cao/KHONG-CO.pdf', 30, 404, '198.51.100.77', '198.51.100.78');
  });

  it('lists last year\'s conference opinions for staff, with the speaker\'s role but no name; scoped; and prints the BÁO CÁO', async () => {
    const { id, scope } = await scopeOf(DEMO.thieuHoaCommune);
    const rows = await db().selectFrom('feedback_items as i').leftJoin('feedback_submitters as s', 's.id', 'i.submitter_id')
      .select(['i.id', 's.role_title', 's.organisation']).where('i.unit_id', 'in', scope).where('i.channel', '=', 'conference')
      .where('i.kind', 'in', [...REPORTED_KINDS]).where('i.received_on', '>=', `${lastYear}-01-01`).where('i.received_on', '<=', `${lastYear}-12-31`).execute();
    expect(rows.length).toBeGreaterThan(3);
    const url = `/api/feedback-report/conference?unitId=${id}&year=${lastYear}`;
    const officer = await h.login('canbo.thieuhoa');
    const res = await officer.get(url);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.year).toBe(lastYear);
    expect(r.unit.name).toBe('Công an xã Thiệu Hóa');
    expect(r.conferenceDays.length).toBeGreaterThan(0);
    expect(r.items.map((i: { id: number }) => i.id).sort()).toEqual(rows.map((x) => x.id).sort());
    const byId = new Map(rows.map((x) => [x.id, x]));
    for (const it of r.items) {
      expect(it.speaker).toEqual({ roleTitle: byId.get(it.id)!.role_title, organisation: byId.get(it.id)!.organisation });
      expect(Object.keys(it)).not.toContain('content');
      expect(Object.keys(it)).not.toContain('trackingCode');
    }
    expect(r.items.some((i: { speaker: { roleTitle: string | null } }) => i.speaker.roleTitle)).toBe(true);
    expect(r.totals.received).toBe(rows.length);
    const p = await people(DEMO.thieuHoaCommune);
    expectNobody(res.body, p);

    // Out of scope: the officer of Định Hòa sees nothing of Thiệu Hóa; nobody without a session.
    expect((await (await h.login('canbo.dinhhoa')).get(url)).statusCode).toBe(404);
    expect((await (await h.login('canbo.dinhhoa')).get(url.replace('conference?', 'conference.pdf?'))).statusCode).toBe(404);
    expect((await h.anon.get(url)).statusCode).toBe(401);
    expect((await officer.get(`/api/feedback-report/conference?unitId=${id}&year=abc`)).statusCode).toBe(400);
    // The province's leader reads it too.
    expect((await (await h.login('lanhdao.tinh')).get(url)).statusCode).toBe(200);

    const pdf = await officer.get(`/api/feedback-report/conference.pdf?unitId=${id}&year=${lastYear}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expectPdf(pdf.rawPayload);
    if (!HAS_PDFTOTEXT) return;
    const { flat } = pdfText(pdf.rawPayload);
    for (const s of ['BÁO CÁO', `Kết quả tiếp thu, giải quyết ý kiến của Nhân dân tại Hội nghị năm ${lastYear}`, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      '/BC-CAX', 'Đại biểu nêu ý kiến', './.', 'TRƯỞNG CÔNG AN XÃ', '- Lưu: VT.']) expect(flat).toContain(s);
    const role = r.items.find((i: { speaker: { roleTitle: string | null } }) => i.speaker.roleTitle).speaker.roleTitle as string;
    expect(flat).toContain(role);
    expectNobody(flat, p);
  });

  it('counts the items of an old commune merged into today\'s commune (scope closure)', async () => {
    const graph = await h.ctx.access.unitGraph();
    const town = graph.idOf(DEMO.oldThieuHoaTown)!;
    const { scope } = await scopeOf(DEMO.thieuHoaCommune);
    expect(scope).toContain(town);
    const before = (await h.anon.get(`${PAGE}?ky=${year}`)).body;
    const n = Number(/Các ý kiến \((\d+)\)/.exec(before)![1]);
    // One of the commune's items as if the old town's register had been brought in.
    const item = await db().selectFrom('feedback_items').select(['id', 'summary']).where('unit_id', '=', graph.idOf(DEMO.thieuHoaCommune)!)
      .where('kind', '=', 'request').where('received_on', '>=', `${year}-01-01`).orderBy('id').executeTakeFirstOrThrow();
    await db().updateTable('feedback_items').set({ unit_id: town }).where('id', '=', item.id).execute();
    const after = (await h.anon.get(`${PAGE}?ky=${year}`)).body;
    expect(after).toContain(`Các ý kiến (${n})`);
    expect(after).toContain(escapeHtml(maskPersonalData(item.summary)));
    const own = await h.anon.get(`/bao-cao/${DEMO.oldThieuHoaTown}?ky=${year}`);
    expect(own.body).toContain('Các ý kiến (1)');
  });
});
