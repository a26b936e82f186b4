import { describe, expect, it } from 'vitest';
import { formatTrackingCode, newTrackingCode, normalizeTrackingCode } from '../../src/core/feedback/tracking.ts';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

describe('tracking codes', () => {
  it('are ten symbols without look-alikes, never repeated, every symbol equally likely', () => {
    const n = 20_000; // 200,000 symbols: the 4 KB random pool is refilled dozens of times
    const codes = Array.from({ length: n }, () => newTrackingCode());
    expect(new Set(codes).size).toBe(n);
    const counts = new Map<string, number>();
    for (const c of codes) {
      expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
      for (const ch of c) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    // Chi-square over the 31 symbols (30 degrees of freedom). A fair generator passes 89.6 but once in ten
    // million runs; a byte taken modulo 31 without rejection (8 symbols a ninth likelier) scores about 560.
    const expected = (n * 10) / 31;
    const chi2 = [...ALPHABET].reduce((s, ch) => s + ((counts.get(ch) ?? 0) - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(89.6);
  });

  it('are read back forgiving case, spaces and dashes, and shown in two groups', () => {
    const code = newTrackingCode();
    const shown = formatTrackingCode(code);
    expect(shown).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(normalizeTrackingCode(` ${shown.toLowerCase()} `)).toBe(code);
    expect(normalizeTrackingCode(shown.replace('-', ' '))).toBe(code);
    expect(normalizeTrackingCode('ABCDE-FGHI0')).toBeNull(); // 0 is not a symbol
    expect(normalizeTrackingCode('ABCDE-FGH')).toBeNull();
  });
});
