// The official model as a PDF, drawn with the Nghị định 30 layout helpers (layout.ts) that the report-back
// documents use: the same model as docx.ts, so the printed PDF and the editable DOCX say the same thing.
import {
  BODY, MM, drawClosing, drawHeader, drawTitle, finish, lineHeight, newPage, openOfficialDocument, paragraph,
  wrapLines, type OfficialDoc,
} from './layout.ts';
import { drawTable } from './table.ts';
import {
  DOC_TYPE_NAMES, closedBlocks, numberLine, recipientEntries, signerLines, type OfficialModel, type Signer,
} from './model.ts';
import { qrRects } from '../paper-form/qr.ts';

function drawBlocks(o: OfficialDoc, m: OfficialModel): void {
  for (const b of closedBlocks(m.blocks)) {
    switch (b.kind) {
      case 'heading':
        paragraph(o, b.text, { font: 'bold' });
        break;
      case 'paragraph':
        paragraph(o, b.text, {
          font: b.bold && b.italic ? 'boldItalic' : b.bold ? 'bold' : b.italic ? 'italic' : 'regular',
          indent: b.noIndent || b.align ? 0 : BODY.indent,
          align: b.align ?? 'justify',
        });
        break;
      case 'list':
        for (const item of b.items) paragraph(o, `- ${item}`);
        break;
      case 'table':
        drawTable(o, b.columns.map((c) => ({ header: c.header, share: c.share, align: c.align })), b.rows);
        break;
      case 'qr': {
        // Vector modules (as on the paper forms), 30 mm square, centred, the caption under it.
        const side = 30 * MM;
        if (o.doc.y + side + lineHeight(11) * 2 > o.bottom) newPage(o);
        const x = o.left + (o.width - side) / 2;
        const y = o.doc.y + 4;
        o.doc.fillColor('black');
        for (const r of qrRects(b.url, { x, y, w: side, h: side }, 2, 'M')) o.doc.rect(r.x, r.y, r.w, r.h).fill();
        o.doc.y = y + side + 2;
        paragraph(o, b.caption, { font: 'italic', size: 11, align: 'center', indent: 0 });
        break;
      }
    }
  }
}

function centred(o: OfficialDoc, text: string, x: number, y: number, width: number, font: 'bold' | 'regular', size: number) {
  const w = o.doc.font(font).fontSize(size).widthOfString(text);
  o.doc.font(font).fontSize(size).fillColor('black').text(text, x + (width - w) / 2, y, { lineBreak: false });
}

/** A signature in a column: title lines in bold capitals, room to sign, the name; returns the y below it. */
function drawSignature(o: OfficialDoc, s: Signer, x: number, y: number, width: number): number {
  for (const line of signerLines(s).flatMap((l) => wrapLines(o.doc, l, 'bold', 13, width))) {
    centred(o, line, x, y, width, 'bold', 13);
    y += lineHeight(13);
  }
  y += 30 * MM;
  if (s.name) {
    centred(o, s.name.normalize('NFC'), x, y, width, 'bold', 13);
    y += lineHeight(13);
  }
  return y;
}

function signatureHeight(o: OfficialDoc, s: Signer, width: number): number {
  const lines = signerLines(s).flatMap((l) => wrapLines(o.doc, l, 'bold', 13, width)).length;
  return lines * lineHeight(13) + 30 * MM + (s.name ? lineHeight(13) : 0);
}

/** Two signers side by side (the minutes: secretary left, chair right), then "Nơi nhận" if there is one. */
function drawTwoSigners(o: OfficialDoc, m: OfficialModel): void {
  const half = o.width / 2;
  const [left, right] = m.signers as [Signer, Signer];
  const need = Math.max(signatureHeight(o, left, half), signatureHeight(o, right, half)) + 12;
  if (o.doc.y + need > o.bottom) newPage(o);
  const y0 = o.doc.y + 6;
  const y = Math.max(drawSignature(o, left, o.left, y0, half), drawSignature(o, right, o.left + half, y0, half));
  o.doc.x = o.left;
  o.doc.y = y + 6;
  const entries = recipientEntries(m.recipients);
  if (entries.length) drawClosing(o, { signer: [], signerName: null, recipients: entries });
}

/** The PDF file of a model. */
export function renderPdf(m: OfficialModel): Promise<Buffer> {
  const typeName = DOC_TYPE_NAMES[m.type];
  const o = openOfficialDocument({ title: `${typeName} ${m.subject}`.slice(0, 250), subject: m.subject, author: m.header.issuingBody });
  drawHeader(o, {
    parentBody: m.header.parentBody, issuingBody: m.header.issuingBody, number: numberLine(m),
    place: m.header.place, date: m.issuedOn, year: m.year,
  });
  drawTitle(o, typeName, m.subject);
  drawBlocks(o, m);
  const entries = recipientEntries(m.recipients);
  if (m.signers.length >= 2) {
    drawTwoSigners(o, m);
  } else if (entries.length) {
    const s = m.signers[0];
    drawClosing(o, { signer: s ? signerLines(s) : [], signerName: s?.name ?? null, recipients: entries });
  } else if (m.signers[0]) {
    // No "Nơi nhận": the signature alone, on the right.
    const s = m.signers[0];
    const x = o.left + o.width * 0.45;
    const w = o.width * 0.55;
    if (o.doc.y + signatureHeight(o, s, w) + 12 > o.bottom) newPage(o);
    o.doc.y = drawSignature(o, s, x, o.doc.y + 6, w);
  }
  return finish(o);
}
