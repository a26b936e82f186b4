// session-read: an authenticated GET of a small scoped resource — canbo.thieuhoa reads their own unit,
// GET /api/units/:id of Công an xã Thiệu Hóa (TH-X-THIEUHOA) — against the unauthenticated
// GET /api/hello on the same server in the same run. What it costs: the session query (session +
// user + access revision, one round trip), the cached actor, the route's unit graph lookup and policy.
import type { Engine } from '../src/db/engine.ts';
import { DEMO_PASSWORD } from '../src/seed/personas.ts';
import { prepareDatabase } from './lib/database.ts';
import { startServer } from './lib/server.ts';
import { interleaved } from './lib/load.ts';
import type { BenchOptions, BenchResult } from './run.ts';

export const TARGETS = { ratio_min: 0.4, p99_ms_max: 20 };
const PERSONA = 'canbo.thieuhoa';
const UNIT_CODE = 'TH-X-THIEUHOA';

export async function sessionRead(engine: Engine, o: BenchOptions): Promise<BenchResult> {
  const data = await prepareDatabase(engine);
  const server = await startServer(data.url, { inproc: o.inproc, execArgv: o.serverExecArgv });
  try {
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: PERSONA, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ln_session='))!.split(';')[0]!;
    const me = (await (await fetch(`${server.base}/api/auth/me`, { headers: { cookie } })).json()) as { user: { unitId: number } };
    const unitId = me.user.unitId;
    const probe = await fetch(`${server.base}/api/units/${unitId}`, { headers: { cookie } });
    const unit = (await probe.json()) as { code?: string };
    if (probe.status !== 200 || unit.code !== UNIT_CODE) throw new Error(`GET /api/units/${unitId}: ${probe.status} ${JSON.stringify(unit)}`);

    const { baseline, measured } = await interleaved(
      { name: 'hello', url: `${server.base}/api/hello` },
      { name: 'session-read', url: `${server.base}/api/units/${unitId}`, headers: { cookie } },
      { connections: 50, duration: o.quick ? 3 : 5, rounds: o.quick ? 1 : 4, warmup: o.quick ? 1 : 2 },
    );
    for (const f of [baseline, measured]) if (f.non2xx || f.errors) throw new Error(`non-2xx ${f.non2xx}, errors ${f.errors}: the run is invalid`);
    return {
      bench: 'session-read', engine,
      metrics: { rps: measured.rps, p50_ms: measured.p50_ms, p99_ms: measured.p99_ms, rounds_rps: measured.rounds_rps },
      baseline: { name: 'hello-get', rps: baseline.rps, p50_ms: baseline.p50_ms, p99_ms: baseline.p99_ms, rounds_rps: baseline.rounds_rps },
      ratio: Math.round((measured.rps / baseline.rps) * 1000) / 1000,
      targets: TARGETS,
    };
  } finally {
    await server.stop();
    await data.drop();
  }
}
