// Vietnamese text normalisation for the feedback register (pure, no I/O).
//
// normalizeVi: NFC, one tone-mark placement, lower case, single spaces — for display-level comparison.
// foldVi:      normalizeVi without any mark at all (đ -> d) — "khong co dau" equals "không có dấu".
// tokensVi:    the folded words without the commonest function words — for similarity and search keys.
// shingles:    word n-grams (bigrams by default) over those tokens.
import { stripDiacritics } from '../text.ts';

// ---------------------------------------------------------------------------------------------------------
// Tone placement
//
// Two spellings are in use for the open diphthongs oa, oe, uy: "hòa, khỏe, thủy" (tone on the first vowel,
// the traditional placement and the one this code base writes: Thiệu Hóa) and "hoà, khoẻ, thuỷ" (tone on the
// second). Typists also put the mark elsewhere by mistake ("hòang", "thúê"). unifyTones() takes the tone off
// every Vietnamese syllable and puts it back by one rule, so every placement of the same syllable gives the
// same string:
//   1. a vowel with a modifier (ă â ê ô ơ ư) takes the tone; of two (ươ) the second: "người", "quyết", "huế";
//   2. otherwise, with a final consonant, the last vowel: "hoàng", "toán", "huých";
//   3. otherwise (open syllable) the middle of three vowels, the first of two: "ngoài", "khuỷu", "hòa", "thủy";
// with "qu" and "gi" read as consonants when a vowel follows ("quý", "quả", "giá", but "gì", "gìn").
// A word that is not a well-formed Vietnamese syllable with exactly one tone mark is left as it is.
// ---------------------------------------------------------------------------------------------------------

/** Combining tone marks, by tone: ngang (none), huyền, sắc, hỏi, ngã, nặng. */
const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;
const VOWELS = 'aăâeêioôơuưy';

// Tables by UTF-16 code unit (every precomposed Vietnamese letter is below U+1F00).
const TABLE_SIZE = 0x1f00;
/** 1: a letter a syllable may hold (a-z, đ, any precomposed Vietnamese vowel, either case); 0: anything else. */
const SYLLABLE_LETTER = new Uint8Array(TABLE_SIZE);
/** Tone index of a vowel (0 = ngang). */
const TONE = new Uint8Array(TABLE_SIZE);
/** The same letter without its tone, same case. */
const TONELESS = new Uint16Array(TABLE_SIZE);
/** The same letter without its tone, lower case. */
const BASE = new Uint16Array(TABLE_SIZE);
/** vowel without tone (code, either case) * 8 + tone -> precomposed vowel code. */
const WITH_TONE = new Map<number, number>();

for (const c of 'abcdefghijklmnopqrstuvwxyzđ') {
  for (const x of [c, c.toUpperCase()]) {
    const code = x.charCodeAt(0);
    SYLLABLE_LETTER[code] = 1;
    TONELESS[code] = code;
    BASE[code] = c.charCodeAt(0);
  }
}
for (const v of VOWELS) {
  for (const x of [v, v.toUpperCase()]) {
    TONE_MARKS.forEach((mark, tone) => {
      const code = (x + mark).normalize('NFC').charCodeAt(0);
      SYLLABLE_LETTER[code] = 1;
      TONE[code] = tone;
      TONELESS[code] = x.charCodeAt(0);
      BASE[code] = v.charCodeAt(0);
      WITH_TONE.set(x.charCodeAt(0) * 8 + tone, code);
    });
  }
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** 1: any other letter or mark. */
const OTHER_LETTER = new Uint8Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) {
  if (SYLLABLE_LETTER[c] === 0 && LETTER_OR_MARK.test(String.fromCharCode(c))) OTHER_LETTER[c] = 1;
}

/** Code units (1 or 2) of the letter or mark at i, or 0 when the character there is neither. */
function letterWidth(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c < TABLE_SIZE) return SYLLABLE_LETTER[c]! | OTHER_LETTER[c]!;
  const cp = t.codePointAt(i)!;
  return LETTER_OR_MARK.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

const VOWEL_CODES = new Set([...VOWELS].map((v) => v.charCodeAt(0)));
const MODIFIED_CODES = new Set([...'ăâêôơư'].map((v) => v.charCodeAt(0)));
const ONSETS = new Set([
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'q', 'r',
  's', 't', 'th', 'tr', 'v', 'x',
]);
const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);
const Q = 'q'.charCodeAt(0);
const G = 'g'.charCodeAt(0);
const U = 'u'.charCodeAt(0);
const I = 'i'.charCodeAt(0);

