// survey-results: the live results page's API, GET /api/campaigns/:id/results, read by the province leader
// (lanhdao.tinh) for a campaign of 200,000 responses over 500 communes — against GET /api/hello of the same
// server in the same run, at 8 connections. The data is made here from a fixed seed: 500 commune units under
// the demo province (the product's unit command, applyUnitBatch), a campaign over exactly those 500
// (createCampaign, opened with transitionCampaign; the demo's 2025 campaign as its previous one), then the
// responses through the product's storeResponses in transactions of 5,000, and one SQL aggregate checks that
// the roll-up (result_counts) equals the raw answers before anything is measured.
import { sql } from 'kysely';
import { openDatabase, type Engine } from '../src/db/engine.ts';
import { AccessCache } from '../src/db/access.ts';
import { SYSTEM_CONTEXT } from '../src/db/repos/audit.ts';
import { inTx } from '../src/db/tx.ts';
import { applyUnitBatch } from '../src/commands/units/write.ts';
import { createCampaign, transitionCampaign } from '../src/commands/surveys/campaigns.ts';
import { countedQuestions, definitionOf, storeResponses, type StoredResponse } from '../src/commands/surveys/submit.ts';
import { questionsOf, type Questionnaire } from '../src/core/surveys/questionnaire.ts';
import type { Answers } from '../src/core/surveys/answers.ts';
import { DEMO } from '../src/seed/demo.ts';
import { DEMO_PASSWORD } from '../src/seed/personas.ts';
import { prng } from '../src/seed/surveys.ts';
import { prepareDatabase } from './lib/database.ts';
import { startServer } from './lib/server.ts';
import { interleaved } from './lib/load.ts';
import type { BenchOptions, BenchResult } from './run.ts';

export const TARGETS = { p95_ms_max: 200 };
const PERSONA = 'lanhdao.tinh';
const UNITS = 500;
const SEED = 20261126;
const TX_SIZE = 5000;
const BATCH = 1000;

