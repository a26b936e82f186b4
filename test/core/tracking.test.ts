import { describe, expect, it } from 'vitest';
import { BATCH_PREFIX, formatTrackingCode, newTrackingCode, newTrackingCodes, normalizeTrackingCode } from '../../src/core/feedback/tracking.ts';

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

  it('of one batch share a random two-symbol prefix and are otherwise drawn like any code', () => {
    const batches = Array.from({ length: 2_000 }, () => newTrackingCodes(10));
    const all = batches.flat();
    expect(new Set(all).size).toBe(all.length);
    for (const b of batches) {
      expect(b).toHaveLength(10);
      expect(new Set(b.map((c) => c.slice(0, BATCH_PREFIX))).size).toBe(1);
      for (const c of b) expect(c).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
    }
    // The prefixes differ from batch to batch (2,000 draws over 961 prefixes: about 840 distinct), and the rest of
    // the codes and the prefixes are each uniform over the 31 symbols (the chi-square bound of the test above).
    expect(new Set(batches.map((b) => b[0]!.slice(0, BATCH_PREFIX))).size).toBeGreaterThan(700);
    const chi2 = (symbols: string[]) => {
      const counts = new Map<string, number>();
      for (const ch of symbols) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      const expected = symbols.length / 31;
      return [...ALPHABET].reduce((s, ch) => s + ((counts.get(ch) ?? 0) - expected) ** 2 / expected, 0);
    };
    expect(chi2(all.flatMap((c) => [...c.slice(BATCH_PREFIX)]))).toBeLessThan(89.6);
    expect(chi2(batches.flatMap((b) => [...b[0]!.slice(0, BATCH_PREFIX)]))).toBeLessThan(89.6);
    expect(newTrackingCodes(1)[0]).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
    expect(newTrackingCodes(0)).toEqual([]);
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
