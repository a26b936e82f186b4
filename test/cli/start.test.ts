// `langnghe start` as a real process on every engine: migrates and seeds an empty database, prints the
// real URL (port 0) and the demo logins, answers health checks and logins, logs one JSON line per
// request with its id, and on SIGTERM finishes the request in flight before exiting 0.
import net from 'node:net';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/engines.ts';
import { DEMO_PASSWORD, PERSONAS } from '../../src/seed/personas.ts';
import { BIN, ROOT, cliEnv } from './cli.ts';
import { blankDatabase } from '../helpers/engines.ts';

/** Sends raw bytes on a socket and resolves with everything the server answers until it closes or `until` matches. */
function rawRequest(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  const answered = new Promise<string>((resolve) => {
    socket.on('data', (d) => { received += d.toString('utf8'); if (/\r\n\r\n[\s\S]*\}/.test(received)) resolve(received); });
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
  });
  return { socket, answered, write: (s: string) => new Promise<void>((r) => socket.write(s, () => r())) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const engine of testEngines()) {
  describe(`langnghe start [${engine}]`, () => {
    let drop: () => Promise<void>;
    let child: ChildProcessWithoutNullStreams;
    let stdout = '';
    let stderr = '';
    let base = '';
    let exited: Promise<number | null>;

    const waitFor = async (re: RegExp, ms = 110_000) => {
      const until = Date.now() + ms;
      while (!re.test(stdout)) {
        if (child.exitCode !== null) throw new Error(`langnghe start exited ${child.exitCode}\n${stdout}\n${stderr}`);
        if (Date.now() > until) throw new Error(`timed out waiting for ${re}\n${stdout}\n${stderr}`);
        await sleep(50);
      }
      return re.exec(stdout)!;
    };
    const logLines = () => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

    beforeAll(async () => {
      const fresh = await blankDatabase(engine);
      drop = fresh.drop;
      child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: cliEnv(fresh.url, { LOG_LEVEL: 'info' }) });
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
      exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
      base = (await waitFor(/is running: (http:\/\/127\.0\.0\.1:\d+)\/console\//))[1]!;
      // The URL and the logins are written in several pieces: the pipe may hand them over apart.
      await waitFor(new RegExp(`^\\s+${PERSONAS.at(-1)!.username}\\s`, 'm'));
    });
    afterAll(async () => {
      if (child && child.exitCode === null) { child.kill('SIGKILL'); await exited; }
      await drop?.();
    });

    it('migrates, seeds the demo and prints the real URL and the demo logins', () => {
      expect(base).not.toMatch(/:0$/);
      expect(stdout).toContain('migrations applied: 001_foundation');
      expect(stdout).toContain('Seeding the demo province');
      expect(stdout).toContain(`password: ${DEMO_PASSWORD}`);
      for (const p of PERSONAS) expect(stdout).toContain(p.username);
    });

    it('answers /healthz and /readyz, and a demo login works', async () => {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', engine });
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'canbo.thieuhoa', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ln_session='))!.split(';')[0]!;
      const me = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect((await me.json()).user.username).toBe('canbo.thieuhoa');
    });

    it('logs one JSON line per request and echoes or honours x-request-id', async () => {
      const own = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'kiem-tra-123' } });
      expect(own.headers.get('x-request-id')).toBe('kiem-tra-123');
      const generated = await fetch(`${base}/api/hello?x=1`);
      const id = generated.headers.get('x-request-id')!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await sleep(200);
      const lines = logLines().filter((l) => l.msg === 'request');
      // The route's pattern, not the address (no query, no codes or tokens in the logs).
      for (const [reqId, route, status] of [['kiem-tra-123', '/healthz', 200], [id, '/api/hello', 200]] as const) {
        const mine = lines.filter((l) => l.reqId === reqId);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ reqId, method: 'GET', route, status });
        expect(mine[0]).not.toHaveProperty('url');
        expect(typeof mine[0]!.ms).toBe('number');
      }
    });

    it('on SIGTERM stops taking requests, finishes the one in flight and exits 0', async () => {
      const port = Number(new URL(base).port);
      const body = JSON.stringify({ username: 'lanhdao.tinh', password: DEMO_PASSWORD });
      // A login whose headers have arrived but whose body is still on its way: in flight.
      const inflight = rawRequest(port);
      await inflight.write(`POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
      await sleep(300);
      child.kill('SIGTERM');
      await waitFor(/"msg":"shutting down"/, 10000);
      await sleep(300);
      expect(child.exitCode).toBeNull();
      // New connections are refused once the server stops listening.
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
      await inflight.write(body.slice(10));
      const answer = await inflight.answered;
      inflight.socket.destroy();
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toContain('ln_session=');
      expect(await exited).toBe(0);
      const shutdown = logLines().find((l) => l.msg === 'shutting down');
      expect(shutdown).toMatchObject({ signal: 'SIGTERM' });
    });
  });
}
