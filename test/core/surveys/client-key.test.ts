import { describe, expect, it } from 'vitest';
import { newClientKey } from '../../../src/core/surveys/client-key.ts';

describe('client keys (UUID version 7)', () => {
  it('is a version 7, variant 10 UUID that carries the time it was made', () => {
    const at = Date.UTC(2026, 10, 26, 23, 30, 0, 123);
    const k = newClientKey(at);
    expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(k.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by time: a key made later sorts after, whatever the random part', () => {
    const t0 = Date.UTC(2026, 10, 26);
    const keys = Array.from({ length: 200 }, (_, i) => newClientKey(t0 + i * 1000));
    expect([...keys].sort()).toEqual(keys);
  });

  it('differs within one millisecond (74 random bits)', () => {
    const at = Date.now();
    const keys = new Set(Array.from({ length: 1000 }, () => newClientKey(at)));
    expect(keys.size).toBe(1000);
  });
});
