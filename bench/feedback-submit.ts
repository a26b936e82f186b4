// feedback-submit: the public intake — POST /y/<unit code> with the JSON body a client of the form sends
// ({kind, content, location, and for a third of them a name, a phone and consent to updates}) over every commune
// of the demo province, at 50 connections — against hello-feedback: the same bodies POSTed to a bench-only route
// that parses them and answers {ok:true}. Each request has its own X-Forwarded-For address (the per-address limit
// would otherwise stop the run). Each acknowledged item is a full intake: register number, tracking code, person
// and consent, the first public step, the audit event and, with consent, the notices — in one durable
// transaction (SQLite synchronous=FULL). At the end the 201 answers must equal the items, receive events and
// audit events the run added: nothing acknowledged is lost, nothing unacknowledged is kept.
import type { RawRequest } from 'autocannon';
import { sql } from 'kysely';
import { openDatabase, type Engine } from '../src/db/engine.ts';
import { todayVN } from '../src/core/dates.ts';
import { loadUnitGraph } from '../src/db/repos/units.ts';
import { OPINIONS, PEOPLE, VILLAGES } from '../src/seed/feedback-texts.ts';
import { prepareDatabase } from './lib/database.ts';
import { startServer } from './lib/server.ts';
import { interleaved, type Case } from './lib/load.ts';
import type { BenchOptions, BenchResult } from './run.ts';

export const TARGETS = { ratio_min_sqlite: 0.25 };
const PUBLIC_KINDS = new Set(['suggestion', 'report', 'request', 'praise']);
const SAMPLES = OPINIONS.filter((o) => PUBLIC_KINDS.has(o.kind));

/** The public form's requests, one distinct body and address each, spread over the communes' codes. */
export function requestMaker(codes: string[], path: (code: string) => string) {
  let n = 0;
  return (req: RawRequest): RawRequest => {
    const i = n++;
    const code = codes[(i * 7919) % codes.length]!;
    const o = SAMPLES[i % SAMPLES.length]!;
    const thon = VILLAGES[i % VILLAGES.length]!;
    const named = i % 3 === 0;
    req.path = path(code);
    req.body = JSON.stringify({
      kind: o.kind, content: `${o.text.replaceAll('{thon}', thon).replaceAll('{xa}', 'xã')} (${i})`, location: thon,
      ...(named ? { fullName: PEOPLE[i % PEOPLE.length], phone: `09${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`, consents: ['contact_updates'] } : {}),
    });
    req.headers = { ...req.headers, 'x-forwarded-for': `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}` };
    return req;
  };
}

async function tally(url: string) {
  const database = openDatabase(url);
  try {
    const one = async (q: ReturnType<typeof sql<{ n: number | string }>>) => Number((await q.execute(database.db)).rows[0]!.n);
    return {
      items: await one(sql`select count(*) as n from feedback_items`),
      receives: await one(sql`select count(*) as n from feedback_events where action = 'receive'`),
      audits: await one(sql`select count(*) as n from audit_events where action = 'feedback.receive'`),
      notices: await one(sql`select count(*) as n from notification_outbox`),
      synchronous: database.sqlite ? String(database.sqlite.pragma('synchronous', { simple: true })) : null,
    };
  } finally {
    await database.close();
  }
}

/** Today's communes' codes, sorted: where the public form is posted. */
export async function communeCodes(url: string): Promise<string[]> {
  const database = openDatabase(url);
  try {
    const graph = await loadUnitGraph(database.db);
    const today = todayVN();
    return [...graph.units.values()].filter((u) => u.level === 'commune' && graph.versionAt(u.id, today)).map((u) => u.code).sort();
  } finally {
    await database.close();
  }
}

export async function feedbackSubmit(engine: Engine, o: BenchOptions): Promise<BenchResult> {
  const data = await prepareDatabase(engine);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const codes = await communeCodes(data.url);
    server = await startServer(data.url, { inproc: o.inproc, execArgv: o.serverExecArgv, trustProxy: true });
    const base = server.base;
    const json = { 'content-type': 'application/json' };

    const before = await tally(data.url);
    const probe = await fetch(`${base}/y/${codes[0]}`, { method: 'POST', headers: { ...json, 'x-forwarded-for': '192.0.2.1' }, body: JSON.stringify({ kind: 'request', content: 'Thử.' }) });
    if (probe.status !== 201) throw new Error(`probe POST /y/${codes[0]}: ${probe.status} ${await probe.text()}`);
    const afterProbe = await tally(data.url);
    if (afterProbe.items !== before.items + 1) throw new Error('the probe did not store exactly one item');

    const seen = { created: 0, other: 0 };
    const statuses: Record<number, number> = {};
    const hello: Case = {
      name: 'hello-feedback', url: `${base}/bench/hello-feedback`, method: 'POST', headers: json,
      setupRequest: requestMaker(codes, () => '/bench/hello-feedback'),
    };
    const submit: Case = {
      name: 'feedback-submit', url: `${base}/y/${codes[0]}`, method: 'POST', headers: json,
      setupRequest: requestMaker(codes, (c) => `/y/${c}`),
      onResponse: (status) => { statuses[status] = (statuses[status] ?? 0) + 1; if (status === 201) seen.created++; else seen.other++; },
    };
    const { baseline, measured } = await interleaved(hello, submit, {
      connections: 50, duration: o.quick ? 3 : 5, rounds: o.quick ? 1 : 4, warmup: o.quick ? 1 : 2, byAmount: true,
    });
    for (const f of [baseline, measured]) if (f.non2xx || f.errors) throw new Error(`non-2xx ${f.non2xx}, errors ${f.errors} (${JSON.stringify(f.statuses)}): the run is invalid`);

    const after = await tally(data.url);
    const items = after.items - afterProbe.items;
    const consistent = items === seen.created && after.receives - afterProbe.receives === items && after.audits - afterProbe.audits === items && seen.other === 0;
    console.error(`  acknowledged (201): ${seen.created}, other: ${seen.other}; new items ${items}, receive events ${after.receives - afterProbe.receives}, audit events ${after.audits - afterProbe.audits}, notices ${after.notices - afterProbe.notices} — ${consistent ? 'consistent' : 'INCONSISTENT'}`);
    if (!consistent) throw new Error('acknowledged submissions and stored rows differ: the run is invalid');

    const ratio = Math.round((measured.rps / baseline.rps) * 1000) / 1000;
    const targets: BenchResult['targets'] = engine === 'sqlite' ? { ratio_min: TARGETS.ratio_min_sqlite } : {};
    return {
      bench: 'feedback-submit', engine,
      metrics: {
        rps: measured.rps, p50_ms: measured.p50_ms, p99_ms: measured.p99_ms, rounds_rps: measured.rounds_rps,
        acknowledged_201: seen.created, new_items: items, notices: after.notices - afterProbe.notices, units: codes.length,
        ...(after.synchronous !== null ? { sqlite_synchronous: after.synchronous } : {}),
      },
      baseline: { name: 'hello-feedback', rps: baseline.rps, p50_ms: baseline.p50_ms, p99_ms: baseline.p99_ms, rounds_rps: baseline.rounds_rps },
      ratio,
      targets,
    };
  } finally {
    await server?.stop();
    await data.drop();
  }
}
