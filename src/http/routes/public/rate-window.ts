// A per-key fixed window counter in memory, bounded in size: enough to stop floods from one address.
export class SlidingWindow {
  private readonly hits = new Map<string, { start: number; n: number }>();

  constructor(private readonly windowMs: number, private readonly max: number, private readonly maxKeys = 50_000) {}

  /** Counts a hit; false when the key is over its limit in the current window. */
  hit(key: string, now = Date.now()): boolean {
    let w = this.hits.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.hits.size >= this.maxKeys) this.sweep(now);
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

  private sweep(now: number) {
    for (const [k, w] of this.hits) if (now - w.start >= this.windowMs) this.hits.delete(k);
    if (this.hits.size >= this.maxKeys) this.hits.clear();
  }
}
