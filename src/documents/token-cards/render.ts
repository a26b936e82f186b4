// Single-use survey cards: ten per A4 page (2 × 5, to cut along the lines), each with a QR code of its own
// address (/t/<token>), the address in words for typing, the unit and the campaign.
import PDFDocument from 'pdfkit';
import { registerFonts } from '../paper-form/fonts.ts';
import { qrRects } from '../paper-form/qr.ts';

export interface TokenCard {
  token: string;
  url: string;
}

const MM = 72 / 25.4;
const COLS = 2;
const ROWS = 5;

/** The cards as one PDF (the tokens exist only here and in the printout: the database keeps their hashes). */
export function renderTokenCards(cards: TokenCard[], header: { unitName: string; campaignName: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: header.campaignName.normalize('NFC'), Creator: 'Lắng Nghe' } });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  const w = (210 * MM - 20 * MM) / COLS;
  const h = (297 * MM - 20 * MM) / ROWS;
  cards.forEach((card, i) => {
    const slot = i % (COLS * ROWS);
    if (i > 0 && slot === 0) doc.addPage();
    const x = 10 * MM + (slot % COLS) * w;
    const y = 10 * MM + Math.floor(slot / COLS) * h;
    doc.lineWidth(0.5).dash(3, { space: 3 }).strokeColor('#999999').rect(x, y, w, h).stroke().undash();
    const qr = 34 * MM;
    for (const r of qrRects(card.url, { x: x + 4 * MM, y: y + (h - qr) / 2, w: qr, h: qr }, 2)) doc.rect(r.x, r.y, r.w + 0.05, r.h + 0.05);
    doc.fillColor('#000000').fill();
    const tx = x + qr + 8 * MM;
    const tw = w - qr - 12 * MM;
    doc.font('bold').fontSize(10).text(header.unitName.normalize('NFC'), tx, y + 6 * MM, { width: tw });
    doc.font('regular').fontSize(8.5).text(header.campaignName.normalize('NFC'), { width: tw });
    doc.moveDown(0.4).fontSize(8.5).text('Quét mã QR để trả lời phiếu (dùng một lần, không ghi tên). Hoặc mở:', { width: tw });
    doc.font('mono').fontSize(8).text(card.url, { width: tw });
    doc.moveDown(0.3).font('regular').fontSize(8).text('Mã thẻ:', { width: tw, continued: true }).font('mono').fontSize(11).text(` ${card.token}`);
  });
  doc.end();
  return done;
}
