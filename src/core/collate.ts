// Vietnamese collation: "Đ" after "D", "Ă Â" after "A", tones ordered after base letters, as people
// expect in lists. In memory we use ICU (Intl.Collator 'vi'); in SQL, where neither engine has a
// portable Vietnamese collation, we order by a sort key computed here and stored with the row.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Sorts a copy of items by the Vietnamese collation of key(item). */
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVi(key(x), key(y)));
}

// The Vietnamese alphabet, with f, j, w, z in their Latin places for foreign names.
const ALPHABET = ['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z'];
// Tones in dictionary order: level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot (nặng).
const TONES: Record<string, number> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 };
const LETTER = new Map(ALPHABET.map((l, i) => [l, String(i + 10)]));

function letterKeys(word: string): { primary: string; tones: string } {
  let primary = '';
  let tones = '';
  for (const ch of word.toLowerCase().normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, (m) => { tones += TONES[m]; return ''; }).normalize('NFC')) {
    if (LETTER.has(ch)) primary += LETTER.get(ch);
    else if (/[0-9]/.test(ch)) primary += `0${ch}`;
  }
  return { primary, tones: tones || '0' };
}

/**
 * A key that sorts like a Vietnamese list of people: by given name (the last word, letters then tones),
 * then the whole name from the family name on. Only digits, so any SQL collation agrees.
 */
export function personSortKey(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const given = words[words.length - 1] ?? '';
  const g = letterKeys(given);
  const all = words.map(letterKeys);
  // The given name decides first, tones included (Dung before Dũng), then the whole name.
  return `${g.primary}0000${g.tones}0000${all.map((p) => p.primary).join('00')}0000${all.map((p) => p.tones).join('')}`;
}
