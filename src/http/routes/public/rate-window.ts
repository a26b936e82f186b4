// Limits on the public endpoints: a fixed window counter per key, in memory, bounded in size. Enough to stop floods
// from one client. ClientLimit counts clients, not raw addresses (core/client-key.ts); SlidingWindow any key (a
// partner's API key). A refusal comes with its wait, the whole seconds until the window ends: the Retry-After of the
// answer, so that no caller has to ask for it apart.
import { clientKey } from '../../../core/client-key.ts';

export class SlidingWindow {
  /** Insertion order is the order the windows started in (a new window is re-inserted), oldest first. */
  private readonly hits = new Map<string, { start: number; n: number }>();

  constructor(private readonly windowMs: number, private readonly max: number, private readonly maxKeys = 50_000) {}

  /** Counts a hit: 0 while the key is within its limit, else the seconds to wait (at least 1). */
  hit(key: string, now = Date.now()): number {
    let w = this.hits.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (w) this.hits.delete(key);
      else if (this.hits.size >= this.maxKeys) this.evict(now);
      w = { start: now, n: 0 };
      this.hits.set(key, w);
    }
    w.n++;
    return w.n <= this.max ? 0 : this.waitS(w, now);
  }

  /**
   * Without counting a hit: 0 while the key has room in its window, else the seconds to wait. For strikes counted
   * apart from requests.
   */
  full(key: string, now = Date.now()): number {
    const w = this.hits.get(key);
    return w && now - w.start < this.windowMs && w.n >= this.max ? this.waitS(w, now) : 0;
  }

  private waitS(w: { start: number }, now: number): number {
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
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

  /** Counts a hit of the client at this address (within scope, if given): 0 while within its limit, else the seconds to wait. */
  hit(ip: string, scope?: string, now?: number): number {
    return this.window.hit(scope === undefined ? clientKey(ip) : `${clientKey(ip)}|${scope}`, now);
  }

  /** Without counting a hit: 0 while the client has room, else the seconds to wait. */
  full(ip: string, now?: number): number {
    return this.window.full(clientKey(ip), now);
  }
}
