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

export function newTrackingCode(): string {
  let code = '';
  // Rejection sampling keeps every symbol equally likely (256 is not a multiple of 31).
  while (code.length < LENGTH) {
    const b = randomByte();
    if (b < 248) code += ALPHABET[b % 31]!;
  }
  return code;
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
