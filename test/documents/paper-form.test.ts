// Paper forms: layout invariants over random questionnaires, the PDF of the default form (parsed, text extracted,
// QR codes decoded where the tools are installed), and sheet IDs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkQuestionnaire, questionsOf, scaleOf, type Question, type Questionnaire, type Scale } from '../../src/core/surveys/questionnaire.ts';
import { defaultQuestionnaire } from '../../src/core/surveys/template.ts';
import { layoutPaperForm, PaperLayoutError } from '../../src/documents/paper-form/layout.ts';
import { conditionInWords } from '../../src/documents/paper-form/condition-words.ts';
import { fontMeasure } from '../../src/documents/paper-form/fonts.ts';
import { renderPaperFormsToBuffer } from '../../src/documents/paper-form/render.ts';
import {
  SHEET_ID_ALPHABET, isValidSheetId, newSheetId, normaliseSheetId, parseSheetCode,
} from '../../src/documents/paper-form/sheet-id.ts';
import type { PaperLayout, Rect } from '../../src/documents/paper-form/types.ts';

const measure = fontMeasure();
const EPS = 0.02;

// --- random questionnaires -------------------------------------------------------------------------------------

const WORDS = ['Công', 'an', 'xã', 'Thiệu', 'Hóa', 'Đặng', 'người', 'dân', 'hài', 'lòng', 'ý', 'kiến', 'kiến nghị', 'Ế', 'ỗ', 'ự',
  'phường', 'trật', 'tự', 'giải', 'quyết', 'thủ', 'tục', 'hành', 'chính', 'cư', 'trú', 'căn', 'cước', 'W', 'iii',
  'Không-có-ý-kiến-không-áp-dụng-một-từ-rất-dài-không-có-khoảng-trắng-nào'];
const text = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));
const local = (min: number, max: number) => text(min, max).map((vi) => ({ vi }));

const scaleArb = (id: string) => fc.record({
  levels: fc.array(local(1, 5), { minLength: 3, maxLength: 5 }),
  noOpinion: fc.option(local(1, 8), { nil: null }),
}).map(({ levels, noOpinion }): Scale => ({
  id,
  levels: levels.map((label, i) => ({ code: String(i + 1), label })),
  satisfied: ['1'],
  noOpinion: noOpinion ? { code: '9', label: noOpinion } : null,
}));

const questionArb = fc.record({
  type: fc.constantFrom('single', 'multiple', 'rating', 'rating', 'rating', 'text', 'long_text', 'integer', 'decimal', 'note' as const),
  label: local(1, 30),
  hint: fc.option(local(1, 20), { nil: undefined }),
  choices: fc.array(local(1, 6), { minLength: 2, maxLength: 9 }),
  scale: fc.nat(1),
  min: fc.option(fc.integer({ min: -50, max: 100 }), { nil: undefined }),
  span: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
  maxLength: fc.option(fc.integer({ min: 10, max: 2000 }), { nil: undefined }),
  relevantOn: fc.option(fc.nat(), { nil: undefined }),
});

const questionnaireArb: fc.Arbitrary<Questionnaire> = fc.record({
  title: local(1, 25),
  intro: fc.option(local(1, 60), { nil: undefined }),
  scales: fc.tuple(scaleArb('s0'), scaleArb('s1')),
  sections: fc.array(fc.record({ title: local(1, 12), questions: fc.array(questionArb, { maxLength: 10 }) }), { minLength: 1, maxLength: 4 }),
}).map(({ title, intro, scales, sections }) => {
  const earlier: Question[] = [];
  let n = 0;
  return {
    title, ...(intro ? { intro } : {}), scales: [...scales],
    sections: sections.map((sec, si) => ({
      id: `sec${si}`, title: sec.title,
      questions: sec.questions.map((g) => {
        const question: Question = { id: `q${n++}`, type: g.type, label: g.label, required: false, ...(g.hint ? { hint: g.hint } : {}) };
        if (g.type === 'single' || g.type === 'multiple') question.choices = g.choices.map((label, i) => ({ code: `c${i}`, label }));
        if (g.type === 'rating') question.scale = `s${g.scale}`;
        if (g.type === 'integer' || g.type === 'decimal') {
          if (g.min !== undefined) question.min = g.min;
          if (g.span !== undefined) question.max = (g.min ?? 0) + g.span;
        }
        if (g.type === 'text' || g.type === 'long_text') if (g.maxLength !== undefined) question.maxLength = g.maxLength;
        const target = g.relevantOn === undefined || !earlier.length ? undefined : earlier[g.relevantOn % earlier.length]!;
        if (target) {
          question.relevant = target.choices ? `\${${target.id}} = '${target.choices[0]!.code}'`
            : target.type === 'rating' ? `selected(\${${target.id}}, '1') or \${${target.id}} = '2'`
              : `\${${target.id}} >= 3 and not(\${${target.id}} = 7)`;
        }
        if (g.type !== 'note') earlier.push(question);
        return question;
      }),
    })),
  };
});

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
const inside = (a: Rect, outer: Rect) => a.x >= outer.x - EPS && a.y >= outer.y - EPS
  && a.x + a.w <= outer.x + outer.w + EPS && a.y + a.h <= outer.y + outer.h + EPS;

