// The official model as a Word document (DOCX, the `docx` package), laid out per Nghị định 30/2020 Phụ lục I:
// A4 portrait, margins 20/20/30/15 mm, Times New Roman, body 14 pt justified with a 1.27 cm first-line indent and
// 6 pt after; the header as a borderless two-column table; page numbers centred at the top from page 2 (a
// different first page). Units edit and sign the DOCX in Word, so every property is set explicitly on the
// paragraph or run rather than left to styles a template might not carry.
import {
  AlignmentType, BorderStyle, Document, Header, ImageRun, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, Table,
  TableBorders, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType, type IBorderOptions,
} from 'docx';
import QRCode from 'qrcode';
import { dateLine, MOTTO, NATIONAL_TITLE } from './layout.ts';
import {
  DOC_TYPE_NAMES, closedBlocks, cleanText, numberLine, recipientLines, signerLines,
  type Align, type Block, type OfficialModel, type Signer,
} from './model.ts';

/** Twips (1/20 pt): A4 and the margins in millimetres converted (1 mm = 56.7 twips). */
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567, footer: 567 } as const;
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT = 'Times New Roman';
/** Half-points. */
const SZ = { body: 28, header: 26, table: 26, recipientsHeading: 24, recipient: 22 } as const;
const INDENT = 720; // 1.27 cm
const AFTER = 120; // 6 pt
const LINE = 288; // 1.2 lines
const CELL_MARGIN = 80;

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

const ALIGN: Record<Align | 'justify', (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.BOTH,
};

interface RunStyle { size: number; bold?: boolean; italics?: boolean }

/** Runs for text with \n kept as line breaks inside the paragraph. */
function runs(text: string, s: RunStyle): TextRun[] {
  return cleanText(text).split('\n').map((line, i) => new TextRun({
    text: line, font: FONT, size: s.size, bold: s.bold ?? false, italics: s.italics ?? false, ...(i ? { break: 1 } : {}),
  }));
}

interface ParaStyle extends RunStyle {
  align?: Align | 'justify';
  indent?: number;
  after?: number;
  before?: number;
  keepNext?: boolean;
}

function para(text: string, s: ParaStyle): Paragraph {
  return new Paragraph({
    alignment: ALIGN[s.align ?? 'justify'],
    indent: { firstLine: s.indent ?? 0 },
    spacing: { before: s.before ?? 0, after: s.after ?? 0, line: LINE, lineRule: LineRuleType.AUTO },
    keepNext: s.keepNext ?? false,
    children: runs(text, s),
  });
}

/** A short centred rule: an empty paragraph whose bottom border spans `length` twips of a `width`-wide box. */
function rule(width: number, length: number): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', font: FONT, size: 4 })],
  });
}

function plainCell(children: Paragraph[], width: number, opts: { borders?: boolean; header?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: opts.borders ? { top: THIN, bottom: THIN, left: THIN, right: THIN } : NO_BORDERS,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 20, bottom: 20 },
    verticalAlign: opts.header ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    children,
  });
}

const upper = (s: string) => cleanText(s).toLocaleUpperCase('vi');

/** The header: a borderless 40/60 table; the number and the date share the second row so they line up. */
function headerTable(m: OfficialModel): Table {
  const leftW = Math.round(TEXT_WIDTH * 0.4);
  const rightW = TEXT_WIDTH - leftW;
  const inner = (w: number) => w - 2 * CELL_MARGIN;
  const left: Paragraph[] = [];
  if (m.header.parentBody) left.push(para(upper(m.header.parentBody), { size: SZ.header, align: 'center' }));
  left.push(para(upper(m.header.issuingBody), { size: SZ.header, bold: true, align: 'center' }));
  // A third of the column: the decree asks for a rule a third to a half as long as the line above it.
  left.push(rule(inner(leftW), Math.round(inner(leftW) / 3)));
  const right = [
    para(NATIONAL_TITLE, { size: SZ.header, bold: true, align: 'center' }),
    para(MOTTO, { size: SZ.body, bold: true, align: 'center' }),
    // As long as the motto at 14 pt bold (measured with Times' metrics: about 162 pt).
    rule(inner(rightW), 3260),
  ];
  const when = dateLine(cleanText(m.header.place), m.issuedOn, m.year);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({ children: [plainCell(left, leftW), plainCell(right, rightW)] }),
      new TableRow({
        children: [
          plainCell([para(numberLine(m), { size: SZ.header, align: 'center', before: 120 })], leftW),
          plainCell([para(when, { size: SZ.body, italics: true, align: 'center', before: 120 })], rightW),
        ],
      }),
    ],
  });
}

function title(m: OfficialModel): Paragraph[] {
  return [
    para(DOC_TYPE_NAMES[m.type], { size: SZ.body, bold: true, align: 'center', before: 360, keepNext: true }),
    para(m.subject, { size: SZ.body, bold: true, align: 'center', keepNext: true }),
    rule(TEXT_WIDTH, 1700),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];
}

