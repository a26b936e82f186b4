// survey-page-weight: the bytes a phone downloads to open the citizen's form the first time — /s/<slug> of the
// demo's open campaign in Debian's Chromium (playwright-core), each load in a fresh context (cold cache, no
// cookies). Every response is taken from the DevTools protocol: Network.loadingFinished's encodedDataLength
// (bytes on the wire: headers and the compressed body), split into headers and body with
// request.sizes(). The total counts the HTML, CSS and JS (document, stylesheet, script); anything else the
// browser asks for by itself (favicon.ico) is listed apart. Baseline: the same measure for GET /api/hello.
// `ratio` is bytes ÷ the 20 KB target (≤ 1 meets it); p50/p99 are the times to the load event (ms) of the
// repeated cold loads (loopback: no network latency), rps the loads per second they make.
import { chromium, type Browser } from 'playwright-core';
import type { Engine } from '../src/db/engine.ts';
import { openDatabase } from '../src/db/engine.ts';
import { prepareDatabase } from './lib/database.ts';
import { startServer } from './lib/server.ts';
import type { BenchOptions, BenchResult } from './run.ts';

export const TARGETS = { bytes_max: 20 * 1024 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const COUNTED = new Set(['Document', 'Stylesheet', 'Script']);

interface Resource {
  url: string;
  type: string;
  status: number;
  encoding: string;
  /** Bytes on the wire (CDP encodedDataLength): headers + compressed body. */
  transferred: number;
  headers: number;
  body: number;
  /** Body size once decoded. */
  decoded: number;
}

async function load(browser: Browser, url: string): Promise<{ resources: Resource[]; ms: number }> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 375, height: 740 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const byId = new Map<string, { url: string; type: string; status: number; encoding: string; transferred?: number; decoded: number }>();
    cdp.on('Network.responseReceived', (e) => {
      byId.set(e.requestId, { url: e.response.url, type: e.type ?? 'Other', status: e.response.status, encoding: String(e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? ''), decoded: 0 });
    });
    cdp.on('Network.dataReceived', (e) => { const r = byId.get(e.requestId); if (r) r.decoded += e.dataLength; });
    cdp.on('Network.loadingFinished', (e) => { const r = byId.get(e.requestId); if (r) r.transferred = e.encodedDataLength; });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const sizes = new Map<string, { headers: number; body: number }>();
    page.on('requestfinished', (req) => {
      void req.sizes().then((s) => sizes.set(req.url(), { headers: s.responseHeadersSize, body: s.responseBodySize })).catch(() => undefined);
    });
    const t0 = performance.now();
    const res = await page.goto(url, { waitUntil: 'load' });
    const ms = performance.now() - t0;
    if (!res || res.status() !== 200) throw new Error(`GET ${url}: ${res?.status()}`);
    // Whatever the page or the browser fetches after 'load' (favicon) is listed too.
    await page.waitForLoadState('networkidle');
    const resources = [...byId.values()].map((r) => {
      const s = sizes.get(r.url);
      return { url: r.url, type: r.type, status: r.status, encoding: r.encoding, transferred: r.transferred ?? 0, headers: s?.headers ?? 0, body: s?.body ?? 0, decoded: r.decoded };
    });
    return { resources, ms };
  } finally {
    await context.close();
  }
}

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

export async function surveyPageWeight(engine: Engine, o: BenchOptions): Promise<BenchResult> {
  const data = await prepareDatabase(engine);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;
  try {
    const database = openDatabase(data.url);
    let slug: string;
    try {
      slug = (await database.db.selectFrom('campaign_units as cu').innerJoin('campaigns as c', 'c.id', 'cu.campaign_id')
        .select('cu.slug').where('c.state', '=', 'open').orderBy('cu.id').executeTakeFirstOrThrow()).slug;
    } finally {
      await database.close();
    }
    server = await startServer(data.url, { inproc: o.inproc, execArgv: o.serverExecArgv });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const loads = o.quick ? 2 : 5;
    const form: { resources: Resource[]; ms: number }[] = [];
    for (let i = 0; i < loads; i++) form.push(await load(browser, `${server.base}/s/${slug}`));
    const hello = await load(browser, `${server.base}/api/hello`);

    const first = form[0]!.resources;
    const counted = first.filter((r) => COUNTED.has(r.type));
    const total = counted.reduce((a, r) => a + r.transferred, 0);
    // Every cold load must weigh the same (the page differs only by its clientKey).
    const totals = form.map((f) => f.resources.filter((r) => COUNTED.has(r.type)).reduce((a, r) => a + r.transferred, 0));
    for (const r of first) {
      console.error(`  ${(COUNTED.has(r.type) ? '' : '(not counted) ').padEnd(15)}${r.type.padEnd(11)} ${String(r.status)} ${new URL(r.url).pathname.padEnd(22)} ${String(r.transferred).padStart(6)} B on the wire = ${r.headers} B headers + ${r.body} B body${r.encoding ? ` (${r.encoding}, ${r.decoded} B decoded)` : ' (not compressed)'}`);
    }
    const helloBytes = hello.resources.filter((r) => COUNTED.has(r.type)).reduce((a, r) => a + r.transferred, 0);
    const ms = form.map((f) => f.ms).sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    const met = Math.max(...totals) <= TARGETS.bytes_max;
    const ratio = Math.round((total / TARGETS.bytes_max) * 1000) / 1000;
    const breakdown = Object.fromEntries(counted.map((r) => [r.type.toLowerCase(), { path: new URL(r.url).pathname, transferred: r.transferred, headers: r.headers, body: r.body, decoded: r.decoded, encoding: r.encoding || null }]));
    return {
      bench: 'survey-page-weight', engine,
      metrics: {
        rps: round(1000 / (ms.reduce((a, b) => a + b, 0) / ms.length)), p50_ms: round(ms[Math.floor((ms.length - 1) / 2)]!), p99_ms: round(ms.at(-1)!),
        bytes: total, bytes_per_load: totals, body_bytes: counted.reduce((a, r) => a + r.body, 0), header_bytes: counted.reduce((a, r) => a + r.headers, 0),
        decoded_bytes: counted.reduce((a, r) => a + r.decoded, 0), requests: counted.length, breakdown,
        not_counted: first.filter((r) => !COUNTED.has(r.type)).map((r) => ({ path: new URL(r.url).pathname, type: r.type, status: r.status, transferred: r.transferred })),
      },
      baseline: { name: 'hello-get', rps: 0, bytes: helloBytes },
      ratio,
      targets: TARGETS,
      met,
      summary: `survey-page-weight [${engine}]: ${total} B (${kb(total)}) on the wire for the form's first load (${counted.map((r) => `${r.type.toLowerCase()} ${r.transferred}`).join(' + ')}); hello ${helloBytes} B; ${ratio} of the 20 KB target — ${met ? 'met' : 'MISSED'}`,
    };
  } finally {
    await browser?.close();
    await server?.stop();
    await data.drop();
  }
}
