// Greedy line breaking with the printing font's metrics: layout decides every line, the renderer only draws them.
import type { FontName, TextMeasure } from './types.ts';

/** Lines of `text` (NFC, whitespace collapsed, `\n` kept as a break) no wider than `width`. */
export function wrapText(text: string, width: number, font: FontName, size: number, measure: TextMeasure): string[] {
  const lines: string[] = [];
  for (const para of text.normalize('NFC').split('\n')) {
    const words = para.split(/\s+/).filter(Boolean);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, font, size) <= width) { line = candidate; continue; }
      if (line) lines.push(line);
      line = '';
      // A word wider than the line on its own is cut where it must be.
      let rest = word;
      while (measure(rest, font, size) > width && rest.length > 1) {
        const chars = [...rest];
        let n = chars.length - 1;
        while (n > 1 && measure(chars.slice(0, n).join(''), font, size) > width) n--;
        lines.push(chars.slice(0, n).join(''));
        rest = chars.slice(n).join('');
      }
      line = rest;
    }
    if (line || !words.length) lines.push(line);
  }
  return lines;
}
