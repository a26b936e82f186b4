// QR codes as vector rectangles: one rectangle per horizontal run of dark modules, so a page's code is a few
// dozen path operations instead of an image (1,000 sheets stay small and fast to print).
import QRCode from 'qrcode';
import type { Rect } from './types.ts';

/** Dark runs of the QR symbol for `text`, placed in `box` with `quiet` modules of quiet zone on each side. */
export function qrRects(text: string, box: Rect, quiet: number, level: 'L' | 'M' | 'Q' | 'H' = 'Q'): Rect[] {
  // Level Q (25% of the symbol may be damaged) still fits `XXXX-XXXX/N` in a version 1 symbol (21 × 21 modules);
  // a longer address (an invitation's check-in link) uses M to keep its modules large enough to print.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: level });
  const n = modules.size;
  const unit = Math.min(box.w, box.h) / (n + 2 * quiet);
  const x0 = box.x + quiet * unit;
  const y0 = box.y + quiet * unit;
  const out: Rect[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.data[row * n + col]) { col++; continue; }
      const start = col;
      while (col < n && modules.data[row * n + col]) col++;
      out.push({ x: x0 + start * unit, y: y0 + row * unit, w: (col - start) * unit, h: unit });
    }
  }
  return out;
}
