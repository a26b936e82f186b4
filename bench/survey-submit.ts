// survey-submit: durable, validated online submissions of the citizen's form — POST /s/<slug> with the JSON
// body of the offline queue ({answers: the 10 required answers and a comment, clientKey}) over every unit of
// the demo's open 2026 campaign, at 50 connections — against hello-post: the same bodies POSTed to a route
// of the bench server only (lib/bench-routes.ts) that parses them and answers {ok:true}. Every request has
// its own clientKey (nothing is deduplicated away) and its own X-Forwarded-For address (the server trusts
// the proxy header, so each request looks like another phone to the per-address limit). At the end, the
// 201 answers the client received must equal the rows the run added to responses (and to answers and
// result_totals): nothing acknowledged is lost, nothing unacknowledged is kept.
import { randomBytes } from 'node:crypto';
import type { RawRequest } from 'autocannon';
import { sql, type RawBuilder } from 'kysely';
import { openDatabase, type Engine } from '../src/db/engine.ts';
import { prepareDatabase } from './lib/database.ts';
import { startServer } from './lib/server.ts';
import { interleaved, type Case } from './lib/load.ts';
import type { BenchOptions, BenchResult } from './run.ts';

export const TARGETS = { ratio_min_sqlite: 0.3, ratio_min_postgres: 0.1, p99_ms_max: 30 };
const CRITERIA = Array.from({ length: 9 }, (_, i) => `tieu_chi_${i + 1}`);
const LEVELS = ['4', '3', '3', '4', '2', '3', '1', '4', '9', '3'];
const COMMENTS = [
  'Cán bộ tiếp dân nhiệt tình.',
  'Đề nghị tăng cường tuần tra ban đêm.',
  'Thủ tục cư trú còn chậm.',
  'An ninh trật tự ổn định.',
];

/** Request n: its unit (spread over every slug), its answers, its clientKey and its address. */
function requestMaker(run: string, slugs: string[], path: (slug: string) => string) {
  let n = 0;
  return (req: RawRequest): RawRequest => {
    const i = n++;
    const slug = slugs[(i * 7919) % slugs.length]!;
    const answers: Record<string, string> = { da_lam_viec: 'co' };
    CRITERIA.forEach((c, k) => { answers[c] = LEVELS[(i + k * 3) % LEVELS.length]!; });
    answers.gop_y = COMMENTS[i % COMMENTS.length]!;
    req.path = path(slug);
    req.body = JSON.stringify({ answers, clientKey: `${run}-${i}` });
    // 10.0.0.0/8: up to 16.7 million distinct addresses before one repeats.
    req.headers = { ...req.headers, 'x-forwarded-for': `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}` };
    return req;
  };
}

async function tally(url: string, campaignId: number) {
  const database = openDatabase(url);
  try {
    const q = database.db;
    const one = async (query: RawBuilder<{ n: number | string }>) => Number((await query.execute(q)).rows[0]!.n);
    return {
      responses: await one(sql`select count(*) as n from responses where campaign_id = ${campaignId}`),
      answers: await one(sql`select count(*) as n from answers a join responses r on r.id = a.response_id where r.campaign_id = ${campaignId}`),
      totals: await one(sql`select coalesce(sum(n), 0) as n from result_totals where campaign_id = ${campaignId}`),
      synchronous: database.sqlite ? String(database.sqlite.pragma('synchronous', { simple: true })) : null,
    };
  } finally {
    await database.close();
  }
}

