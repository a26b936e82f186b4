// Vietnamese text helpers: NFC everywhere, ASCII slugs for codes, display capitalisation.

/** Removes tone and vowel marks (and đ -> d) for codes, search keys and file names. */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** 'Thiệu Hóa' -> 'THIEUHOA'. */
export function codeSlug(s: string): string {
  return stripDiacritics(s).toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** 'Thị Trấn Thiệu Hóa' -> 'thị trấn Thiệu Hóa': the administrative prefix in lower case, as in official names. */
export function lowerPrefix(name: string, prefixes: readonly string[]): string {
  const n = name.normalize('NFC');
  for (const p of prefixes) {
    if (n.toLowerCase().startsWith(`${p.toLowerCase()} `)) return `${p.toLowerCase()}${n.slice(p.length)}`;
  }
  return n;
}

/** Free text as stored: NFC, trimmed; nothing left (or nothing given) is null. */
export function cleanOrNull(s: string | null | undefined): string | null {
  const t = s?.normalize('NFC').trim();
  return t ? t : null;
}