/** Index of the vowel that should carry the tone, given the toneless lower-case letters; -1: not a syllable. */
function toneSlot(base: readonly number[]): number {
  let i = 0;
  while (i < base.length && !VOWEL_CODES.has(base[i]!)) i++;
  const onsetEnd = i;
  let start = i;
  while (i < base.length && VOWEL_CODES.has(base[i]!)) i++;
  const end = i; // vowel cluster = [start, end)
  if (!ONSETS.has(String.fromCharCode(...base.slice(0, onsetEnd)))) return -1;
  if (!CODAS.has(String.fromCharCode(...base.slice(end)))) return -1;
  const onsetIsLetter = onsetEnd === 1;
  if (onsetIsLetter && base[0] === Q) {
    if (base[start] !== U || end - start < 2) return -1;
    start++; // qu-
  } else if (onsetIsLetter && base[0] === G && base[start] === I && end - start >= 2) {
    start++; // gi-
  }
  const n = end - start;
  if (n < 1 || n > 3) return -1;
  for (let k = end - 1; k >= start; k--) if (MODIFIED_CODES.has(base[k]!)) return k;
  if (end < base.length) return end - 1;
  return n === 3 ? start + 1 : start;
}

/** The syllable t[from, to) with its one tone moved where it belongs, or null to leave it as it is. */
function placeTone(t: string, from: number, to: number): string | null {
  const base: number[] = [];
  let tonePos = -1;
  for (let k = from; k < to; k++) {
    const c = t.charCodeAt(k);
    if (TONE[c]! > 0) {
      if (tonePos >= 0) return null; // two tone marks: not a syllable
      tonePos = k - from;
    }
    base.push(BASE[c]!);
  }
  if (tonePos < 0) return null;
  const slot = toneSlot(base);
  if (slot < 0 || slot === tonePos) return null;
  const codes: number[] = [];
  for (let k = from; k < to; k++) codes.push(t.charCodeAt(k));
  const tone = TONE[codes[tonePos]!]!;
  codes[tonePos] = TONELESS[codes[tonePos]!]!;
  codes[slot] = WITH_TONE.get(TONELESS[codes[slot]!]! * 8 + tone)!;
  return String.fromCharCode(...codes);
}

/** NFC and one tone-mark placement per syllable ("Thanh Hoá" -> "Thanh Hóa", "THUỶ" -> "THỦY"); case is kept. */
export function unifyTones(text: string): string {
  const t = text.normalize('NFC');
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < t.length) {
    const w = letterWidth(t, i);
    if (w === 0) {
      i++;
      continue;
    }
    // A word: a run of letters and marks. Only a run of Vietnamese letters with a tone mark may change.
    let j = i;
    let vietnamese = true;
    let toned = false;
    for (let wj = w; wj > 0; wj = j < t.length ? letterWidth(t, j) : 0) {
      const c = t.charCodeAt(j);
      if (wj === 2 || c >= TABLE_SIZE || SYLLABLE_LETTER[c] === 0) vietnamese = false;
      else if (TONE[c]! > 0) toned = true;
      j += wj;
    }
    if (vietnamese && toned && j - i <= 8) {
      const fixed = placeTone(t, i, j);
      if (fixed !== null) {
        out += t.slice(copied, i) + fixed;
        copied = j;
      }
    }
    i = j;
  }
  return copied === 0 ? t : out + t.slice(copied);
}

function collapseSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** NFC, one tone placement, lower case, single spaces: "  Thanh  Hoá " -> "thanh hóa". Idempotent. */
export function normalizeVi(text: string): string {
  return collapseSpaces(unifyTones(text.normalize('NFC').toLowerCase().normalize('NFC')));
}

// ---------------------------------------------------------------------------------------------------------
// Folding
//
// foldVi(x) is defined as stripDiacritics(lower(NFC(x))) with single spaces. That costs a few microseconds a
// text; likelyDuplicates folds a thousand texts per call, so a table does it in one pass for texts made only
// of Latin letters (Vietnamese included), digits, ASCII and general punctuation, and the definition itself runs
// for anything else. The test suite checks the two agree.
// ---------------------------------------------------------------------------------------------------------