export async function surveySubmit(engine: Engine, o: BenchOptions): Promise<BenchResult> {
  const data = await prepareDatabase(engine);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const database = openDatabase(data.url);
    let campaignId: number;
    let slugs: string[];
    try {
      const open = await database.db.selectFrom('campaigns').select('id').where('state', '=', 'open').where('period', '=', '2026-Q4').executeTakeFirstOrThrow();
      campaignId = open.id;
      slugs = (await database.db.selectFrom('campaign_units').select('slug').where('campaign_id', '=', campaignId).orderBy('id').execute()).map((r) => r.slug);
    } finally {
      await database.close();
    }
    const before = await tally(data.url, campaignId);
    server = await startServer(data.url, { inproc: o.inproc, execArgv: o.serverExecArgv, trustProxy: true });
    const base = server.base;

    // A probe: the body is valid and stored (201), and a retry of it is acknowledged without a second row (200).
    const probeBody = { answers: { da_lam_viec: 'co', ...Object.fromEntries(CRITERIA.map((c) => [c, '3'])), gop_y: 'Thử.' }, clientKey: `probe-${randomBytes(4).toString('hex')}` };
    for (const expected of [201, 200]) {
      const res = await fetch(`${base}/s/${slugs[0]}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' }, body: JSON.stringify(probeBody) });
      if (res.status !== expected) throw new Error(`probe POST /s/${slugs[0]}: ${res.status} (expected ${expected}) ${await res.text()}`);
    }
    const afterProbe = await tally(data.url, campaignId);
    if (afterProbe.responses !== before.responses + 1) throw new Error('the probe did not store exactly one response');

    const run = randomBytes(4).toString('hex');
    const seen = { created: 0, other: 0, hello: 0 };
    const json = { 'content-type': 'application/json' };
    const hello: Case = {
      name: 'hello-post', url: `${base}/bench/hello`, method: 'POST', headers: json,
      setupRequest: requestMaker(`${run}-h`, slugs, () => '/bench/hello'),
      onResponse: (status) => { if (status === 200) seen.hello++; },
    };
    const submit: Case = {
      name: 'survey-submit', url: `${base}/s/${slugs[0]}`, method: 'POST', headers: json,
      setupRequest: requestMaker(run, slugs, (slug) => `/s/${slug}`),
      onResponse: (status) => { if (status === 201) seen.created++; else seen.other++; },
    };
    const { baseline, measured } = await interleaved(hello, submit, {
      connections: 50, duration: o.quick ? 3 : 5, rounds: o.quick ? 1 : 4, warmup: o.quick ? 1 : 2, byAmount: true,
    });
    for (const f of [baseline, measured]) if (f.non2xx || f.errors) throw new Error(`non-2xx ${f.non2xx}, errors ${f.errors} (${JSON.stringify(f.statuses)}): the run is invalid`);

    const after = await tally(data.url, campaignId);
    const rows = after.responses - afterProbe.responses;
    const answerRows = after.answers - afterProbe.answers;
    const totalsDelta = after.totals - afterProbe.totals;
    // Each body carries 11 answers (da_lam_viec, 9 criteria, the comment).
    const consistent = rows === seen.created && answerRows === 11 * seen.created && totalsDelta === seen.created && seen.other === 0;
    console.error(`  acknowledged (201): ${seen.created}, other answers: ${seen.other}; new rows: responses ${rows}, answers ${answerRows} (= 11 × ${answerRows / 11}), result_totals +${totalsDelta} — ${consistent ? 'consistent' : 'INCONSISTENT'}`);
    if (!consistent) throw new Error('acknowledged submissions and stored rows differ: the run is invalid');

    const ratio = Math.round((measured.rps / baseline.rps) * 1000) / 1000;
    const ratioMin = engine === 'sqlite' ? TARGETS.ratio_min_sqlite : TARGETS.ratio_min_postgres;
    const targets: BenchResult['targets'] = engine === 'sqlite' ? { ratio_min: ratioMin, p99_ms_max: TARGETS.p99_ms_max } : { ratio_min: ratioMin };
    return {
      bench: 'survey-submit', engine,
      metrics: {
        rps: measured.rps, p50_ms: measured.p50_ms, p99_ms: measured.p99_ms, rounds_rps: measured.rounds_rps,
        acknowledged_201: seen.created, new_responses: rows, new_answers: answerRows, units: slugs.length,
        ...(after.synchronous !== null ? { sqlite_synchronous: after.synchronous } : {}),
      },
      baseline: { name: 'hello-post', rps: baseline.rps, p50_ms: baseline.p50_ms, p99_ms: baseline.p99_ms, rounds_rps: baseline.rounds_rps },
      ratio,
      targets,
    };
  } finally {
    await server?.stop();
    await data.drop();
  }
}
