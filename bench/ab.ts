// npm run bench:ab -- --old DIR [--new DIR] [--rounds 3] [--seconds 4] [--new-env K=V,...]
// Two trees' servers side by side in the same minutes: the public intake (feedback-submit's requests) against the
// old tree's server and the new one's, in ABBA order each round, with hello-feedback before and after. On a shared
// machine whose speed drifts within minutes (bench/README.md), two separate `npm run bench` runs cannot tell a
// change of a few per cent from the drift; paired rounds can. The old tree is usually a worktree of an earlier
// commit: `git worktree add /tmp/old <rev> && ln -s "$PWD/node_modules" /tmp/old/`. --new-env starts only the new
// side with those variables (its database is prepared and its server started under them, e.g.
// LANGNGHE_SQLITE_SYNCHRONOUS=NORMAL), to weigh a setting on one tree.
// Prints each round to stderr and one JSON object last on stdout: new_over_old is the sum of the new server's
// rates over the old one's.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from './lib/database.ts';
import type { RunningServer, ServerOptions } from './lib/server.ts';
import { once, type Case } from './lib/load.ts';
import { communeCodes, requestMaker } from './feedback-submit.ts';

const { values } = parseArgs({
  options: {
    old: { type: 'string' }, new: { type: 'string', default: '.' }, rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' }, 'new-env': { type: 'string', default: '' },
  },
});
if (!values.old) {
  console.error('usage: npm run bench:ab -- --old DIR [--new DIR] [--rounds 3] [--seconds 4] [--new-env K=V,...]');
  process.exit(2);
}
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
type StartServer = (url: string, opts?: ServerOptions) => Promise<RunningServer>;
const serverOf = async (dir: string): Promise<StartServer> => (await import(path.resolve(dir, 'bench/lib/server.ts'))).startServer;

/** Runs fn with the new side's variables set (its database is prepared and its server started under them). */
async function asNew<T>(fn: () => Promise<T>): Promise<T> {
  const vars = values['new-env']!.split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const);
  const before = vars.map(([k]) => [k, process.env[k]] as const);
  for (const [k, v] of vars) process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of before) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const oldData = await prepareDatabase('sqlite');
const newData = await asNew(() => prepareDatabase('sqlite'));
const servers: RunningServer[] = [];
try {
  const codes = await communeCodes(oldData.url);
  const oldServer = await (await serverOf(values.old))(oldData.url, { trustProxy: true });
  servers.push(oldServer);
  const newServer = await asNew(async () => (await serverOf(values.new))(newData.url, { trustProxy: true }));
  servers.push(newServer);

  // One case per server and route, each with its own request counter across all rounds: every request has its own
  // address, as in feedback-submit (a counter started again each round would meet the per-address limit).
  const json = { 'content-type': 'application/json' };
  const form = (base: string, name: string): Case => ({ name, url: base, method: 'POST', headers: json, setupRequest: requestMaker(codes, (c) => `/y/${c}`) });
  const oldForm = form(oldServer.base, 'old');
  const newForm = form(newServer.base, 'new');
  const hello: Case = { name: 'hello', url: oldServer.base, method: 'POST', headers: json, setupRequest: requestMaker(codes, () => '/bench/hello-feedback') };
  const load = async (c: Case, s: number) => {
    const { result: r, responses, seconds: took } = await once(c, 50, s);
    if (r.non2xx || r.errors || r.timeouts) throw new Error(`${c.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    return Math.round(responses / took);
  };
  for (const c of [oldForm, newForm, hello]) await load(c, 2);

  const sum = { old: 0, new: 0, hello: 0 };
  const perRound = [];
  for (let i = 1; i <= rounds; i++) {
    const h1 = await load(hello, seconds);
    const o1 = await load(oldForm, seconds);
    const n1 = await load(newForm, seconds);
    const n2 = await load(newForm, seconds);
    const o2 = await load(oldForm, seconds);
    const h2 = await load(hello, seconds);
    sum.old += o1 + o2;
    sum.new += n1 + n2;
    sum.hello += h1 + h2;
    const round = { hello: [h1, h2], old: [o1, o2], new: [n1, n2], new_over_old: +((n1 + n2) / (o1 + o2)).toFixed(3) };
    perRound.push(round);
    console.error(`  round ${i}: hello ${h1}/${h2}  old ${o1}/${o2}  new ${n1}/${n2}  new/old ${round.new_over_old}`);
  }
  console.log(JSON.stringify({
    bench: 'feedback-submit-ab', old: values.old, new: values.new, new_env: values['new-env'] || null,
    new_over_old: +(sum.new / sum.old).toFixed(3), old_ratio: +(sum.old / sum.hello).toFixed(3), new_ratio: +(sum.new / sum.hello).toFixed(3), rounds: perRound,
  }));
} finally {
  for (const s of servers) await s.stop();
  await oldData.drop();
  await newData.drop();
}