const FOLD_SIZE = 0x2070;
const KIND_SLOW = 0;
const KIND_WORD = 1;
const KIND_SPACE = 2;
const KIND_OTHER = 3;
const FOLD_KIND = new Uint8Array(FOLD_SIZE);
/** The code unit a character folds to (always one in these ranges). */
const FOLD_CODE = new Uint16Array(FOLD_SIZE);
{
  const word = /^[\p{L}\p{M}\p{N}]$/u;
  const other = /^[^\p{L}\p{M}\p{N}\s]$/u;
  for (const [from, to] of [[0, 0x250], [0x1e00, 0x1f00], [0x2000, 0x2070]] as const) {
    for (let c = from; c < to; c++) {
      const ch = String.fromCharCode(c);
      const f = stripDiacritics(ch.toLowerCase());
      if (ch.normalize('NFC') !== ch || f.length !== 1) continue; // stays KIND_SLOW
      FOLD_CODE[c] = f.charCodeAt(0);
      if (/^\s$/.test(ch)) FOLD_KIND[c] = KIND_SPACE;
      else if (word.test(f)) FOLD_KIND[c] = KIND_WORD;
      else if (other.test(f)) FOLD_KIND[c] = KIND_OTHER;
    }
  }
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
let buffer = new Uint16Array(1024);

const UTF16 = new TextDecoder('utf-16le'); // the buffer never holds a surrogate: those take the slow path

/** The folded text and its words (before stop words), in one pass when the table allows. */
function foldAndSplit(text: string): { folded: string; words: string[] } {
  const t = text.normalize('NFC');
  if (buffer.length < t.length) buffer = new Uint16Array(t.length * 2);
  const bounds: number[] = [];
  let length = 0;
  let wordStart = -1;
  let space = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const kind = c < FOLD_SIZE ? FOLD_KIND[c]! : KIND_SLOW;
    if (kind === KIND_SLOW) {
      const slow = collapseSpaces(stripDiacritics(t.toLowerCase()));
      return { folded: slow, words: slow.match(WORD) ?? [] };
    }
    if (kind === KIND_SPACE) {
      space = length > 0;
      continue;
    }
    if (space) {
      if (wordStart >= 0) bounds.push(wordStart, length);
      wordStart = -1;
      buffer[length++] = 0x20;
      space = false;
    }
    if (kind === KIND_WORD) {
      if (wordStart < 0) wordStart = length;
    } else if (wordStart >= 0) {
      bounds.push(wordStart, length);
      wordStart = -1;
    }
    buffer[length++] = FOLD_CODE[c]!;
  }
  if (wordStart >= 0) bounds.push(wordStart, length);
  const folded = UTF16.decode(buffer.subarray(0, length));
  const words: string[] = [];
  for (let k = 0; k < bounds.length; k += 2) words.push(folded.slice(bounds[k], bounds[k + 1]));
  return { folded, words };
}

/** normalizeVi without any marks (đ -> d): "Không CÓ dấu" -> "khong co dau". foldVi(normalizeVi(x)) === foldVi(x). */
export function foldVi(text: string): string {
  return foldAndSplit(text).folded;
}

// ---------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------

/**
 * The commonest function words, folded, so that every text loses the same tokens with or without diacritics:
 * tokensVi(x) === tokensVi(foldVi(x)). Folding merges some of them with content words (có/cô -> "co", đã/đá ->
 * "da", và/va -> "va", thì/thị -> "thi"); words whose folded form is a frequent content word of this register
 * are kept out of the list: mà (ma túy), đó/do (đèn đỏ, tốc độ), lại (lái xe), đến (đèn), tới (tội), tại (tai
 * nạn, xe tải), đang (đăng ký), thế (thẻ), lắm (làm), vậy (vay), còn (con nghiện), quá (qua đường).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    'và', 'của', 'là', 'có', 'các', 'những', 'nhưng', 'được', 'cho', 'với', 'này', 'đã', 'thì', 'ở', 'ạ', 'à', 'rằng',
    'nên', 'để', 'một', 'cũng', 'khi', 'ra', 'vào', 'trong', 'trên', 'theo', 'như', 'rất', 'sẽ', 'hay', 'hoặc', 'nào',
    'gì', 'ấy', 'kia', 'nữa', 'nhé', 'không', 'bởi', 'bị', 'thật', 'hết', 'đều', 'nhau', 'ơi',
  ].map((w) => stripDiacritics(w)),
);

/** Folded word tokens without stop words: "Tôi đã bị mất trộm xe máy" -> ["toi", "mat", "trom", "xe", "may"]. */
export function tokensVi(text: string): string[] {
  return foldAndSplit(text).words.filter((w) => !STOP_WORDS.has(w));
}

/**
 * The words of normalizeVi(text), each with its folded form (no stop words dropped): for keyword matching.
 * "Thanh Hoá, KHOẺ" -> norm ["thanh", "hóa", "khỏe"], fold ["thanh", "hoa", "khoe"].
 */
export function wordsVi(text: string): { norm: string[]; fold: string[] } {
  const norm = normalizeVi(text).match(WORD) ?? [];
  return { norm, fold: norm.map((w) => foldAndSplit(w).folded) };
}

/**
 * Word n-grams (bigrams by default) of a text's tokens, or of tokens already made. A text of at most `n`
 * tokens gives its tokens joined as its one shingle, so short texts still compare; no tokens, no shingles.
 */
export function shingles(input: string | readonly string[], n = 2): string[] {
  const size = Math.max(1, Math.floor(n));
  const tokens = typeof input === 'string' ? tokensVi(input) : input;
  if (tokens.length === 0) return [];
  if (tokens.length <= size) return [tokens.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + size <= tokens.length; i++) out.push(tokens.slice(i, i + size).join(' '));
  return out;
}