function bodyTable(b: Extract<Block, { kind: 'table' }>): Table {
  const total = b.columns.reduce((s, c) => s + c.share, 0);
  const widths = b.columns.map((c) => Math.floor((c.share / total) * TEXT_WIDTH));
  widths[widths.length - 1]! += TEXT_WIDTH - widths.reduce((s, w) => s + w, 0);
  const cell = (text: string, i: number, header: boolean) => plainCell(
    [para(text, { size: SZ.table, bold: header, align: header ? 'center' : b.columns[i]!.align ?? 'left' })],
    widths[i]!, { borders: true, header },
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      // The header row repeats on every page the table runs over.
      new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => cell(c.header, i, true)) }),
      ...b.rows.map((r) => new TableRow({ children: r.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

/** QR codes are images in a DOCX: drawn as PNG before the document is built (qrcode's PNG output is async). */
async function qrImages(m: OfficialModel): Promise<Map<string, Buffer>> {
  const urls = [...new Set(m.blocks.flatMap((b) => (b.kind === 'qr' ? [b.url] : [])))];
  const pngs = await Promise.all(urls.map((u) => QRCode.toBuffer(u, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 300 })));
  return new Map(urls.map((u, i) => [u, pngs[i]!]));
}

/** About 3 cm square: scanned from a printed page by any phone. */
const QR_PX = 113;

function blocks(m: OfficialModel, images: Map<string, Buffer>): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of closedBlocks(m.blocks)) {
    switch (b.kind) {
      case 'heading':
        out.push(para(b.text, { size: SZ.body, bold: true, indent: INDENT, after: AFTER, before: 60, keepNext: true }));
        break;
      case 'paragraph':
        out.push(para(b.text, {
          size: SZ.body, bold: b.bold, italics: b.italic, align: b.align ?? 'justify', indent: b.noIndent || b.align ? 0 : INDENT, after: AFTER,
        }));
        break;
      case 'list':
        for (const item of b.items) out.push(para(`- ${item}`, { size: SZ.body, indent: INDENT, after: AFTER }));
        break;
      case 'table':
        out.push(bodyTable(b), new Paragraph({ spacing: { after: AFTER }, children: [] }));
        break;
      case 'qr':
        out.push(
          new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 120 }, children: [
            new ImageRun({ type: 'png', data: images.get(b.url)!, transformation: { width: QR_PX, height: QR_PX }, altText: { name: 'QR', description: b.url, title: b.caption } }),
          ] }),
          para(b.caption, { size: SZ.recipient, italics: true, align: 'center', after: AFTER }),
        );
        break;
    }
  }
  return out;
}

/** A signature: the authority and title in bold capitals, room to sign, the name in bold. */
function signature(s: Signer): Paragraph[] {
  const lines = signerLines(s);
  return [
    ...lines.map((l, i) => para(l, { size: SZ.body, bold: true, align: 'center', keepNext: true, before: i ? 0 : 120 })),
    // Room for the signature and the seal (about 3 cm).
    ...[0, 1, 2, 3].map(() => para('', { size: SZ.body, keepNext: true })),
    para(s.name ? cleanText(s.name) : '', { size: SZ.body, bold: true, align: 'center' }),
  ];
}

function recipients(list: string[]): Paragraph[] {
  const lines = recipientLines(list);
  if (!lines.length) return [para('', { size: SZ.recipient })];
  return [
    para('Nơi nhận:', { size: SZ.recipientsHeading, bold: true, italics: true, align: 'left', keepNext: true, before: 120 }),
    ...lines.map((l) => para(l, { size: SZ.recipient, align: 'left', keepNext: true })),
  ];
}

/** "Nơi nhận" (left) beside the signature (right); two signers (minutes) sign side by side, recipients below. */
function closing(m: OfficialModel): Table[] {
  // Recipients beside a signature: 45/55 as in the decree's samples; two signatures side by side: halves.
  const leftW = Math.round(TEXT_WIDTH * (m.signers.length >= 2 ? 0.5 : 0.45));
  const rightW = TEXT_WIDTH - leftW;
  const table = (left: Paragraph[], right: Paragraph[]) => new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ cantSplit: true, children: [plainCell(left, leftW), plainCell(right, rightW)] })],
  });
  if (m.signers.length >= 2) {
    const tables = [table(signature(m.signers[0]!), signature(m.signers[1]!))];
    if (m.recipients.length) tables.push(table(recipients(m.recipients), [para('', { size: SZ.recipient })]));
    return tables;
  }
  return [table(recipients(m.recipients), m.signers[0] ? signature(m.signers[0]) : [para('', { size: SZ.body })])];
}

/** The DOCX file of a model. */
export async function renderDocx(m: OfficialModel): Promise<Buffer> {
  const images = await qrImages(m);
  const pageNumber = new Header({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SZ.body })],
    })],
  });
  const doc = new Document({
    creator: 'Lắng Nghe',
    title: cleanText(`${DOC_TYPE_NAMES[m.type]} ${m.subject}`).slice(0, 250),
    description: numberLine(m),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SZ.body },
          paragraph: { spacing: { after: 0, line: LINE, lineRule: LineRuleType.AUTO } },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
          margin: MARGIN,
        },
        titlePage: true,
      },
      headers: { default: pageNumber, first: new Header({ children: [new Paragraph({ children: [] })] }) },
      children: [headerTable(m), ...title(m), ...blocks(m, images), ...closing(m)],
    }],
  });
  return Packer.toBuffer(doc);
}
