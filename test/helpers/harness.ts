// One test database and app per engine: `forEachEngine('units', (h) => { ... })` runs the block on
// every engine of the run, each with a fresh database copied from a template.
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, type Db, type Engine } from '../../src/db/engine.ts';
import { AccessCache } from '../../src/db/access.ts';
import { SYSTEM_CONTEXT } from '../../src/db/repos/audit.ts';
import { buildApp } from '../../src/http/app.ts';
import type { CommandContext } from '../../src/commands/context.ts';
import { DEMO_PASSWORD } from '../../src/seed/personas.ts';
import { freshDatabase, testEngines, type Template } from './engines.ts';

export interface Harness {
  engine: Engine;
  database: Db;
  ctx: CommandContext;
  app: FastifyInstance;
  /** Logs in and returns a client whose requests carry the session cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  anon: Client;
}

export interface Client {
  cookie: string | null;
  csrf: string | null;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function client(app: FastifyInstance, cookie: string | null, csrf: string | null): Client {
  const headers = (extra?: Record<string, string>) => ({
    ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...extra,
  });
  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body: unknown, extra?: Record<string, string>) =>
    app.inject({
      method, url,
      headers: { ...headers(extra), ...(typeof body === 'string' ? { 'content-type': extra?.['content-type'] ?? 'text/csv' } : {}) },
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });
  return {
    cookie, csrf,
    get: (url, extra) => app.inject({ method: 'GET', url, headers: headers(extra) }),
    post: (url, body, extra) => send('POST', url, body, extra),
    patch: (url, body, extra) => send('PATCH', url, body, extra),
    put: (url, body, extra) => send('PUT', url, body, extra),
    delete: (url, extra) => app.inject({ method: 'DELETE', url, headers: headers(extra) }),
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'ln_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `ln_session=${c.value}`;
}

export function forEachEngine(name: string, template: Template, body: (h: Harness) => void) {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      const h = { engine } as Harness;
      let drop: () => Promise<void>;
      beforeAll(async () => {
        const fresh = await freshDatabase(engine, template);
        drop = fresh.drop;
        h.database = openDatabase(fresh.url, { poolSize: 4 });
        h.ctx = { database: h.database, access: new AccessCache(h.database), audit: SYSTEM_CONTEXT };
        h.app = await buildApp({ config: { trustProxy: false, logLevel: 'silent', webDist: '/nonexistent' }, services: h.ctx, logger: false });
        h.anon = client(h.app, null, null);
        h.login = async (username, password = DEMO_PASSWORD) => {
          const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
          if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
          return client(h.app, sessionCookie(res), res.json().csrfToken as string);
        };
      });
      afterAll(async () => {
        await h.app?.close();
        await h.database?.close();
        await drop?.();
      });
      body(h);
    });
  }
}
