// register-list: the register's first page as the province leader (lanhdao.tinh) reads it — a register of
// 1,000,000 items over every unit of the demo province, filtered by unit subtree, by state (open) and overdue,
// sorted by due date — GET /api/feedback?unitId=<province>&overdue=1, and the same for one commune
// (?unitId=<Xã Thiệu Hóa>&open=1), against GET /api/hello of the same server in the same run, at 8 connections.
// Target: p95 ≤ 100 ms on both engines. The items are written by bulk SQL in the shape intake writes them
// (register numbers per unit and year, tracking codes, deadlines), from a fixed seed: a million commands would take
// an hour and measure intake, not the list. A probe checks the first page against a by-hand query before measuring.
import { sql } from 'kysely';
import { openDatabase, type Engine } from '../src/db/engine.ts';
import { newTrackingCode } from '../src/core/feedback/tracking.ts';
import { todayVN } from '../src/core/dates.ts';
import { loadUnitGraph } from '../src/db/repos/units.ts';
import type { FeedbackItemsTable, FeedbackKind, FeedbackState } from '../src/db/schema.ts';
import type { Insertable } from 'kysely';
import { DEMO } from '../src/seed/demo.ts';
import { DEMO_PASSWORD } from '../src/seed/personas.ts';
import { prng } from '../src/seed/surveys.ts';
import { prepareDatabase } from './lib/database.ts';
import { startServer } from './lib/server.ts';
import { interleaved } from './lib/load.ts';
import type { BenchOptions, BenchResult } from './run.ts';

export const TARGETS = { p95_ms_max: 100 };
const PERSONA = 'lanhdao.tinh';
const SEED = 1_000_003;
const BATCH = 500;
const KINDS: FeedbackKind[] = ['suggestion', 'report', 'request', 'praise', 'report', 'request'];
const TEXTS = ['Đề nghị tăng cường tuần tra ban đêm ở thôn.', 'Xe tải chạy quá tốc độ qua trường học.', 'Thủ tục cư trú còn chậm.', 'Khen cán bộ làm căn cước nhiệt tình.'];

