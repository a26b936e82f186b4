// Tracking codes: short enough to read over the phone, long enough not to be guessed, never sequential.
import { randomFillSync } from 'node:crypto';

// 31 symbols without look-alikes (0/O, 1/I/L). 10 symbols: 31^10 ≈ 8·10^14 codes; at the public rate limit
// guessing one live code among a million would take thousands of years.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 10;

// Random bytes are drawn from the system in blocks and used once each: a call to the generator per code cost about
// 9 µs, a third of the item's own insert in a batch of intakes (bench/README.md, feedback-submit).
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomByte(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]!;
}

/** Random symbols; rejection sampling keeps every one equally likely (256 is not a multiple of 31). */
function randomSymbols(n: number): string {
  let s = '';
  while (s.length < n) {
    const b = randomByte();
    if (b < 248) s += ALPHABET[b % 31]!;
  }
  return s;
}

export function newTrackingCode(): string {
  return randomSymbols(LENGTH);
}

/** How many leading symbols the codes of one batch share (newTrackingCodes). */
export const BATCH_PREFIX = 2;

/**
 * Codes for the items of one batch (intakes written in one transaction). They share their first BATCH_PREFIX
 * symbols, drawn at random for the batch, and differ in the other eight. Why: the tracking-code index is ordered by
 * code, so independent codes put each item of a batch on its own leaf page of the index, one page written and
 * checkpointed per item; codes sharing a prefix land on one or two leaves (bench/README.md, feedback-submit: about
 * 4 % more public intakes per second). What it costs: someone holding a code knows the first two symbols of the
 * codes sent within the same few milliseconds, and still has 31^8 ≈ 8.5·10^11 possibilities for each of the rest,
 * more than for guessing any of a million live codes outright (31^10 / 10^6 ≈ 8·10^8). A batch of one is a code
 * like any other.
 */
export function newTrackingCodes(n: number): string[] {
  const prefix = randomSymbols(BATCH_PREFIX);
  return Array.from({ length: n }, () => prefix + randomSymbols(LENGTH - BATCH_PREFIX));
}

/** What a citizen types, forgiving case, spaces and dashes, back to the stored form (or null). */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** Shown as two groups: K7M2Q-9XTR4. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
