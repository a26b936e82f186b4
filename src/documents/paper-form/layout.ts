// Lays out a questionnaire on A4 pages: one description (types.ts) that the PDF is drawn from and that a scanner
// reads answers with. Pure: the same questionnaire, settings and font metrics give the same JSON.
//
// Page: four corner fiducials; a header band (unit and campaign name, "Mã phiếu" with the sheet ID, the QR code);
// on page 1 the title, the intro and how to mark; sections with headings; a footer with the sheet ID and
// "Trang x/y". Each question is one block that never splits across pages; consecutive rating questions on one
// scale form a grid (criteria rows × level columns, level names once as column headings, repeated on a new page).
import type { Question, Questionnaire, Scale } from '../../core/surveys/questionnaire.ts';
import { questionsOf, scaleOf } from '../../core/surveys/questionnaire.ts';
import { conditionInWords } from './condition-words.ts';
import { wrapText } from './wrap.ts';
import {
  DEFAULT_SETTINGS, LAYOUT_VERSION, type AnswerBox, type DrawItem, type FontName, type LaidPage, type LaidQuestion,
  type PageSettings, type PaperLayout, type Rect, type TextMeasure,
} from './types.ts';

/** Raised when a single question cannot fit on one page. */
export class PaperLayoutError extends Error {}

const HOW_TO_MARK = 'Cách đánh dấu: gạch chéo (X) vào ô phù hợp. Nếu đánh nhầm, tô kín ô đó rồi đánh dấu vào ô khác.';
const MULTIPLE_HINT = 'Có thể chọn nhiều ô.';
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

const round = (v: number) => Math.round(v * 100) / 100;
const lineHeight = (size: number) => size * 1.25;

/** A block laid out at y = 0, moved to its place later. */
interface Block {
  h: number;
  items: DrawItem[];
  question?: { id: string; type: Question['type']; number: number; boxes: AnswerBox[] };
}