function addDays(iso: string, n: number) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export async function generate(url: string, total: number, log: (s: string) => void) {
  const database = openDatabase(url);
  const t0 = performance.now();
  try {
    const graph = await loadUnitGraph(database.db);
    const today = todayVN();
    const units = [...graph.units.keys()].filter((id) => graph.units.get(id)!.level === 'commune').sort((a, b) => a - b);
    const rnd = prng(SEED);
    // Register numbers continue each unit's year after the demo's own items.
    const counters = new Map<string, number>((await database.db.selectFrom('feedback_counters').select(['unit_id', 'year', 'last_no']).execute())
      .map((r) => [`${r.unit_id}:${r.year}`, r.last_no]));
    const now = new Date().toISOString();
    let written = 0;
    let overdue = 0;
    while (written < total) {
      const rows: Insertable<FeedbackItemsTable>[] = [];
      for (let i = 0; i < BATCH && written + i < total; i++) {
        const unitId = units[Math.floor(rnd() * units.length)]!;
        const received = addDays(today, -Math.floor(rnd() * 1000));
        const year = Number(received.slice(0, 4));
        const key = `${unitId}:${year}`;
        const no = (counters.get(key) ?? 0) + 1;
        counters.set(key, no);
        // Four in five are closed; open ones are due from 60 days ago to 60 days ahead (about 8% overdue in all).
        const open = rnd() < 0.2;
        const state: FeedbackState = open ? (['received', 'accepted', 'assigned', 'in_progress', 'answer_drafted', 'approved'] as const)[Math.floor(rnd() * 6)]! : 'closed';
        const due = open ? addDays(today, Math.floor(rnd() * 120) - 60) : addDays(received, 30 + Math.floor(rnd() * 20));
        if (open && state !== 'approved' && due < today) overdue++;
        const content = TEXTS[Math.floor(rnd() * TEXTS.length)]!;
        rows.push({
          unit_id: unitId, register_year: year, register_no: no, tracking_code: newTrackingCode(), channel: 'web',
          kind: KINDS[Math.floor(rnd() * KINDS.length)]!, topic_code: 'security', procedure: null, state, outcome: open ? null : 'resolved',
          summary: content, content, location: null, concerned_unit_id: null, concerned_officer: null, assignee_id: null,
          submitter_id: null, anonymous: 1, duplicate_of: null, split_from: null, source_type: null, source_ref: null,
          received_at: `${received}T02:00:00.000Z`, received_on: received, ack_due_on: addDays(received, 14), due_on: due,
          acked_on: state === 'received' ? null : addDays(received, 3), closed_on: open ? null : due, answer_draft: null,
          public_answer: null, answered_on: null, rating: null, rating_comment: null, rated_at: null, rereview: 0,
          search_key: '', created_at: now, updated_at: now,
        });
      }
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('feedback_items').values(rows).execute();
      });
      written += rows.length;
      if (written % 100_000 === 0) log(`  ${written.toLocaleString('en')} items written (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
    if (database.sqlite) {
      database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      database.sqlite.exec('analyze');
    } else await sql`analyze`.execute(database.db);
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    log(`  generated ${total.toLocaleString('en')} items over ${units.length} communes in ${seconds} s (${overdue.toLocaleString('en')} overdue)`);
    return { seconds, units: units.length, overdue };
  } finally {
    await database.close();
  }
}

/** The first page by hand: what the API must return first for the province's overdue list. */
async function expectedFirstIds(url: string, limit: number): Promise<number[]> {
  const database = openDatabase(url);
  try {
    const rows = await database.db.selectFrom('feedback_items').select('id')
      .where('state', 'in', ['received', 'accepted', 'assigned', 'in_progress', 'answer_drafted']).where('due_on', '<', todayVN())
      .orderBy('due_on').orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  } finally {
    await database.close();
  }
}

export async function registerList(engine: Engine, o: BenchOptions): Promise<BenchResult> {
  const data = await prepareDatabase(engine);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const n = o.quick ? 100_000 : 1_000_000;
    const gen = await generate(data.url, n, (s) => console.error(s));
    server = await startServer(data.url, { inproc: o.inproc, execArgv: o.serverExecArgv });
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: PERSONA, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ln_session='))!.split(';')[0]!;
    const database = openDatabase(data.url);
    const graph = await loadUnitGraph(database.db);
    await database.close();
    const province = graph.idOf(DEMO.province)!;
    const commune = graph.idOf(DEMO.thieuHoaCommune)!;
    const paths = { province: `/api/feedback?unitId=${province}&overdue=1&limit=50`, commune: `/api/feedback?unitId=${commune}&open=1&limit=50` };

    const probe = await fetch(`${server.base}${paths.province}`, { headers: { cookie } });
    const page = (await probe.json()) as { items: { id: number; overdue: boolean }[] };
    const expected = await expectedFirstIds(data.url, 50);
    if (probe.status !== 200 || JSON.stringify(page.items.map((i) => i.id)) !== JSON.stringify(expected) || !page.items.every((i) => i.overdue)) {
      throw new Error(`GET ${paths.province}: ${probe.status}, first page differs from the by-hand query`);
    }
    const c = await fetch(`${server.base}${paths.commune}`, { headers: { cookie } });
    if (c.status !== 200 || !((await c.json()) as { items: unknown[] }).items.length) throw new Error(`GET ${paths.commune}: ${c.status} or empty`);

    const figures: Record<string, { rps: number; p50_ms: number; p95_ms: number; p99_ms: number; samples: number }> = {};
    let baselineRps = 0;
    let baselineP95 = 0;
    for (const [name, path] of Object.entries(paths)) {
      const { baseline, measured } = await interleaved(
        { name: 'hello', url: `${server.base}/api/hello` },
        { name: `register-list (${name})`, url: `${server.base}${path}`, headers: { cookie } },
        { connections: 8, duration: o.quick ? 3 : 5, rounds: o.quick ? 1 : 3, warmup: o.quick ? 1 : 2, keepLatencies: true },
      );
      for (const f of [baseline, measured]) if (f.non2xx || f.errors) throw new Error(`non-2xx ${f.non2xx}, errors ${f.errors}: the run is invalid`);
      const p = measured.pooled!;
      figures[name] = { rps: measured.rps, p50_ms: p.p50_ms, p95_ms: p.p95_ms, p99_ms: p.p99_ms, samples: p.samples };
      baselineRps = baseline.rps;
      baselineP95 = baseline.pooled!.p95_ms;
    }
    const worst = Math.max(figures.province!.p95_ms, figures.commune!.p95_ms);
    const met = worst <= TARGETS.p95_ms_max;
    const ratio = Math.round((figures.province!.rps / baselineRps) * 10000) / 10000;
    return {
      bench: 'register-list', engine,
      metrics: {
        rps: figures.province!.rps, p50_ms: figures.province!.p50_ms, p99_ms: figures.province!.p99_ms, p95_ms: figures.province!.p95_ms,
        commune: figures.commune, items: n, overdue: gen.overdue, communes: gen.units, generation_s: gen.seconds,
      },
      baseline: { name: 'hello-get', rps: baselineRps, p95_ms: baselineP95 },
      ratio,
      targets: TARGETS,
      met,
      summary: `register-list [${engine}]: province overdue p95 ${figures.province!.p95_ms} ms (${figures.province!.rps} req/s), commune open p95 ${figures.commune!.p95_ms} ms (${figures.commune!.rps} req/s); hello ${baselineRps} req/s; ${n.toLocaleString('en')} items — p95 target ${met ? 'met' : 'MISSED'}`,
    };
  } finally {
    await server?.stop();
    await data.drop();
  }
}
