// HTTP load with autocannon: bounded in time, a warm-up, and the baseline interleaved with the
// measured case (baseline, case, baseline, case, ...) so drift on a shared machine hits both alike.
import autocannon, { type Result, type RawRequest } from 'autocannon';

export interface Case {
  name: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Rewrites each request before it is sent (a distinct body or header per request). */
  setupRequest?: (req: RawRequest) => RawRequest;
  /** Sees every response the client received (status and body). */
  onResponse?: (status: number, body: string) => void;
}

export interface LoadOptions {
  connections: number;
  /** Seconds per measured round. */
  duration: number;
  rounds: number;
  /** Seconds of warm-up per case, discarded. */
  warmup: number;
  /**
   * Rounds bounded by a number of requests (the case's warm-up rate × duration) instead of a timer, so that
   * every request sent gets its answer before the round ends: with a timer, autocannon drops the connections
   * with requests in flight, which the server may still complete unseen. A guard stops a round that takes
   * more than 4 × duration + 10 s (reported in `stopped_early`).
   */
  byAmount?: boolean;
  /** Keep every response time, for exact percentiles (p95) pooled over the measured rounds. */
  keepLatencies?: boolean;
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
  /** Responses per status code over the measured rounds. */
  statuses: Record<string, number>;
  /** Rounds cut by the time guard (byAmount only). */
  stopped_early: number;
  /** With keepLatencies: exact percentiles over every response of the measured rounds. */
  pooled?: { p50_ms: number; p95_ms: number; p99_ms: number; max_ms: number; samples: number };
}

export interface Run {
  result: Result;
  /** Responses received and the seconds from the start to the last of them (see once()). */
  responses: number;
  seconds: number;
  stoppedEarly: boolean;
  latencies?: number[];
}

/** One round of a case: for `duration` seconds, or until `amount` responses (then timed by our clock, see below). */
export async function once(c: Case, connections: number, duration: number, amount?: number, keepLatencies = false): Promise<Run> {
  const requests = c.setupRequest || c.onResponse
    ? [{ setupRequest: c.setupRequest, onResponse: c.onResponse ? (status: number, body: string) => c.onResponse!(status, body) : undefined }]
    : undefined;
  const instance = autocannon({
    url: c.url, method: c.method ?? 'GET', headers: c.headers, body: c.body, requests,
    connections, timeout: 10, ...(amount ? { amount } : { duration }),
  });
  // autocannon notices that `amount` is reached only at its next one-second sample tick, so its own
  // `duration` of a round bounded by amount is rounded up to whole seconds (a round of 4.1 s counts as 5 s).
  // The rate is taken from our clock instead: responses over the time from the start to the last response.
  const latencies: number[] = [];
  const start = performance.now();
  let last = start;
  let responses = 0;
  instance.on('response', (_client, _status, _bytes, ms) => {
    responses++;
    last = performance.now();
    if (keepLatencies) latencies.push(ms);
  });
  let stoppedEarly = false;
  const guard = amount ? setTimeout(() => { stoppedEarly = true; instance.stop(); }, (duration * 4 + 10) * 1000) : undefined;
  try {
    const result = await instance;
    const seconds = amount ? Math.max(0.001, (last - start) / 1000) : result.duration;
    return { result, responses: amount ? responses : result.requests.total, seconds, stoppedEarly, latencies: keepLatencies ? latencies : undefined };
  } finally {
    clearTimeout(guard);
  }
}

function statusesOf(r: Result): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) out[code] = Number(s.count);
  return out;
}

/** Combines rounds: throughput over the total time, p50 the mean of rounds, p99 the worst round. */
function combine(runs: Run[]): Figures {
  const results = runs.map((r) => r.result);
  const requests = runs.reduce((s, r) => s + r.responses, 0);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const round = (x: number) => Math.round(x * 100) / 100;
  const statuses: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(statusesOf(r))) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    rps: Math.round(requests / seconds),
    p50_ms: round(results.reduce((s, r) => s + r.latency.p50, 0) / results.length),
    p99_ms: round(Math.max(...results.map((r) => r.latency.p99))),
    requests,
    errors: results.reduce((s, r) => s + r.errors + r.timeouts, 0),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    rounds_rps: runs.map((r) => Math.round(r.responses / r.seconds)),
    statuses,
    stopped_early: runs.filter((r) => r.stoppedEarly).length,
    ...(runs.every((r) => r.latencies) ? { pooled: pooled(runs.flatMap((r) => r.latencies!)) } : {}),
  };
}

/** Nearest-rank percentiles of a list of response times. */
function pooled(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50_ms: round(at(50)), p95_ms: round(at(95)), p99_ms: round(at(99)), max_ms: round(s.at(-1) ?? 0), samples: s.length };
}

/** Warms both cases up, then alternates baseline and case for `rounds` rounds each. */
export async function interleaved(baseline: Case, measured: Case, o: LoadOptions, log = (s: string) => console.error(s)) {
  const amounts = new Map<Case, number>();
  for (const c of [baseline, measured]) {
    if (!o.byAmount) {
      const { result: w } = await once(c, o.connections, o.warmup);
      if (w.non2xx || w.errors) throw new Error(`${c.name}: warm-up got ${w.non2xx} non-2xx responses and ${w.errors} errors`);
      continue;
    }
    // By amount: warm-up chunks (20 requests per connection, then doubling, at least a second of load) until the
    // warm-up time is spent; the last chunk's rate sizes the first round.
    const start = performance.now();
    let rate = 0;
    let chunk = o.connections * 20;
    do {
      const w = await once(c, o.connections, o.warmup, chunk);
      if (w.result.non2xx || w.result.errors) throw new Error(`${c.name}: warm-up got ${w.result.non2xx} non-2xx responses and ${w.result.errors} errors`);
      rate = w.responses / w.seconds;
      chunk = Math.max(chunk * 2, Math.round(rate));
    } while (performance.now() - start < o.warmup * 1000);
    amounts.set(c, Math.max(o.connections * 10, Math.round(rate * o.duration)));
  }
  const base: Run[] = [];
  const meas: Run[] = [];
  for (let i = 0; i < o.rounds; i++) {
    for (const [c, into] of [[baseline, base], [measured, meas]] as const) {
      const run = await once(c, o.connections, o.duration, amounts.get(c), o.keepLatencies);
      const r = run.result;
      into.push(run);
      const rate = run.responses / run.seconds;
      // The next round of this case is sized by this one's rate, so rounds last about `duration`.
      if (amounts.has(c)) amounts.set(c, Math.max(o.connections * 10, Math.round(rate * o.duration)));
      log(`  round ${i + 1} ${c.name.padEnd(14)} ${Math.round(rate)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms${amounts.has(c) ? `  (${run.responses} responses in ${run.seconds.toFixed(2)} s)` : ''}${run.stoppedEarly ? '  STOPPED BY THE TIME GUARD' : ''}`);
    }
  }
  return { baseline: combine(base), measured: combine(meas) };
}
