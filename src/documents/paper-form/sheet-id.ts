// Sheet IDs printed on paper forms: 7 random Crockford base32 symbols and 1 check symbol, shown as `7K2M-4QXD`.
// The alphabet has no I, L, O or U, so what a clerk reads is what they type; the check symbol (Damm's algorithm
// over GF(32)) catches every single wrong symbol and every swap of two neighbours, so a mistyped ID is refused
// instead of attaching answers to another sheet. 32^7 ≈ 3.4·10^10 IDs: the caller stores them under a unique index
// and draws again on the rare collision.

/** Crockford's base32 alphabet: digits and letters without I, L, O, U. */
export const SHEET_ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_SYMBOLS = 7;
export const SHEET_ID_LENGTH = RANDOM_SYMBOLS + 1;
const VALUE = new Map([...SHEET_ID_ALPHABET].map((c, i) => [c, i]));

/** Multiplication in GF(2^5) modulo x^5 + x^2 + 1. */
function gfMul(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 5; i++) {
    if (b & 1) r ^= a;
    b >>= 1;
    a <<= 1;
    if (a & 0x20) a ^= 0x25;
  }
  return r;
}

// Damm's quasigroup x ∗ y = 2·x + y over GF(32) is totally anti-symmetric ((c∗x)∗y = (c∗y)∗x only when x = y),
// which is exactly what makes adjacent transpositions detectable; each step is a bijection in both arguments,
// which makes single substitutions detectable.
const DOUBLE = Array.from({ length: 32 }, (_, x) => gfMul(2, x));

function dammInterim(values: readonly number[]): number {
  let interim = 0;
  for (const v of values) interim = DOUBLE[interim]! ^ v;
  return interim;
}

/** The check symbol for a string of alphabet symbols (without the dash). */
export function checkSymbol(symbols: string): string {
  const values = [...symbols].map((c) => {
    const v = VALUE.get(c);
    if (v === undefined) throw new Error(`not a sheet-ID symbol: ${c}`);
    return v;
  });
  // interim ∗ c = 0  ⇔  2·interim ⊕ c = 0  ⇔  c = 2·interim.
  return SHEET_ID_ALPHABET[DOUBLE[dammInterim(values)]!]!;
}

/** `7K2M4QXD` -> `7K2M-4QXD`. */
export function formatSheetId(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** A new sheet ID from a cryptographically random source (`random` fills a byte array; injectable for tests). */
export function newSheetId(random: (bytes: Uint8Array) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(RANDOM_SYMBOLS));
  // 256 is a multiple of 32, so `& 31` is unbiased.
  const body = Array.from(bytes, (b) => SHEET_ID_ALPHABET[b & 31]!).join('');
  return formatSheetId(body + checkSymbol(body));
}

/**
 * Canonical `XXXX-XXXX` form of what a clerk typed or a USB QR scanner "typed": case, spaces and dashes do not
 * matter, O reads as 0 and I, L as 1 (Crockford's rules), and a page suffix `/N` from the QR code is dropped.
 * Returns null when it is not 8 alphabet symbols; the check symbol is tested by isValidSheetId.
 */
export function normaliseSheetId(input: string): string | null {
  return parseSheetCode(input)?.sheetId ?? null;
}

/** The sheet ID and, when the input came from a page's QR code (`7K2M-4QXD/2`), the page number. */
export function parseSheetCode(input: string): { sheetId: string; page: number | null } | null {
  const m = /^(.*?)(?:\/(\d{1,3}))?$/.exec(input.normalize('NFC').trim());
  if (!m) return null;
  const compact = m[1]!.toUpperCase().replace(/[\s\-_.]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (compact.length !== SHEET_ID_LENGTH || [...compact].some((c) => !VALUE.has(c))) return null;
  return { sheetId: formatSheetId(compact), page: m[2] === undefined ? null : Number(m[2]) };
}

/** True when the input normalises to a sheet ID whose check symbol is right. */
export function isValidSheetId(input: string): boolean {
  const id = normaliseSheetId(input);
  if (!id) return false;
  const compact = id.replace('-', '');
  return checkSymbol(compact.slice(0, -1)) === compact.slice(-1);
}

/** What the QR code of one page carries: the sheet ID and the page, e.g. `7K2M-4QXD/2`. */
export function qrContent(sheetId: string, page: number): string {
  return `${sheetId}/${page}`;
}