function expectedCodes(q: Questionnaire, question: Question): string[] | null {
  if (question.type === 'single' || question.type === 'multiple') return question.choices!.map((c) => c.code);
  if (question.type === 'rating') {
    const scale = scaleOf(q, question)!;
    return [...scale.levels.map((l) => l.code), ...(scale.noOpinion ? [scale.noOpinion.code] : [])];
  }
  if (question.type === 'note') return [];
  if (question.type === 'text' || question.type === 'long_text') return ['text'];
  return null; // digits: checked separately
}

function checkInvariants(q: Questionnaire, layout: PaperLayout): void {
  const page: Rect = { x: 0, y: 0, w: layout.page.width, h: layout.page.height };
  const fs = layout.fiducials.size;
  const marks: Rect[] = [
    ...layout.fiducials.centres.map((c) => ({ x: c.x - fs / 2, y: c.y - fs / 2, w: fs, h: fs })),
    layout.sheetId.qr, layout.sheetId.text,
  ];
  expect(inside(layout.printable, page)).toBe(true);
  expect(inside(layout.content, layout.printable)).toBe(true);
  for (const mark of marks.slice(0, 4)) {
    expect(inside(mark, page)).toBe(true);
    expect(overlaps(mark, layout.printable)).toBe(false);
  }
  for (const mark of marks.slice(4)) expect(inside(mark, layout.printable)).toBe(true);
  // Fiducials: one in each corner, in the order top-left, top-right, bottom-left, bottom-right.
  const corners = [[0, 0], [page.w, 0], [0, page.h], [page.w, page.h]] as const;
  layout.fiducials.centres.forEach((c, i) => expect(Math.hypot(c.x - corners[i]![0], c.y - corners[i]![1])).toBeLessThan(60));

  const all = questionsOf(q);
  expect(layout.questions.map((x) => x.id)).toEqual(all.map((x) => x.id));
  for (const question of all) {
    const laid = layout.questions.find((x) => x.id === question.id)!;
    expect(laid.type).toBe(question.type);
    expect(laid.page).toBeGreaterThanOrEqual(0);
    expect(laid.page).toBeLessThan(layout.pagesPerSheet);
    // The question, and so all of its boxes, lies within the content area of its one page.
    expect(inside(laid.rect, layout.content)).toBe(true);
    for (const box of laid.boxes) expect(inside(box, laid.rect)).toBe(true);
    const codes = laid.boxes.map((b) => b.code);
    const expected = expectedCodes(q, question);
    if (expected) expect([...codes].sort()).toEqual([...expected].sort());
    else expect(codes.filter((c) => /^d\d+$/.test(c)).length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
    for (const box of laid.boxes) {
      if (box.code !== 'text') expect(Math.abs(box.w - box.h)).toBeLessThan(EPS);
    }
  }
  for (let p = 0; p < layout.pagesPerSheet; p++) {
    const onPage = layout.questions.filter((x) => x.page === p);
    const boxes = onPage.flatMap((x) => x.boxes);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${JSON.stringify(boxes[i])} ${JSON.stringify(boxes[j])}`).toBe(false);
      for (const mark of marks) expect(overlaps(boxes[i]!, mark)).toBe(false);
    }
    for (let i = 0; i < onPage.length; i++) for (let j = i + 1; j < onPage.length; j++) expect(overlaps(onPage[i]!.rect, onPage[j]!.rect)).toBe(false);
    // Everything drawn stays on the printable area, at readable sizes.
    for (const item of layout.pages[p]!.items) {
      if (item.k === 'line') continue;
      expect(item.size).toBeGreaterThanOrEqual(10);
      expect(item.x).toBeGreaterThanOrEqual(layout.printable.x - EPS);
      expect(item.x + item.w).toBeLessThanOrEqual(layout.printable.x + layout.printable.w + EPS);
      if (item.k === 'text' && item.align === 'left') expect(measure(item.text, item.font, item.size)).toBeLessThanOrEqual(item.w + EPS);
    }
  }
}

describe('paper form layout', () => {
  it('holds its invariants for random questionnaires', () => {
    fc.assert(fc.property(questionnaireArb, (q) => {
      expect(checkQuestionnaire(q)).toEqual({});
      const layout = layoutPaperForm(q, measure);
      checkInvariants(q, layout);
      // Deterministic, and plain JSON.
      expect(layoutPaperForm(q, measure)).toEqual(layout);
      expect(JSON.parse(JSON.stringify(layout))).toEqual(layout);
    }), { numRuns: 150 });
  });

  it('lays out the default questionnaire on two pages, ratings as one grid, condition in words', () => {
    const q = defaultQuestionnaire();
    const layout = layoutPaperForm(q, measure);
    checkInvariants(q, layout);
    expect(layout.version).toBe(1);
    expect(layout.page).toEqual({ width: 595.28, height: 841.89 });
    expect(layout.pagesPerSheet).toBe(2);
    const ratings = layout.questions.filter((x) => x.type === 'rating');
    expect(ratings).toHaveLength(9);
    // A grid: every criterion's "Rất hài lòng" box in the same column, level headings printed once per page.
    expect(new Set(ratings.map((r) => r.boxes[0]!.x)).size).toBe(1);
    const texts = layout.pages.flatMap((p) => p.items.flatMap((i) => (i.k === 'text' ? [i.text] : [])));
    expect(texts.filter((t) => t === 'Hài lòng')).toHaveLength(1);
    expect(texts.join(' ')).toContain('Chỉ trả lời nếu ở câu 1 đã chọn “Có”.');
    // Body text at 11 pt, labels at least 10 pt; boxes 4.5 mm.
    expect(ratings[0]!.boxes[0]!.w).toBeCloseTo(12.76, 1);
  });
});

describe('conditions in words', () => {
  const q: Questionnaire = {
    title: { vi: 'T' }, scales: [],
    sections: [{ id: 's', title: { vi: 'S' }, questions: [
      { id: 'kenh', type: 'multiple', required: false, label: { vi: 'Kênh' }, choices: [{ code: 'loa', label: { vi: 'Loa phát thanh' } }, { code: 'tru_so', label: { vi: 'Trụ sở' } }] },
      { id: 'tuoi', type: 'integer', required: false, label: { vi: 'Tuổi' } },
      { id: 'xa', type: 'text', required: false, label: { vi: 'Xã' } },
    ] }],
  };
  const numbers = new Map([['kenh', 1], ['tuoi', 2], ['xa', 3]]);
  const words = (e: string) => conditionInWords(q, e, numbers);

  it('names questions by their printed number and choices by their label', () => {
    expect(words("${tuoi} >= 60 and selected(${kenh}, 'tru_so')")).toBe('Chỉ trả lời nếu câu 2 ghi số từ 60 trở lên và ở câu 1 có chọn “Trụ sở”.');
    expect(words("not(${tuoi} < 30) or (${kenh} != 'loa' and ${xa})"))
      .toBe('Chỉ trả lời nếu câu 2 ghi số từ 30 trở lên hoặc (ở câu 1 không chọn “Loa phát thanh” và câu 3 có trả lời).');
    expect(words("18 < ${tuoi} and ${tuoi} <= 45 and ${xa} = 'Thiệu Hóa'"))
      .toBe('Chỉ trả lời nếu câu 2 ghi số lớn hơn 18 và câu 2 ghi số từ 45 trở xuống và câu 3 ghi “Thiệu Hóa”.');
    expect(words("not(selected(${kenh}, 'loa'))")).toBe('Chỉ trả lời nếu ở câu 1 không chọn “Loa phát thanh”.');
  });

  it('refuses a question taller than a page', () => {
    const tall: Questionnaire = { ...q, sections: [{ id: 's', title: { vi: 'S' }, questions: [
      { id: 'x', type: 'single', required: false, label: { vi: 'X' }, choices: Array.from({ length: 60 }, (_, i) => ({ code: `c${i}`, label: { vi: 'Lựa chọn '.repeat(12) } })) },
    ] }] };
    expect(() => layoutPaperForm(tall, measure)).toThrow(PaperLayoutError);
  });
});

// --- the PDF ---------------------------------------------------------------------------------------------------

const has = (cmd: string, arg: string) => !spawnSync(cmd, [arg], { stdio: 'ignore' }).error;
const HAS_PDFTOTEXT = has('pdftotext', '-v');
const HAS_ZBAR = has('zbarimg', '--version') && has('pdftoppm', '-v');
if (!HAS_PDFTOTEXT) console.warn('paper-form tests: pdftotext not found (Debian package poppler-utils): text extraction check SKIPPED');
if (!HAS_ZBAR) console.warn('paper-form tests: zbarimg or pdftoppm not found (Debian packages zbar-tools, poppler-utils): QR decoding check SKIPPED');

describe('paper form PDF', () => {
  const q = defaultQuestionnaire();
  const layout = layoutPaperForm(q, measure);
  const sheets = [0, 1, 2].map(() => ({ sheetId: newSheetId(), unitName: 'Công an xã Thiệu Hóa', campaignName: 'Khảo sát năm 2026' }));
  let pdf: Buffer;
  let dir: string;
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('renders one copy per sheet', async () => {
    pdf = await renderPaperFormsToBuffer(q, layout, sheets);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? [];
    expect(pages).toHaveLength(3 * layout.pagesPerSheet);
    dir = mkdtempSync(path.join(os.tmpdir(), 'paper-form-'));
    writeFileSync(path.join(dir, 'forms.pdf'), pdf);
  });

  it.skipIf(!HAS_PDFTOTEXT)('carries the Vietnamese title and each sheet ID (pdftotext)', () => {
    const out = spawnSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'forms.pdf'), '-'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const flat = out.stdout.normalize('NFC').replace(/\s+/g, ' ');
    expect(flat).toContain(q.title.vi.toLocaleUpperCase('vi'));
    expect(flat).toContain('Thiệu Hóa');
    for (const s of sheets) expect(flat).toContain(s.sheetId);
    expect(flat).toContain(`Trang 2/${layout.pagesPerSheet}`);
  });

  it.skipIf(!HAS_ZBAR)('prints a QR code on every page that reads back as sheet ID and page (zbarimg)', () => {
    const r = spawnSync('pdftoppm', ['-r', '150', '-png', path.join(dir, 'forms.pdf'), path.join(dir, 'p')]);
    expect(r.status).toBe(0);
    const pngs = Array.from({ length: 3 * layout.pagesPerSheet }, (_, i) => path.join(dir, `p-${i + 1}.png`));
    const out = spawnSync('zbarimg', ['-q', '--raw', ...pngs], { encoding: 'utf8' });
    const codes = out.stdout.trim().split('\n');
    expect(codes).toEqual(sheets.flatMap((s) => Array.from({ length: layout.pagesPerSheet }, (_, p) => `${s.sheetId}/${p + 1}`)));
  });
});

// --- sheet IDs -------------------------------------------------------------------------------------------------

describe('sheet IDs', () => {
  const idArb = fc.uint8Array({ minLength: 7, maxLength: 7 }).map((bytes) => newSheetId((b) => { b.set(bytes); return b; }));

  it('are 8 unambiguous symbols as XXXX-XXXX with a valid check symbol', () => {
    fc.assert(fc.property(idArb, (id) => {
      expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(isValidSheetId(id)).toBe(true);
    }));
    const many = new Set(Array.from({ length: 2000 }, () => newSheetId()));
    expect(many.size).toBe(2000);
  });

  it('normalise what a clerk types or a QR scanner sends', () => {
    const id = newSheetId();
    const compact = id.replace('-', '');
    expect(normaliseSheetId(compact.toLowerCase())).toBe(id);
    expect(normaliseSheetId(` ${id.slice(0, 4)} ${id.slice(5)} `)).toBe(id);
    expect(normaliseSheetId(`${id}/2`)).toBe(id);
    expect(parseSheetCode(`${id}/2`)).toEqual({ sheetId: id, page: 2 });
    expect(parseSheetCode(id)).toEqual({ sheetId: id, page: null });
    expect(normaliseSheetId('o1il-OIL0')).toBe('0111-0110');
    expect(normaliseSheetId('7K2M-4QX')).toBeNull();
    expect(normaliseSheetId('7K2M-4QXU')).toBeNull();
    expect(isValidSheetId('not an id')).toBe(false);
  });

  it('catch every single-symbol substitution and every adjacent transposition', () => {
    fc.assert(fc.property(idArb, (id) => {
      const s = id.replace('-', '');
      for (let i = 0; i < s.length; i++) {
        for (const c of SHEET_ID_ALPHABET) if (c !== s[i]) expect(isValidSheetId(s.slice(0, i) + c + s.slice(i + 1))).toBe(false);
        if (i + 1 < s.length && s[i] !== s[i + 1]) expect(isValidSheetId(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2))).toBe(false);
      }
    }), { numRuns: 300 });
  });
});
