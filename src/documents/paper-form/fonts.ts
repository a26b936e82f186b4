// The fonts of printed forms: DejaVu Sans from the dejavu-fonts-ttf package (covers Vietnamese, including
// stacked tone marks such as Ế ỗ ự), nothing fetched at run time. Layout measures text with the same font
// files and the same code (pdfkit's) that draws it, so a wrapped line always fits where layout put it.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { FontName, TextMeasure } from './types.ts';

const require = createRequire(import.meta.url);

/** Absolute paths of the TTF files behind each font name. */
export const FONT_FILES: Record<FontName, string> = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf'),
};

/** Registers the fonts on a document under their names. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
}

let shared: TextMeasure | undefined;

/** Text width with the printing fonts (memoised per font, size and text; one measuring document per process). */
export function fontMeasure(): TextMeasure {
  if (shared) return shared;
  // Never ended nor read: it only lends pdfkit's font loading and shaping.
  const doc = new PDFDocument({ autoFirstPage: false });
  registerFonts(doc);
  const cache = new Map<string, number>();
  shared = (text, font, size) => {
    const key = `${font}\u0000${size}\u0000${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      w = doc.font(font).fontSize(size).widthOfString(text.normalize('NFC'));
      if (cache.size > 50_000) cache.clear();
      cache.set(key, w);
    }
    return w;
  };
  return shared;
}
