// paper-pdf: 1,000 printed copies of the default questionnaire (each with its own sheet ID and QR code) streamed
// into one PDF file in a temporary folder, against 1 copy rendered in the same run. No database: `engine` is
// only echoed. Targets: the 1,000 sheets within 60 s and 500 MB of resident memory (peak).
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defaultQuestionnaire } from '../src/core/surveys/template.ts';
import type { Engine } from '../src/db/engine.ts';
import { fontMeasure } from '../src/documents/paper-form/fonts.ts';
import { layoutPaperForm } from '../src/documents/paper-form/layout.ts';
import { renderPaperForms, type PrintedSheet } from '../src/documents/paper-form/render.ts';
import { newSheetId } from '../src/documents/paper-form/sheet-id.ts';
import type { BenchOptions, BenchResult } from './run.ts';

export const TARGETS = { wall_s_max: 60, peak_rss_mb_max: 500 };
const UNITS = ['Công an xã Thiệu Hóa', 'Công an xã Thiệu Trung', 'Công an xã Định Hòa', 'Công an phường Hạc Thành', 'Công an xã Đông Sơn'];

/** A fixed-seed byte source (mulberry32), so every run prints the same sheet IDs. */
function seeded(seed: number): (b: Uint8Array) => Uint8Array {
  let a = seed >>> 0;
  return (b) => {
    for (let i = 0; i < b.length; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      b[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
    return b;
  };
}

function sheetsOf(n: number, random: (b: Uint8Array) => Uint8Array): PrintedSheet[] {
  const ids = new Set<string>();
  while (ids.size < n) ids.add(newSheetId(random));
  return [...ids].map((sheetId, i) => ({ sheetId, unitName: UNITS[i % UNITS.length]!, campaignName: 'Khảo sát sự hài lòng của Nhân dân năm 2026' }));
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function paperPdf(engine: Engine, o: BenchOptions): Promise<BenchResult> {
  const n = o.quick ? 100 : 1000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paper-pdf-'));
  const random = seeded(20261126);
  const q = defaultQuestionnaire();
  const t0 = performance.now();
  const layout = layoutPaperForm(q, fontMeasure());
  const layoutMs = performance.now() - t0;

  /** Streams `sheets` to a file; returns the wall time and the gaps between chunks (one chunk ≈ one sheet). */
  const render = async (sheets: PrintedSheet[], file: string) => {
    const gaps: number[] = [];
    let last = performance.now();
    const start = last;
    const meter = new Writable({
      write(chunk: Buffer, _enc, done) {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
        if (out.write(chunk)) done();
        else out.once('drain', done);
      },
      final(done) { out.end(done); },
    });
    const out = createWriteStream(file);
    await pipeline(renderPaperForms(q, layout, sheets), meter);
    return { ms: performance.now() - start, gaps, bytes: statSync(file).size };
  };

  try {
    await render(sheetsOf(1, random), path.join(dir, 'warmup.pdf'));
    // Baseline: one sheet, the median of 5 (a whole document each: header, fonts, trailer).
    const singles: number[] = [];
    for (let i = 0; i < 5; i++) singles.push((await render(sheetsOf(1, random), path.join(dir, `one-${i}.pdf`))).ms);
    singles.sort((a, b) => a - b);
    const oneMs = singles[2]!;

    const sheets = sheetsOf(n, random);
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
    const run = await render(sheets, path.join(dir, 'batch.pdf'));
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const maxRss = process.resourceUsage().maxRSS * 1024;

    const perSheet = run.gaps.slice(1).sort((a, b) => a - b);
    const pct = (p: number) => Math.round((perSheet[Math.min(perSheet.length - 1, Math.floor(p * perSheet.length))] ?? 0) * 100) / 100;
    const msPerSheet = run.ms / n;
    const wallS = Math.round(run.ms / 10) / 100;
    const peakMb = mb(Math.max(peakRss, maxRss));
    const met = (n < 1000 || wallS <= TARGETS.wall_s_max) && peakMb <= TARGETS.peak_rss_mb_max;
    const ratio = Math.round((msPerSheet / oneMs) * 1000) / 1000;
    return {
      bench: 'paper-pdf', engine,
      metrics: {
        rps: Math.round((n / run.ms) * 1000 * 10) / 10, p50_ms: pct(0.5), p99_ms: pct(0.99),
        sheets: n, pages: n * layout.pagesPerSheet, wall_s: wallS, ms_per_sheet: Math.round(msPerSheet * 100) / 100,
        pdf_mb: mb(run.bytes), kb_per_sheet: Math.round(run.bytes / n / 102.4) / 10,
        rss_before_mb: mb(rssBefore), peak_rss_mb_sampled: mb(peakRss), max_rss_mb: mb(maxRss), layout_ms: Math.round(layoutMs),
      },
      baseline: { name: 'one-sheet', rps: Math.round((1000 / oneMs) * 10) / 10, ms_per_sheet: Math.round(oneMs * 100) / 100 },
      ratio,
      targets: TARGETS,
      met,
      summary: `paper-pdf: ${n} sheets (${n * layout.pagesPerSheet} pages, ${mb(run.bytes)} MB) in ${wallS} s = ${Math.round(msPerSheet * 100) / 100} ms/sheet`
        + ` vs 1 sheet ${Math.round(oneMs * 100) / 100} ms (ratio ${ratio}); RSS ${mb(rssBefore)} MB before, peak ${mb(peakRss)} MB sampled, maxRSS ${mb(maxRss)} MB`
        + ` — targets (≤ ${TARGETS.wall_s_max} s${n < 1000 ? ' at 1,000 sheets, not checked with --quick' : ''}, ≤ ${TARGETS.peak_rss_mb_max} MB) ${met ? 'met' : 'MISSED'}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
