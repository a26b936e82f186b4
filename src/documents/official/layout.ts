// Official documents in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I), drawn with pdfkit: A4 portrait, margins
// top/bottom 20 mm, left 30 mm, right 15 mm; the header as a borderless two-column table (left: the body above in
// capitals, the issuing body in bold capitals with a short rule, the number; right: the national title, the motto
// with its rule, the italic place and date); the document type and subject centred in bold; the body in 13 pt,
// justified, first line indented 1.27 cm, 6 pt between paragraphs; tables that run over pages with their header
// row repeated; the signature block on the right and "Nơi nhận:" on the left; page numbers centred at the top from
// page 2. Every name is a parameter (Thông tư 26/2019/TT-BCA may differ in details: DOMAIN.md).
//
// The font is DejaVu Serif Condensed from the dejavu-fonts-ttf package: Times New Roman, which the decree names,
// cannot be installed here (it is not free to redistribute) and fetching fonts at run time is not an option. DejaVu
// Serif covers every Vietnamese letter with its stacked tone marks; its condensed cut has widths close to Times,
// so lines break about where a Times document would.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

export const MM = 72 / 25.4;

export const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerifCondensed.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerifCondensed-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerifCondensed-Italic.ttf'),
  boldItalic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerifCondensed-BoldItalic.ttf'),
} as const;
export type OfficialFont = keyof typeof FONTS;

/** Millimetres. */
export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}
export const ND30_MARGINS: Readonly<Margins> = { top: 20, bottom: 20, left: 30, right: 15 };

/** Body text: 13 pt (the decree allows 13–14), first-line indent 1.27 cm, 6 pt between paragraphs. */
export const BODY = { size: 13, indent: 12.7 * MM, paragraphGap: 6, lineGap: 2 } as const;

export interface OfficialDoc {
  doc: PDFKit.PDFDocument;
  /** The content box, in points. */
  left: number;
  right: number;
  width: number;
  top: number;
  bottom: number;
  /** The PDF once `finish` has been called. */
  done: Promise<Buffer>;
}

/** A new A4 document with the decree's margins and the fonts registered; pages are buffered for numbering. */
export function openOfficialDocument(info: { title: string; subject?: string; author?: string }, margins: Margins = ND30_MARGINS): OfficialDoc {
  const m = { top: margins.top * MM, bottom: margins.bottom * MM, left: margins.left * MM, right: margins.right * MM };
  // pdfkit hashes every info value: an undefined one would throw.
  const meta: PDFKit.DocumentInfo = { Title: info.title.normalize('NFC'), Creator: 'Lắng Nghe', Producer: 'Lắng Nghe (pdfkit)' };
  if (info.subject) meta.Subject = info.subject.normalize('NFC');
  if (info.author) meta.Author = info.author.normalize('NFC');
  const doc = new PDFDocument({ size: 'A4', margins: m, bufferPages: true, info: meta });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  doc.font('regular').fontSize(BODY.size).fillColor('black').strokeColor('black');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - m.left - m.right;
  return { doc, left: m.left, right: m.left + width, width, top: m.top, bottom: doc.page.height - m.bottom, done };
}

// ---------------------------------------------------------------------------------------------------------
// Text helpers: every line is placed by us (lineBreak: false), so nothing flows onto a page we did not add
// ---------------------------------------------------------------------------------------------------------

export const lineHeight = (size: number) => size * 1.2;

function measure(doc: PDFKit.PDFDocument, text: string, font: OfficialFont, size: number): number {
  return doc.font(font).fontSize(size).widthOfString(text);
}

/** Greedy line breaking with the font's own metrics; `\n` is kept as a break; an over-long word is cut. */
export function wrapLines(doc: PDFKit.PDFDocument, text: string, font: OfficialFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.normalize('NFC').split('\n')) {
    const words = para.split(/\s+/).filter(Boolean);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(doc, candidate, font, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (rest.length > 1 && measure(doc, rest, font, size) > width) {
        const chars = [...rest];
        let n = chars.length - 1;
        while (n > 1 && measure(doc, chars.slice(0, n).join(''), font, size) > width) n--;
        lines.push(chars.slice(0, n).join(''));
        rest = chars.slice(n).join('');
      }
      line = rest;
    }
    if (line || !words.length) lines.push(line);
  }
  return lines;
}

export type Align = 'left' | 'center' | 'right';

export function drawLine(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, font: OfficialFont, size: number, align: Align = 'left'): number {
  const w = measure(doc, text, font, size);
  const at = align === 'center' ? x + (width - w) / 2 : align === 'right' ? x + width - w : x;
  doc.font(font).fontSize(size).fillColor('black').text(text, at, y, { lineBreak: false });
  return w;
}

/**
 * The lines of text in `width`, broken evenly when it takes more than one: the narrowest width that still gives
 * the same number of lines (a centred title over two lines reads better half and half than full and a word).
 */
