// Limits on the public endpoints: a fixed window counter per key, in memory, bounded in size. Enough to stop floods
// from one client. ClientLimit counts clients, not raw addresses (core/client-key.ts); SlidingWindow any key (a
// partner's API key).
import { clientKey } from '../../../core/client-key.ts';

export class SlidingWindow {
  /** Insertion order is the order the windows started in (a new window is re-inserted), oldest first. */
  private readonly hits = new Map<string, { start: number; n: number }>();

  constructor(private readonly windowMs: number, private readonly max: number, private readonly maxKeys = 50_000) {}

  /** Counts a hit; false when the key is over its limit in the current window. */
  hit(key: string, now = Date.now()): boolean {
    let w = this.hits.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (w) this.hits.delete(key);
      else if (this.hits.size >= this.maxKeys) this.evict(now);
      w = { start: now, n: 0 };
      this.hits.set(key, w);
    }
    w.n++;
    return w.n <= this.max;
  }

  /** Whether the key has used up its window (without counting a hit): for strikes counted apart from requests. */
  full(key: string, now = Date.now()): boolean {
    const w = this.hits.get(key);
    return !!w && now - w.start < this.windowMs && w.n >= this.max;
  }

  /** Whole seconds until the key's window ends (at least 1): the Retry-After of a refusal. */
  waitS(key: string, now = Date.now()): number {
    const w = this.hits.get(key);
    return w ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 1;
  }

  /** How many keys are held (for tests). */
  get size(): number {
    return this.hits.size;
  }

  /**
   * Makes room for a new key: the ended windows go, oldest first; if every window is still running (a flood from
   * more clients than maxKeys), the oldest tenth goes. Clearing the whole map instead would let one flood of new
   * addresses give every client, the flooder's own included, a fresh allowance.
   */
  private evict(now: number) {
    let ended = 0;
    for (const [k, w] of this.hits) {
      if (now - w.start < this.windowMs) break;
      this.hits.delete(k);
      ended++;
    }
    if (ended) return;
    let drop = Math.max(1, Math.floor(this.maxKeys / 10));
    for (const k of this.hits.keys()) {
      if (drop-- <= 0) break;
      this.hits.delete(k);
    }
  }
}

/** Hits per client (the clientKey of a request's address), optionally per scope (a survey, say), in a fixed window. */
export class ClientLimit {
  private readonly window: SlidingWindow;

  constructor(windowMs: number, max: number, maxKeys?: number) {
    this.window = new SlidingWindow(windowMs, max, maxKeys);
  }

  /** Counts a hit of the client at this address (within scope, if given); false when it is over its limit. */
  hit(ip: string, scope?: string, now?: number): boolean {
    return this.window.hit(scope === undefined ? clientKey(ip) : `${clientKey(ip)}|${scope}`, now);
  }

  /** Whether the client has used up its window, without counting a hit. */
  full(ip: string, now?: number): boolean {
    return this.window.full(clientKey(ip), now);
  }

  /** Whole seconds until the client's window ends: the Retry-After of a refusal. */
  waitS(ip: string, scope?: string, now?: number): number {
    return this.window.waitS(scope === undefined ? clientKey(ip) : `${clientKey(ip)}|${scope}`, now);
  }
}
