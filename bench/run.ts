// npm run bench -- --list | NAME [--engine sqlite|postgres] [--quick] [--inproc] [--cpu-prof]
// Runs one benchmark and prints its result as one line of JSON, last (see /work/shared/BENCH.md).
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/db/engine.ts';
import { sessionRead } from './session-read.ts';
import { paperPdf } from './paper-pdf.ts';
import { surveySubmit } from './survey-submit.ts';
import { surveyResults } from './survey-results.ts';
import { surveyPageWeight } from './survey-page-weight.ts';
import { registerList } from './register-list.ts';
import { feedbackSubmit } from './feedback-submit.ts';

export interface BenchOptions {
  quick: boolean;
  /** Server in this process instead of a child (for comparison only). */
  inproc: boolean;
  serverExecArgv: string[];
}

export interface BenchResult {
  bench: string;
  engine: Engine;
  metrics: { rps: number; p50_ms: number; p99_ms: number } & Record<string, unknown>;
  baseline: { name: string; rps: number } & Record<string, unknown>;
  ratio: number;
  targets: { ratio_min?: number; p99_ms_max?: number } & Record<string, number>;
  /** For benchmarks with other targets than ratio_min / p99_ms_max: whether they were met, and the line to print. */
  met?: boolean;
  summary?: string;
}

const BENCHMARKS: Record<string, (engine: Engine, o: BenchOptions) => Promise<BenchResult>> = {
  'session-read': sessionRead,
  'paper-pdf': paperPdf,
  'survey-submit': surveySubmit,
  'survey-results': surveyResults,
  'survey-page-weight': surveyPageWeight,
  'register-list': registerList,
  'feedback-submit': feedbackSubmit,
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    list: { type: 'boolean' }, quick: { type: 'boolean' }, inproc: { type: 'boolean' },
    engine: { type: 'string', default: 'sqlite' }, 'cpu-prof': { type: 'boolean' },
  },
});

if (values.list) {
  for (const name of Object.keys(BENCHMARKS)) console.log(name);
  process.exit(0);
}
const name = positionals[0];
const bench = name ? BENCHMARKS[name] : undefined;
const engine = values.engine as Engine;
if (!bench || (engine !== 'sqlite' && engine !== 'postgres')) {
  console.error(`usage: npm run bench -- --list | NAME [--engine sqlite|postgres] [--quick] [--inproc] [--cpu-prof]\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const profDir = path.resolve('bench/results/prof');
const result = await bench(engine, {
  quick: !!values.quick,
  inproc: !!values.inproc,
  serverExecArgv: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
});
if (values['cpu-prof']) console.error(`server CPU profile written under ${profDir}`);
const met = result.met ?? ((result.targets.ratio_min === undefined || result.ratio >= result.targets.ratio_min)
  && (result.targets.p99_ms_max === undefined || result.metrics.p99_ms <= result.targets.p99_ms_max));
console.error(result.summary ?? `${result.bench} [${engine}]: ${result.metrics.rps} req/s vs ${result.baseline.name} ${result.baseline.rps} req/s = ${result.ratio}; p99 ${result.metrics.p99_ms} ms — targets ${met ? 'met' : 'MISSED'}`);
console.log(JSON.stringify({ ...result, mode: values.inproc ? 'inproc' : 'child', machine: { cpus: os.cpus().length, node: process.version } }));