export function balancedLines(doc: PDFKit.PDFDocument, text: string, font: OfficialFont, size: number, width: number): string[] {
  const greedy = wrapLines(doc, text, font, size, width);
  if (greedy.length < 2) return greedy;
  let lo = width / (greedy.length + 1);
  let hi = width;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (wrapLines(doc, text, font, size, mid).length > greedy.length) lo = mid; else hi = mid;
  }
  return wrapLines(doc, text, font, size, hi);
}

/** Lines of text in a box (broken evenly), each centred or aligned; returns the y below them and the widest line's width. */
function drawBlock(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, font: OfficialFont, size: number, align: Align = 'center') {
  let widest = 0;
  for (const line of balancedLines(doc, text, font, size, width)) {
    widest = Math.max(widest, drawLine(doc, line, x, y, width, font, size, align));
    y += lineHeight(size);
  }
  return { y, widest };
}

function rule(doc: PDFKit.PDFDocument, cx: number, y: number, length: number) {
  doc.save().lineWidth(0.6).strokeColor('black').moveTo(cx - length / 2, y).lineTo(cx + length / 2, y).stroke().restore();
}

/** The largest size from `size` down to `min` (by 0.5 pt) at which text fits on one line of `width`. */
function fitSize(doc: PDFKit.PDFDocument, text: string, font: OfficialFont, size: number, width: number, min: number): number {
  let s = size;
  while (s > min && measure(doc, text, font, s) > width) s -= 0.5;
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Header, title, body
// ---------------------------------------------------------------------------------------------------------

export interface HeaderInput {
  /** The body directly above ("Công an tỉnh Thanh Hóa"): capitals, not bold; omitted at the top of the tree. */
  parentBody: string | null;
  /** The issuing body ("Công an xã Thiệu Hóa"): bold capitals, with a short rule under it. */
  issuingBody: string;
  /** The number line as printed: "Số:      /TB-CAX" for a draft to be numbered when signed. */
  number: string;
  /** The place on the date line ("Thanh Hóa"). */
  place: string;
  /** The date (YYYY-MM-DD); null leaves day and month blank for the signer to fill in. */
  date: string | null;
  /** Year for a blank date. */
  year?: number;
  nationalTitle?: string;
  motto?: string;
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** "ngày 05 tháng 01 năm 2026": days below 10 and months below 3 take a leading zero (Nghị định 30, Phụ lục I). */
export function dateLine(place: string, date: string | null, year?: number): string {
  if (!date) return `${place}, ngày      tháng      năm ${year ?? ''}`.trimEnd();
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m < 3 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

/** The two-column header; leaves doc.y below it. Left column 40% of the width, right column 60%. */
export function drawHeader(o: OfficialDoc, h: HeaderInput): void {
  const { doc, left, width } = o;
  const leftW = width * 0.4;
  const rightX = left + leftW;
  const rightW = width - leftW;
  const size = 12.5;
  let ly = o.top;
  // Long names shrink a little (to 11 pt) before they take a second line.
  // A gutter keeps the two columns apart.
  const fitW = leftW - 3 * MM;
  if (h.parentBody) {
    const parent = upper(h.parentBody);
    ly = drawBlock(doc, parent, left, ly, leftW, 'regular', fitSize(doc, parent, 'regular', size, fitW, 11)).y;
  }
  const issuing = upper(h.issuingBody);
  const body = drawBlock(doc, issuing, left, ly, leftW, 'bold', fitSize(doc, issuing, 'bold', size, fitW, 11));
  ly = body.y + 2;
  rule(doc, left + leftW / 2, ly, Math.max(15 * MM, body.widest * 0.45));
  ly += 8;

  let ry = o.top;
  const title = h.nationalTitle ?? NATIONAL_TITLE;
  const titleSize = fitSize(doc, title, 'bold', size, rightW - 4, 10.5);
  ry = drawBlock(doc, title, rightX, ry, rightW, 'bold', titleSize).y;
  const motto = h.motto ?? MOTTO;
  const mottoSize = fitSize(doc, motto, 'bold', 13, rightW - 4, 11);
  const m = drawBlock(doc, motto, rightX, ry, rightW, 'bold', mottoSize);
  ry = m.y + 2;
  rule(doc, rightX + rightW / 2, ry, m.widest);
  ry += 8;

  // The number and the date line sit on the same line, below both columns.
  const y = Math.max(ly, ry);
  drawLine(doc, h.number.normalize('NFC'), left, y, leftW, 'regular', 13, 'center');
  const when = dateLine(h.place.normalize('NFC'), h.date, h.year);
  drawLine(doc, when, rightX, y, rightW, 'italic', fitSize(doc, when, 'italic', 13, rightW, 11), 'center');
  doc.x = left;
  doc.y = y + lineHeight(13) + 14;
}

/** The document type ("THÔNG BÁO", "BÁO CÁO") and its subject, centred in bold, with a short rule under them. */
export function drawTitle(o: OfficialDoc, type: string, subject: string): void {
  const { doc, left, width } = o;
  let y = drawBlock(doc, upper(type), left, doc.y, width, 'bold', 14).y;
  const s = drawBlock(doc, subject.normalize('NFC'), left + 10 * MM, y, width - 20 * MM, 'bold', 14);
  y = s.y + 3;
  rule(doc, left + width / 2, y, Math.max(30 * MM, Math.min(s.widest, width) * 0.4));
  doc.x = left;
  doc.y = y + 14;
}

export interface ParagraphOptions {
  font?: OfficialFont;
  size?: number;
  /** First-line indent (default 1.27 cm); 0 for none. */
  indent?: number;
  align?: 'justify' | 'left' | 'center' | 'right';
}

/** A body paragraph, flowing onto new pages as needed (pdfkit's own line breaking, justified). */
export function paragraph(o: OfficialDoc, text: string, opts: ParagraphOptions = {}): void {
  const { doc } = o;
  const size = opts.size ?? BODY.size;
  // Start a new page rather than leave a single line at the bottom.
  if (doc.y + lineHeight(size) * 2 > o.bottom) newPage(o);
  doc.font(opts.font ?? 'regular').fontSize(size).fillColor('black')
    .text(text.normalize('NFC'), o.left, doc.y, {
      width: o.width, align: opts.align ?? 'justify', indent: opts.indent ?? BODY.indent, paragraphGap: BODY.paragraphGap, lineGap: BODY.lineGap,
    });
  doc.x = o.left;
}

export function newPage(o: OfficialDoc): void {
  o.doc.addPage();
  o.doc.x = o.left;
  o.doc.y = o.top;
}

// ---------------------------------------------------------------------------------------------------------
// Signature, recipients, page numbers
// ---------------------------------------------------------------------------------------------------------

export interface ClosingInput {
  /** The signer's lines in bold capitals: ["TRƯỞNG CÔNG AN XÃ"], or ["KT. TRƯỞNG CÔNG AN XÃ", "PHÓ TRƯỞNG CÔNG AN XÃ"]. */
  signer: string[];
  /** The signer's name (bold), or null to leave it for the signature. */
  signerName: string | null;
  /** The recipients, without the dashes: the last is the archive ("Lưu: VT."). */
  recipients: string[];
}

/**
 * "Nơi nhận:" on the left (12 pt bold italic, entries 11 pt "- ...;", the last "- Lưu: VT.") and the signature
 * block on the right, side by side, kept together on one page.
 */
export function drawClosing(o: OfficialDoc, c: ClosingInput): void {
  const { doc } = o;
  const leftW = o.width * 0.45;
  const rightX = o.left + o.width * 0.45;
  const rightW = o.width * 0.55;
  const entries = c.recipients.map((r, i) => {
    const text = r.trim().replace(/[;.]+$/, '');
    return `- ${text}${i === c.recipients.length - 1 ? '.' : ';'}`;
  });
  const recLines = entries.flatMap((e) => wrapLines(doc, e, 'regular', 11, leftW - 4));
  const recH = lineHeight(12) + recLines.length * lineHeight(11);
  const signLines = c.signer.flatMap((s) => wrapLines(doc, upper(s), 'bold', 13, rightW));
  const signH = signLines.length * lineHeight(13) + 30 * MM + (c.signerName ? lineHeight(13) : 0);
  const need = Math.max(recH, signH) + 6;
  if (doc.y + need > o.bottom) newPage(o);
  const y0 = doc.y + 6;

  let y = y0;
  drawLine(doc, 'Nơi nhận:', o.left, y, leftW, 'boldItalic', 12);
  y += lineHeight(12);
  for (const line of recLines) {
    drawLine(doc, line, o.left, y, leftW, 'regular', 11);
    y += lineHeight(11);
  }

  let sy = y0;
  for (const line of signLines) {
    drawLine(doc, line, rightX, sy, rightW, 'bold', 13, 'center');
    sy += lineHeight(13);
  }
  sy += 30 * MM;
  if (c.signerName) {
    drawLine(doc, c.signerName.normalize('NFC'), rightX, sy, rightW, 'bold', 13, 'center');
    sy += lineHeight(13);
  }
  doc.x = o.left;
  doc.y = Math.max(y, sy);
}

/** Page numbers centred in the top margin from page 2 on (13 pt, not bold). */
export function numberPages(o: OfficialDoc): void {
  const { doc } = o;
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    drawLine(doc, String(i - range.start + 1), o.left, 8 * MM, o.width, 'regular', 13, 'center');
  }
}

/** Numbers the pages, ends the document and returns its bytes. */
export async function finish(o: OfficialDoc): Promise<Buffer> {
  numberPages(o);
  o.doc.flushPages();
  o.doc.end();
  return o.done;
}
