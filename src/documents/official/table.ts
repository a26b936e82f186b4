// Tables in an official document (layout.ts): bordered, over as many pages as they take, with the header row
// repeated on each page; the report-back lists and the tables of a drafted document use them.
import { drawLine, lineHeight, wrapLines, newPage, type OfficialDoc, type Align } from './layout.ts';

export interface Column {
  header: string;
  /** Share of the text width (the shares are scaled to add up to the whole width). */
  share: number;
  align?: Align;
}

export interface TableOptions {
  size?: number;
  headerSize?: number;
  padding?: number;
}

/**
 * A bordered table from doc.y down, over as many pages as it takes: the header row is repeated at the top of
 * every page, and a row too tall for what is left of a page continues on the next one (the long answers).
 * Cell text may hold `\n`.
 */
export function drawTable(o: OfficialDoc, columns: Column[], rows: string[][], opts: TableOptions = {}): void {
  const { doc } = o;
  const size = opts.size ?? 11;
  const headerSize = opts.headerSize ?? size;
  const pad = opts.padding ?? 3;
  const total = columns.reduce((s, c) => s + c.share, 0);
  const widths = columns.map((c) => (c.share / total) * o.width);
  const xs = widths.map((_, i) => o.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const lh = lineHeight(size);

  const borders = (y: number, h: number) => {
    doc.save().lineWidth(0.5).strokeColor('black');
    doc.rect(o.left, y, o.width, h).stroke();
    for (const x of xs.slice(1)) doc.moveTo(x, y).lineTo(x, y + h).stroke();
    doc.restore();
  };

  const headerLines = columns.map((c, i) => wrapLines(doc, c.header, 'bold', headerSize, widths[i]! - 2 * pad));
  const headerH = Math.max(...headerLines.map((l) => l.length)) * lineHeight(headerSize) + 2 * pad;
  const drawHeaderRow = () => {
    const y = doc.y;
    headerLines.forEach((lines, i) => {
      // Vertically centred in the header row.
      let ty = y + (headerH - lines.length * lineHeight(headerSize)) / 2;
      for (const line of lines) {
        drawLine(doc, line, xs[i]! + pad, ty, widths[i]! - 2 * pad, 'bold', headerSize, 'center');
        ty += lineHeight(headerSize);
      }
    });
    borders(y, headerH);
    doc.y = y + headerH;
  };

  // A row is kept whole on one page when it is short; a long one (a long answer) is split, with at least
  // `minLines` of it on the page it starts on.
  const keepWhole = 8;
  const minLines = 3;
  const roomAt = (y: number) => Math.floor((o.bottom - y - 2 * pad) / lh);
  if (roomAt(doc.y + headerH) < minLines) newPage(o);
  drawHeaderRow();
  for (const row of rows) {
    const cells = row.map((text, i) => wrapLines(doc, text, 'regular', size, widths[i]! - 2 * pad));
    const tallest = Math.max(1, ...cells.map((c) => c.length));
    let from = 0;
    while (from < tallest) {
      const remaining = tallest - from;
      let room = roomAt(doc.y);
      if (room < remaining && (remaining <= keepWhole || room < minLines)) {
        newPage(o);
        drawHeaderRow();
        room = roomAt(doc.y);
      }
      const n = Math.min(remaining, Math.max(1, room));
      const y = doc.y;
      cells.forEach((lines, i) => {
        let ty = y + pad;
        for (const line of lines.slice(from, from + n)) {
          drawLine(doc, line, xs[i]! + pad, ty, widths[i]! - 2 * pad, 'regular', size, columns[i]!.align ?? 'left');
          ty += lh;
        }
      });
      const h = n * lh + 2 * pad;
      borders(y, h);
      doc.y = y + h;
      from += n;
    }
  }
  doc.x = o.left;
  doc.y += 10;
}