/** Computes the layout of one copy of the form. */
export function layoutPaperForm(q: Questionnaire, measure: TextMeasure, overrides: Partial<PageSettings> = {}): PaperLayout {
  const s: PageSettings = { ...DEFAULT_SETTINGS, ...overrides };
  const m = s.margin;
  const printable: Rect = { x: m, y: m, w: s.width - 2 * m, h: s.height - 2 * m };
  const qr = { x: printable.x + printable.w - s.qrSize, y: m, w: s.qrSize, h: s.qrSize, quietModules: 4 };
  const idSize = s.titleSize - 1;
  const idText: Rect = { x: qr.x - 8 - 120, y: m + s.qrSize - lineHeight(idSize) - 4, w: 120, h: lineHeight(idSize) };
  const footerY = s.height - m - lineHeight(s.labelSize);
  const content: Rect = { x: m, y: m + s.qrSize + 10, w: printable.w, h: footerY - 10 - (m + s.qrSize + 10) };
  const bottom = content.y + content.h;
  const X = content.x;
  const W = content.w;

  const lh = lineHeight(s.bodySize);
  const llh = lineHeight(s.labelSize);
  const wrap = (text: string, width: number, font: FontName, size: number) => wrapText(text, width, font, size, measure);
  const textLines = (lines: string[], x: number, y: number, w: number, font: FontName, size: number, align: 'left' | 'center' | 'right' = 'left'): DrawItem[] =>
    lines.map((text, i) => ({ k: 'text', x, y: y + i * lineHeight(size), w, size, font, align, text }));

  // Printed numbers: every question but notes.
  const numbers = new Map<string, number>();
  for (const question of questionsOf(q)) if (question.type !== 'note') numbers.set(question.id, numbers.size + 1);
  const numberIndent = measure('00.', 'bold', s.bodySize) + 6;

  /** Hint, "several boxes allowed", range and condition, in italics under a label. */
  const notesOf = (question: Question): string[] => {
    const out: string[] = [];
    if (question.hint?.vi.trim()) out.push(question.hint.vi);
    if (question.type === 'multiple') out.push(MULTIPLE_HINT);
    if ((question.type === 'integer' || question.type === 'decimal') && (question.min !== undefined || question.max !== undefined)) {
      out.push(question.min !== undefined && question.max !== undefined ? `Ghi số từ ${question.min} đến ${question.max}.`
        : question.min !== undefined ? `Ghi số từ ${question.min} trở lên.` : `Ghi số không quá ${question.max}.`);
    }
    if (question.relevant) out.push(conditionInWords(q, question.relevant, numbers));
    return out;
  };

  /** Number, bold label and italic notes; returns the items and the height used. */
  const labelBlock = (question: Question, x: number, w: number): { items: DrawItem[]; h: number } => {
    const n = numbers.get(question.id);
    const items: DrawItem[] = [];
    const labelFont: FontName = n ? 'bold' : 'regular';
    if (n) items.push({ k: 'text', x, y: 0, w: numberIndent, size: s.bodySize, font: 'bold', align: 'left', text: `${n}.` });
    const lx = n ? x + numberIndent : x;
    const lw = w - (lx - x);
    const lines = wrap(question.label.vi, lw, labelFont, s.bodySize);
    items.push(...textLines(lines, lx, 0, lw, labelFont, s.bodySize));
    let h = lines.length * lh;
    for (const note of notesOf(question)) {
      const noteLines = wrap(note, lw, 'italic', s.labelSize);
      items.push(...textLines(noteLines, lx, h, lw, 'italic', s.labelSize));
      h += noteLines.length * llh;
    }
    return { items, h };
  };

  const choiceBlock = (question: Question): Block => {
    const head = labelBlock(question, X, W);
    const items = head.items;
    const boxes: AnswerBox[] = [];
    const x0 = X + numberIndent;
    const avail = W - numberIndent;
    const choices = question.choices ?? [];
    const gap = 6;
    const labelWidth = (t: string) => measure(t.normalize('NFC'), 'regular', s.bodySize);
    const widest = Math.max(0, ...choices.map((c) => labelWidth(c.label.vi)));
    let cols = 1;
    for (let c = Math.min(4, choices.length); c >= 1; c--) {
      if (avail / c - s.boxSize - gap - 8 >= widest) { cols = c; break; }
    }
    const colW = avail / cols;
    let y = head.h + 4;
    for (let r = 0; r * cols < choices.length; r++) {
      const row = choices.slice(r * cols, r * cols + cols);
      const wrapped = row.map((c) => wrap(c.label.vi, colW - s.boxSize - gap - 8, 'regular', s.bodySize));
      const rowH = Math.max(s.boxSize, ...wrapped.map((l) => l.length * lh));
      row.forEach((c, i) => {
        const cx = x0 + i * colW;
        boxes.push({ code: c.code, x: cx, y: y + Math.max(0, (lh - s.boxSize) / 2), w: s.boxSize, h: s.boxSize });
        items.push(...textLines(wrapped[i]!, cx + s.boxSize + gap, y + Math.max(0, (s.boxSize - lh) / 2), colW - s.boxSize - gap - 8, 'regular', s.bodySize));
      });
      y += rowH + 6;
    }
    return { h: y - 6, items, question: { id: question.id, type: question.type, number: numbers.get(question.id)!, boxes } };
  };

  const digitsOf = (v: number) => String(Math.trunc(Math.abs(v))).length;
  const numberBlock = (question: Question): Block => {
    const head = labelBlock(question, X, W);
    const items = head.items;
    const boxes: AnswerBox[] = [];
    const d = s.digitSize;
    const y = head.h + 4;
    let x = X + numberIndent;
    const bounds = [question.min, question.max].filter((v): v is number => v !== undefined);
    const intDigits = Math.min(12, bounds.length ? Math.max(...bounds.map(digitsOf)) : 4);
    if ((question.min ?? 0) < 0) { boxes.push({ code: 'sign', x, y, w: d, h: d }); x += d + 3; }
    for (let i = 1; i <= intDigits; i++) { boxes.push({ code: `d${i}`, x, y, w: d, h: d }); x += d + 3; }
    if (question.type === 'decimal') {
      items.push({ k: 'text', x, y: y + d - lh, w: 8, size: s.bodySize, font: 'bold', align: 'center', text: ',' });
      x += 11;
      for (let i = 1; i <= 2; i++) { boxes.push({ code: `f${i}`, x, y, w: d, h: d }); x += d + 3; }
    }
    return { h: y + d, items, question: { id: question.id, type: question.type, number: numbers.get(question.id)!, boxes } };
  };

  const writingBlock = (question: Question): Block => {
    const head = labelBlock(question, X, W);
    const items = head.items;
    const lines = question.type === 'long_text'
      ? Math.min(8, Math.max(3, Math.ceil((question.maxLength ?? 400) / 90)))
      : (question.maxLength ?? 0) > 60 ? 2 : 1;
    const area: AnswerBox = { code: 'text', x: X + numberIndent, y: head.h + 4, w: W - numberIndent, h: lines * s.writingLine };
    for (let i = 1; i < lines; i++) {
      const ly = area.y + i * s.writingLine;
      items.push({ k: 'line', x1: area.x + 6, y1: ly, x2: area.x + area.w - 6, y2: ly, width: 0.5, grey: 0.6, dash: 1.5 });
    }
    return { h: area.y + area.h, items, question: { id: question.id, type: question.type, number: numbers.get(question.id)!, boxes: [area] } };
  };

  const noteBlock = (question: Question): Block => {
    const head = labelBlock(question, X, W);
    return { h: head.h, items: head.items, question: { id: question.id, type: 'note', number: 0, boxes: [] } };
  };

  // Rating grid geometry for a scale: the level columns on the right, the criteria on the left.
  const gridOf = (scale: Scale) => {
    const columns = [...scale.levels, ...(scale.noOpinion ? [scale.noOpinion] : [])];
    const colW = Math.min(62, (W - 200) / columns.length);
    const labelW = W - colW * columns.length;
    return { columns, colW, labelW, colX: (i: number) => X + labelW + i * colW };
  };

  const gridHeader = (scale: Scale): Block => {
    const g = gridOf(scale);
    const items: DrawItem[] = [];
    const heads = g.columns.map((c) => wrap(c.label.vi, g.colW - 4, 'bold', s.labelSize));
    const h = Math.max(...heads.map((l) => l.length)) * llh + 6;
    heads.forEach((lines, i) => {
      // Bottom-aligned, so short headings sit on the rule like the long ones.
      items.push(...textLines(lines, g.colX(i) + 2, h - 4 - lines.length * llh, g.colW - 4, 'bold', s.labelSize, 'center'));
    });
    items.push({ k: 'line', x1: X, y1: h, x2: X + W, y2: h, width: 0.8, grey: 0.3 });
    return { h, items };
  };

  const gridRow = (question: Question, scale: Scale): Block => {
    const g = gridOf(scale);
    const pad = 5;
    const head = labelBlock(question, X, g.labelW - 6);
    const items = head.items.map((it) => (it.k === 'text' ? { ...it, y: it.y + pad } : it));
    const h = Math.max(head.h, s.boxSize) + 2 * pad;
    const boxes = g.columns.map((c, i): AnswerBox => ({
      code: c.code, x: g.colX(i) + (g.colW - s.boxSize) / 2, y: pad + Math.max(0, (lh - s.boxSize) / 2), w: s.boxSize, h: s.boxSize,
    }));
    items.push({ k: 'line', x1: X, y1: h, x2: X + W, y2: h, width: 0.5, grey: 0.6 });
    for (let i = 0; i < g.columns.length; i++) items.push({ k: 'line', x1: g.colX(i), y1: 0, x2: g.colX(i), y2: h, width: 0.5, grey: 0.75 });
    return { h, items, question: { id: question.id, type: 'rating', number: numbers.get(question.id)!, boxes } };
  };

  // Placement on pages.
  const pages: LaidPage[] = [{ index: 0, items: [] }];
  const questions: LaidQuestion[] = [];
  let y = content.y;
  const fits = (h: number) => y + h <= bottom + 1e-9;
  const newPage = () => { pages.push({ index: pages.length, items: [] }); y = content.y; };
  const place = (b: Block, gapAfter: number) => {
    if (b.h > content.h) throw new PaperLayoutError(`question ${b.question?.id ?? '(heading)'} does not fit on one page`);
    const page = pages[pages.length - 1]!;
    const top = y;
    page.items.push(...b.items.map((it) => (it.k === 'line' ? { ...it, y1: it.y1 + top, y2: it.y2 + top } : { ...it, y: it.y + top })));
    if (b.question) {
      const boxes = b.question.boxes.map((bx) => ({ ...bx, y: bx.y + top }));
      const { id, type, number } = b.question;
      questions.push({ id, type, number, page: page.index, rect: { x: X, y: top, w: W, h: b.h }, boxes });
    }
    y += b.h + gapAfter;
  };
  /** Places blocks that must stay together (a heading with what follows), on a new page if needed. */
  const placeTogether = (blocks: Block[], gaps: number[]) => {
    const total = blocks.reduce((sum, b, i) => sum + b.h + (i < blocks.length - 1 ? gaps[i]! : 0), 0);
    if (!fits(total) && y > content.y) newPage();
    blocks.forEach((b, i) => place(b, gaps[i]!));
  };

  // Page 1: title, intro, how to mark.
  const intro: Block = { h: 0, items: [] };
  const title = wrap(q.title.vi.toLocaleUpperCase('vi'), W - 40, 'bold', s.titleSize);
  intro.items.push(...textLines(title, X, 0, W, 'bold', s.titleSize, 'center'));
  intro.h = title.length * lineHeight(s.titleSize) + 6;
  for (const para of [q.intro?.vi ?? '', HOW_TO_MARK].filter((t) => t.trim())) {
    const lines = wrap(para, W, para === HOW_TO_MARK ? 'italic' : 'regular', s.bodySize);
    intro.items.push(...textLines(lines, X, intro.h, W, para === HOW_TO_MARK ? 'italic' : 'regular', s.bodySize));
    intro.h += lines.length * lh + 2;
  }
  place(intro, 10);

  q.sections.forEach((section, si) => {
    const headingText = `${ROMAN[si] ?? String(si + 1)}. ${section.title.vi}`;
    const headingLines = wrap(headingText.toLocaleUpperCase('vi'), W, 'bold', s.bodySize + 1);
    const heading: Block = {
      h: headingLines.length * lineHeight(s.bodySize + 1) + 3,
      items: textLines(headingLines, X, 0, W, 'bold', s.bodySize + 1),
    };
    heading.items.push({ k: 'line', x1: X, y1: heading.h, x2: X + W, y2: heading.h, width: 0.8, grey: 0 });
    let pendingHeading: Block | null = heading;
    const put = (blocks: Block[], gaps: number[]) => {
      if (pendingHeading) { placeTogether([pendingHeading, ...blocks], [6, ...gaps]); pendingHeading = null; }
      else placeTogether(blocks, gaps);
    };

    const list = section.questions;
    for (let i = 0; i < list.length; i++) {
      const question = list[i]!;
      const scale = question.type === 'rating' ? scaleOf(q, question) : undefined;
      if (question.type === 'rating' && scale) {
        let header = gridHeader(scale);
        let first = true;
        for (; i < list.length && list[i]!.type === 'rating' && list[i]!.scale === scale.id; i++) {
          const row = gridRow(list[i]!, scale);
          if (first) { put([header, row], [0, 0]); first = false; continue; }
          if (!fits(row.h)) { newPage(); header = gridHeader(scale); place(header, 0); }
          place(row, 0);
        }
        i--;
        y += 10;
        continue;
      }
      const block = question.type === 'single' || question.type === 'multiple' ? choiceBlock(question)
        : question.type === 'rating' ? choiceBlock({ ...question, choices: [] })
          : question.type === 'integer' || question.type === 'decimal' ? numberBlock(question)
            : question.type === 'note' ? noteBlock(question) : writingBlock(question);
      put([block], [10]);
    }
    if (pendingHeading) put([], []);
  });

  // Header and footer on every page, now that the page count is known.
  const pageCount = pages.length;
  for (const page of pages) {
    const headW = idText.x - 8 - X;
    page.items.push(
      { k: 'slot', slot: 'unitName', x: X, y: m, w: headW, size: s.bodySize, font: 'bold', align: 'left', prefix: '' },
      { k: 'slot', slot: 'campaignName', x: X, y: m + lh + 2, w: headW, size: s.labelSize, font: 'regular', align: 'left', prefix: '' },
      { k: 'text', x: idText.x, y: idText.y - llh, w: idText.w, size: s.labelSize, font: 'regular', align: 'right', text: 'Mã phiếu' },
      { k: 'slot', slot: 'sheetId', x: idText.x, y: idText.y, w: idText.w, size: idSize, font: 'mono', align: 'right', prefix: '' },
      { k: 'line', x1: X, y1: content.y - 5, x2: X + W, y2: content.y - 5, width: 0.5, grey: 0.5 },
      { k: 'line', x1: X, y1: footerY - 4, x2: X + W, y2: footerY - 4, width: 0.5, grey: 0.5 },
      { k: 'slot', slot: 'sheetId', x: X, y: footerY, w: W / 2, size: s.labelSize, font: 'regular', align: 'left', prefix: 'Mã phiếu: ' },
      { k: 'text', x: X + W / 2, y: footerY, w: W / 2, size: s.labelSize, font: 'regular', align: 'right', text: `Trang ${page.index + 1}/${pageCount}` },
    );
  }

  const fs = s.fiducialSize;
  const c = s.fiducialInset + fs / 2;
  const layout: PaperLayout = {
    version: LAYOUT_VERSION,
    unit: 'pt',
    origin: 'top-left',
    page: { width: s.width, height: s.height },
    printable,
    content,
    pagesPerSheet: pageCount,
    fiducials: { size: fs, centres: [{ x: c, y: c }, { x: s.width - c, y: c }, { x: c, y: s.height - c }, { x: s.width - c, y: s.height - c }] },
    sheetId: { qr, text: idText },
    questions,
    pages,
  };
  return roundAll(layout);
}

/** Rounds every number to 1/100 pt, so the JSON is short and the same everywhere. */
function roundAll<T>(v: T): T {
  if (typeof v === 'number') return round(v) as T;
  if (Array.isArray(v)) return v.map(roundAll) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundAll(x)])) as T;
  return v;
}
