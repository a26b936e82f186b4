// HTTP load with autocannon: bounded in time, a warm-up, and the baseline interleaved with the
// measured case (baseline, case, baseline, case, ...) so drift on a shared machine hits both alike.
import autocannon, { type Result } from 'autocannon';

export interface Case {
  name: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  connections: number;
  /** Seconds per measured round. */
  duration: number;
  rounds: number;
  /** Seconds of warm-up per case, discarded. */
  warmup: number;
}

export interface Figures {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Requests per second of each round, to judge the noise. */
  rounds_rps: number[];
}

async function once(c: Case, connections: number, duration: number): Promise<Result> {
  return autocannon({
    url: c.url, method: c.method ?? 'GET', headers: c.headers, body: c.body,
    connections, duration, timeout: 10,
  });
}

/** Combines rounds: throughput over the total time, p50 the mean of rounds, p99 the worst round. */
function combine(results: Result[]): Figures {
  const requests = results.reduce((s, r) => s + r.requests.total, 0);
  const seconds = results.reduce((s, r) => s + r.duration, 0);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    rps: Math.round(requests / seconds),
    p50_ms: round(results.reduce((s, r) => s + r.latency.p50, 0) / results.length),
    p99_ms: round(Math.max(...results.map((r) => r.latency.p99))),
    requests,
    errors: results.reduce((s, r) => s + r.errors + r.timeouts, 0),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    rounds_rps: results.map((r) => Math.round(r.requests.total / r.duration)),
  };
}

/** Warms both cases up, then alternates baseline and case for `rounds` rounds each. */
export async function interleaved(baseline: Case, measured: Case, o: LoadOptions, log = (s: string) => console.error(s)) {
  for (const c of [baseline, measured]) {
    const w = await once(c, o.connections, o.warmup);
    if (w.non2xx || w.errors) throw new Error(`${c.name}: warm-up got ${w.non2xx} non-2xx responses and ${w.errors} errors`);
  }
  const base: Result[] = [];
  const meas: Result[] = [];
  for (let i = 0; i < o.rounds; i++) {
    for (const [c, into] of [[baseline, base], [measured, meas]] as const) {
      const r = await once(c, o.connections, o.duration);
      into.push(r);
      log(`  round ${i + 1} ${c.name.padEnd(14)} ${Math.round(r.requests.total / r.duration)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms`);
    }
  }
  return { baseline: combine(base), measured: combine(meas) };
}