const COMMENTS = ['Cán bộ tiếp dân nhiệt tình.', 'Đề nghị tăng cường tuần tra ban đêm.', 'Thủ tục cư trú còn chậm.', 'An ninh trật tự ổn định.'];
const pick = <T>(rnd: () => number, xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

/** One citizen's answers: every criterion on the 4-level scale (or no opinion), a comment now and then, demographics mostly. */
function answersFor(form: Questionnaire, rnd: () => number, quality: number): Answers {
  const a: Answers = { da_lam_viec: rnd() < 0.55 ? 'co' : 'khong' };
  for (const q of questionsOf(form)) {
    if (q.type !== 'rating' || (q.relevant && a.da_lam_viec !== 'co')) continue;
    const r = rnd();
    a[q.id] = r < 0.04 ? '9' : r < 0.04 + 0.5 * quality ? '4' : r < 0.93 ? '3' : r < 0.975 ? '2' : '1';
  }
  if (rnd() < 0.25) a.gop_y = pick(rnd, COMMENTS);
  if (rnd() < 0.8) a.do_tuoi = pick(rnd, ['duoi_30', '30_45', '46_60', 'tren_60']);
  if (rnd() < 0.8) a.gioi_tinh = pick(rnd, ['nam', 'nu']);
  if (rnd() < 0.8) a.nghe_nghiep = pick(rnd, ['nong_dan', 'cong_nhan', 'can_bo', 'kinh_doanh', 'hoc_sinh', 'huu_tri', 'khac']);
  return a;
}

interface Generated {
  campaignId: number;
  responses: number;
  answers: number;
  seconds: { units: number; campaign: number; responses: number; check: number; total: number };
}

/** Builds the synthetic province's campaign in the database at url (see the header). */
async function generate(url: string, responses: number, log: (s: string) => void): Promise<Generated> {
  const database = openDatabase(url);
  const ctx = { database, access: new AccessCache(database), audit: SYSTEM_CONTEXT };
  const t0 = performance.now();
  const lap = (() => { let t = t0; return () => { const now = performance.now(); const s = (now - t) / 1000; t = now; return Math.round(s * 10) / 10; }; })();
  try {
    const codes = Array.from({ length: UNITS }, (_, i) => `BENCH-X-${String(i + 1).padStart(3, '0')}`);
    await applyUnitBatch(ctx, codes.map((code, i) => ({
      line: i + 2,
      spec: { code, name: `Công an xã Thử Nghiệm ${i + 1}`, shortName: null, level: 'commune', parentCode: DEMO.province, validFrom: '2025-07-01', validTo: null, place: null },
    })), 'csv');
    const units = lap();

    const v = await database.db.selectFrom('questionnaire_versions').select(['id', 'definition']).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const form = definitionOf(v.id, v.definition);
    const previous = await database.db.selectFrom('campaigns').select('id').where('period', '=', '2025-Q4').executeTakeFirstOrThrow();
    const ids = (await database.db.selectFrom('units').select('id').where('code', 'in', codes).orderBy('code').execute()).map((r) => r.id);
    const graph = await ctx.access.unitGraph();
    const { id: campaignId } = await createCampaign(ctx, {
      unitId: graph.idOf(DEMO.province)!, name: 'Lấy ý kiến — tỉnh thử nghiệm 500 xã', period: '2026-BENCH', questionnaireVersionId: v.id,
      opensOn: '2026-10-01', closesOn: '2026-12-31', mode: 'open', channels: ['web', 'paper'], marginPermille: 50, minCell: 10,
      previousCampaignId: previous.id, participants: ids.map((unitId) => ({ unitId, population: 3000, target: 400 })),
    });
    await transitionCampaign(ctx, campaignId, 'open', null);
    const campaign = lap();

    // Units get unequal shares (0.5×–1.5× the mean), each its own quality; 3% of paper responses are invalid.
    const rnd = prng(SEED);
    const weights = ids.map(() => 0.5 + rnd());
    const sum = weights.reduce((a, b) => a + b, 0);
    const perUnit = weights.map((w) => Math.floor((w / sum) * responses));
    perUnit[0]! += responses - perUnit.reduce((a, b) => a + b, 0);
    const quality = ids.map(() => 0.6 + 0.35 * rnd());
    const plan: number[] = perUnit.flatMap((n, u) => Array<number>(n).fill(u));
    let written = 0;
    let answerRows = 0;
    while (written < plan.length) {
      const end = Math.min(plan.length, written + TX_SIZE);
      await inTx(database, async (trx, engine) => {
        for (let i = written; i < end; i += BATCH) {
          const items: StoredResponse[] = [];
          for (let j = i; j < Math.min(end, i + BATCH); j++) {
            const u = plan[j]!;
            const channel = rnd() < 0.6 ? 'paper' : 'web';
            const invalid = channel === 'paper' && rnd() < 0.03;
            const answers = invalid ? {} : answersFor(form, rnd, quality[u]!);
            answerRows += Object.keys(answers).length;
            items.push({ campaignId, unitId: ids[u]!, channel, status: invalid ? 'invalid' : 'valid', sheetId: null, clientKey: null, answers, counted: countedQuestions(form) });
          }
          await storeResponses(trx, engine, items);
        }
      });
      written = end;
      if (written % 50_000 === 0 || written === plan.length) log(`  ${written.toLocaleString('en')} responses written (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
    const responsesS = lap();

    // The roll-up must be what the raw answers say: rows of result_counts that differ from a GROUP BY of
    // the valid responses' counted answers (ratings and single choices), in either direction.
    const counted = questionsOf(form).filter((q) => q.type === 'rating' || q.type === 'single' || q.type === 'multiple').map((q) => q.id);
    const { rows } = await sql<{ n: number | string }>`
      with raw as (
        select r.unit_id, a.question_id, a.value, count(*) as n from answers a join responses r on r.id = a.response_id
        where r.campaign_id = ${campaignId} and r.status = 'valid' and a.question_id in (${sql.join(counted)})
        group by r.unit_id, a.question_id, a.value
      ), rc as (select unit_id, question_id, value, n from result_counts where campaign_id = ${campaignId})
      select count(*) as n from (
        select raw.unit_id from raw left join rc on rc.unit_id = raw.unit_id and rc.question_id = raw.question_id and rc.value = raw.value where rc.n is null or rc.n <> raw.n
        union all
        select rc.unit_id from rc left join raw on rc.unit_id = raw.unit_id and rc.question_id = raw.question_id and rc.value = raw.value where raw.n is null
      ) d`.execute(database.db);
    const mismatched = Number(rows[0]!.n);
    const totals = await sql<{ n: number | string }>`select coalesce(sum(n), 0) as n from result_totals where campaign_id = ${campaignId}`.execute(database.db);
    if (mismatched || Number(totals.rows[0]!.n) !== responses) throw new Error(`roll-up inconsistent: ${mismatched} result_counts rows differ from the answers; result_totals ${totals.rows[0]!.n} ≠ ${responses}`);
    const check = lap();
    if (database.sqlite) database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    else await sql`analyze`.execute(database.db);
    const total = Math.round((performance.now() - t0) / 100) / 10;
    log(`  generated ${UNITS} units, 1 campaign, ${responses.toLocaleString('en')} responses (${answerRows.toLocaleString('en')} answers) in ${total} s — units ${units} s, campaign ${campaign} s, responses ${responsesS} s, roll-up check ${check} s (consistent)`);
    return { campaignId, responses, answers: answerRows, seconds: { units, campaign, responses: responsesS, check, total } };
  } finally {
    await database.close();
  }
}

export async function surveyResults(engine: Engine, o: BenchOptions): Promise<BenchResult> {
  const data = await prepareDatabase(engine);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const n = o.quick ? 20_000 : 200_000;
    const gen = await generate(data.url, n, (s) => console.error(s));
    server = await startServer(data.url, { inproc: o.inproc, execArgv: o.serverExecArgv });
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: PERSONA, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ln_session='))!.split(';')[0]!;
    const path = `/api/campaigns/${gen.campaignId}/results`;
    const t = performance.now();
    const probe = await fetch(`${server.base}${path}`, { headers: { cookie } });
    const firstMs = Math.round(performance.now() - t);
    const body = await probe.text();
    const page = JSON.parse(body) as { focus?: { units: number }; totals?: { valid: number; invalid: number }; children?: unknown[] };
    if (probe.status !== 200 || page.focus?.units !== UNITS || (page.totals!.valid + page.totals!.invalid) !== n || page.children?.length !== UNITS) {
      throw new Error(`GET ${path}: ${probe.status} ${body.slice(0, 300)}`);
    }
    console.error(`  first GET ${path}: ${firstMs} ms, ${Math.round(body.length / 1024)} KB of JSON, ${page.children.length} children`);

    const { baseline, measured } = await interleaved(
      { name: 'hello', url: `${server.base}/api/hello` },
      { name: 'survey-results', url: `${server.base}${path}`, headers: { cookie } },
      { connections: 8, duration: o.quick ? 3 : 5, rounds: o.quick ? 1 : 4, warmup: o.quick ? 1 : 2, keepLatencies: true },
    );
    for (const f of [baseline, measured]) if (f.non2xx || f.errors) throw new Error(`non-2xx ${f.non2xx}, errors ${f.errors}: the run is invalid`);
    const p = measured.pooled!;
    const met = p.p95_ms <= TARGETS.p95_ms_max;
    const ratio = Math.round((measured.rps / baseline.rps) * 10000) / 10000;
    return {
      bench: 'survey-results', engine,
      metrics: {
        rps: measured.rps, p50_ms: p.p50_ms, p95_ms: p.p95_ms, p99_ms: p.p99_ms, max_ms: p.max_ms, samples: p.samples,
        rounds_rps: measured.rounds_rps, first_ms: firstMs, json_kb: Math.round(body.length / 1024),
        units: UNITS, responses: n, answers: gen.answers, generation_s: gen.seconds.total, generation: gen.seconds,
      },
      baseline: { name: 'hello-get', rps: baseline.rps, p50_ms: baseline.pooled!.p50_ms, p95_ms: baseline.pooled!.p95_ms, p99_ms: baseline.pooled!.p99_ms },
      ratio,
      targets: TARGETS,
      met,
      summary: `survey-results [${engine}]: ${measured.rps} req/s (hello ${baseline.rps}, ratio ${ratio}); p50 ${p.p50_ms} / p95 ${p.p95_ms} / p99 ${p.p99_ms} ms over ${p.samples} requests at 8 connections, ${n.toLocaleString('en')} responses over ${UNITS} units (generated in ${gen.seconds.total} s) — p95 target ${met ? 'met' : 'MISSED'}`,
    };
  } finally {
    await server?.stop();
    await data.drop();
  }
}
