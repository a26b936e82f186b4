import { describe, expect, it } from 'vitest';
import { clientKey } from '../../src/core/client-key.ts';
import { ClientLimit, SlidingWindow } from '../../src/http/routes/public/rate-window.ts';

describe('clientKey', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('counts every address of an IPv6 /64 as one client, whatever its spelling', () => {
    const key = clientKey('2001:db8:abcd:12::1');
    expect(key).toBe('2001:db8:abcd:12::/64');
    for (const ip of ['2001:DB8:ABCD:0012:ffff:1:2:3', '2001:0db8:abcd:0012:0000:0000:0000:0009', '2001:db8:abcd:12::77%eth0']) {
      expect(clientKey(ip)).toBe(key);
    }
    expect(clientKey('2001:db8:abcd:13::1')).not.toBe(key);
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });

  it('keeps anything that does not parse as its own key', () => {
    expect(clientKey('not:an:address')).toBe('not:an:address');
    expect(clientKey('')).toBe('');
  });
});

describe('SlidingWindow', () => {
  it('limits a key per window, and again from the next window', () => {
    const w = new SlidingWindow(1000, 2);
    expect([w.hit('10.0.0.1', 0), w.hit('10.0.0.1', 10), w.hit('10.0.0.1', 20)]).toEqual([0, 0, 1]);
    expect(w.full('10.0.0.1', 30)).toBe(1);
    expect(w.full('10.0.0.2', 30)).toBe(0);
    expect(w.hit('10.0.0.2', 30)).toBe(0);
    expect(w.hit('10.0.0.1', 1000)).toBe(0);
  });

  it('answers a refusal with the whole seconds left of the window, at least one', () => {
    const w = new SlidingWindow(600_000, 1);
    expect(w.hit('k', 0)).toBe(0);
    expect([w.hit('k', 0), w.hit('k', 120_001), w.full('k', 599_500)]).toEqual([600, 480, 1]);
  });

  it('counts IPv6 addresses of one /64 together as a client, and a scope apart', () => {
    const w = new ClientLimit(1000, 2);
    expect(w.hit('2001:db8:1:1::a', undefined, 0)).toBe(0);
    expect(w.hit('2001:db8:1:1::b', undefined, 0)).toBe(0);
    expect(w.hit('2001:db8:1:1:9::c', undefined, 0)).toBe(1);
    expect(w.full('2001:db8:1:1:ffff::1', 0)).toBe(1);
    expect(w.hit('2001:db8:1:1::a', 'survey-a', 0)).toBe(0);
  });

  it('makes room by dropping ended windows, then the oldest running ones, never everyone', () => {
    const w = new SlidingWindow(1000, 1, 100);
    // A client at its limit early on, then 99 others: the map is full.
    expect(w.hit('192.0.2.1', 0)).toBe(0);
    for (let i = 0; i < 99; i++) w.hit(`198.51.100.${i}`, 500 + i);
    expect(w.size).toBe(100);
    // At 1,200 ms the first client's window has ended: it alone goes, and the others stay limited.
    w.hit('203.0.113.1', 1200);
    expect(w.size).toBe(100);
    expect(w.hit('198.51.100.50', 1200)).toBeGreaterThan(0);
    // A flood of new clients while every window runs: the oldest tenth goes each time the map is full.
    w.hit('203.0.113.2', 1300);
    expect(w.size).toBe(91);
    expect(w.hit('198.51.100.5', 1300)).toBe(0);
    expect(w.hit('198.51.100.98', 1300)).toBeGreaterThan(0);
  });
});
