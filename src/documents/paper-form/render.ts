// Draws printed copies of a form from its layout description: one PDF, one copy per sheet, each page with the
// four fiducials, the sheet's QR code (`7K2M-4QXD/2`) and its ID in readable form. Streamed: a sheet is drawn
// only when the reader has taken the previous one, so memory stays flat for a batch of thousands.
import { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { Questionnaire } from '../../core/surveys/questionnaire.ts';
import { registerFonts } from './fonts.ts';
import { qrRects } from './qr.ts';
import { qrContent } from './sheet-id.ts';
import type { DrawItem, LaidQuestion, PaperLayout } from './types.ts';

export interface PrintedSheet {
  sheetId: string;
  unitName: string;
  campaignName: string;
}

const hexGrey = (g: number) => {
  const v = Math.round(Math.min(1, Math.max(0, g)) * 255).toString(16).padStart(2, '0');
  return `#${v}${v}${v}`;
};

/** The PDF of `sheets.length` copies of the form laid out as `layout`, as a byte stream. */
export function renderPaperForms(q: Questionnaire, layout: PaperLayout, sheets: PrintedSheet[]): NodeJS.ReadableStream & Readable {
  if (!sheets.length) throw new Error('renderPaperForms: no sheets');
  return Readable.from(generate(q, layout, sheets), { objectMode: false });
}

/** The same, collected in memory (small batches, tests). */
export async function renderPaperFormsToBuffer(q: Questionnaire, layout: PaperLayout, sheets: PrintedSheet[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of renderPaperForms(q, layout, sheets)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function* generate(q: Questionnaire, layout: PaperLayout, sheets: PrintedSheet[]): AsyncGenerator<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { Title: q.title.vi.normalize('NFC'), Creator: 'Lắng Nghe', Producer: 'Lắng Nghe (pdfkit)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  registerFonts(doc);
  const byPage = layout.pages.map((p) => layout.questions.filter((x) => x.page === p.index));
  for (const sheet of sheets) {
    drawSheet(doc, layout, byPage, sheet);
    // Let pdfkit's pushes reach our listener, then hand the sheet's bytes to the reader.
    await new Promise((r) => setImmediate(r));
    if (chunks.length) yield Buffer.concat(chunks.splice(0));
  }
  doc.end();
  await ended;
  if (chunks.length) yield Buffer.concat(chunks.splice(0));
}

function drawSheet(doc: PDFKit.PDFDocument, layout: PaperLayout, byPage: LaidQuestion[][], sheet: PrintedSheet): void {
  const values: Record<'sheetId' | 'unitName' | 'campaignName', string> = {
    sheetId: sheet.sheetId.normalize('NFC'), unitName: sheet.unitName.normalize('NFC'), campaignName: sheet.campaignName.normalize('NFC'),
  };
  for (const page of layout.pages) {
    doc.addPage({ size: [layout.page.width, layout.page.height], margin: 0 });
    // Fiducials: solid black squares.
    const f = layout.fiducials.size;
    for (const c of layout.fiducials.centres) doc.rect(c.x - f / 2, c.y - f / 2, f, f);
    doc.fillColor('black').fill();
    // The QR code, one path of dark runs.
    const qr = layout.sheetId.qr;
    for (const r of qrRects(qrContent(values.sheetId, page.index + 1), qr, qr.quietModules)) doc.rect(r.x, r.y, r.w, r.h);
    doc.fill();
    for (const item of page.items) drawItem(doc, item, values);
    // Answer boxes and writing areas.
    doc.lineWidth(0.9).strokeColor('black').undash();
    for (const question of byPage[page.index] ?? []) for (const b of question.boxes) doc.rect(b.x, b.y, b.w, b.h);
    doc.stroke();
  }
}

function drawItem(doc: PDFKit.PDFDocument, it: DrawItem, values: Record<'sheetId' | 'unitName' | 'campaignName', string>): void {
  if (it.k === 'line') {
    doc.lineWidth(it.width).strokeColor(hexGrey(it.grey));
    if (it.dash) doc.dash(it.dash, { space: it.dash * 1.5 }); else doc.undash();
    doc.moveTo(it.x1, it.y1).lineTo(it.x2, it.y2).stroke();
    return;
  }
  // Layout already stores NFC; a hand-edited or older stored layout may not.
  let text = (it.k === 'text' ? it.text : it.prefix + values[it.slot]).normalize('NFC');
  let size = it.size;
  doc.font(it.font).fillColor('black');
  if (it.k === 'slot') {
    // Per-sheet values are not known at layout time: shrink to fit, never below 10 pt, then cut.
    const min = Math.min(it.size, 10);
    while (size > min && doc.fontSize(size).widthOfString(text) > it.w) size = Math.max(min, size - 0.5);
    doc.fontSize(size);
    while (text.length > 1 && doc.widthOfString(text) > it.w) text = `${text.slice(0, -2)}…`;
  } else {
    doc.fontSize(size);
  }
  if (!text) return;
  const tw = it.align === 'left' ? 0 : doc.widthOfString(text);
  const x = it.align === 'right' ? it.x + it.w - tw : it.align === 'center' ? it.x + (it.w - tw) / 2 : it.x;
  doc.text(text, x, it.y, { lineBreak: false });
}
