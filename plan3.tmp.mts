import { openDatabase } from './src/db/engine.ts';
import { AccessCache } from './src/db/access.ts';
import { SYSTEM_CONTEXT } from './src/db/repos/audit.ts';
import { listRegister } from './src/commands/feedback/register.ts';
import { readRevision } from './src/db/repos/revisions.ts';
const database = openDatabase('sqlite:/tmp/langnghe-bench-a748549a.sqlite');
const access = new AccessCache(database);
const u = await database.db.selectFrom('users').select(['id','username','full_name','unit_id']).where('username','=','lanhdao.tinh').executeTakeFirstOrThrow();
const actor = await access.actor({ userId: u.id, username: u.username, fullName: u.full_name, unitId: u.unit_id }, await readRevision(database.db,'access'));
const graph = await access.unitGraph();
const province = graph.idOf('CATH')!;
const ctx = { database, access, audit: SYSTEM_CONTEXT, actor };
for (let i = 0; i < 5; i++) { const t = performance.now(); const r = await listRegister(ctx, { unitId: graph.idOf('TH-X-THIEUHOA')!, open: true, limit: 50 }); console.log('ms', (performance.now() - t).toFixed(1), r.items.length); }
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
for (let i = 0; i < 20; i++) await listRegister(ctx, { unitId: graph.idOf('TH-X-THIEUHOA')!, open: true, limit: 50 });
const { profile } = await s.post('Profiler.stop') as any;
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const dt = profile.timeDeltas; const samples = profile.samples;
for (let i = 0; i < samples.length; i++) { const n: any = byId.get(samples[i]); const k = `${n.callFrame.functionName} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + dt[i]); }
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v/1000).toFixed(0)}ms ${k}`).join('\n'));
