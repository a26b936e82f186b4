// Whatever a client sends: a clear, translated error, never a 500, nothing half-written.
import { beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { forEachEngine, type Client } from '../helpers/harness.ts';
import { buildApp } from '../../src/http/app.ts';

const MUTATIONS: [string, string][] = [
  ['POST', '/api/units'], ['PATCH', '/api/units/5'], ['POST', '/api/units/events'], ['POST', '/api/users'],
  ['PATCH', '/api/users/2'], ['POST', '/api/users/2/grants'], ['POST', '/api/users/2/password-reset'], ['POST', '/api/auth/password'],
];

forEachEngine('bad input', 'demo', (h) => {
  let admin: Client;
  beforeAll(async () => {
    admin = await h.login('quantri.tinh');
  });
  const countAll = async () => {
    const n = async (t: 'units' | 'users' | 'grants' | 'audit_events' | 'unit_versions') =>
      Number((await h.database.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return [await n('units'), await n('users'), await n('grants'), await n('audit_events'), await n('unit_versions')];
  };

  it('refuses an oversized body with 413, malformed JSON with 400, a wrong content type with 415', async () => {
    const big = await admin.post('/api/units', { name: 'x'.repeat(1_100_000) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({ code: 'payload_too_large', message: 'Dữ liệu gửi lên quá lớn.' });
    const bigCsv = await admin.post('/api/units/import', 'code\n' + 'A\n'.repeat(3_000_000));
    expect(bigCsv.statusCode).toBe(413);
    const malformed = await h.app.inject({ method: 'POST', url: '/api/units', headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': 'application/json' }, payload: '{"code": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('bad_request');
    const xml = await h.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().message).toBe('Định dạng dữ liệu không được hỗ trợ.');
  });

  it('refuses unknown fields and odd ids without touching anything', async () => {
    const extra = await admin.post('/api/users', { username: 'abc.def', password: 'Tam-Thoi-2026', fullName: 'A', unitId: 2, isAdmin: true });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().fields).toEqual({ isAdmin: 'Trường không được hỗ trợ.' });
    const huge = await admin.post('/api/users/2/grants', { unitId: 2 ** 31, role: 'viewer' });
    expect(huge.statusCode).toBe(400);
    expect((await admin.delete(`/api/users/2/grants/${2 ** 40}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/audit?before=${2 ** 33}`)).statusCode).toBe(400);
    for (const url of ['/api/units/abc', '/api/units/-1', '/api/units/99999999999', '/api/users/1e3', '/api/units/0']) {
      expect((await admin.get(url)).statusCode, url).toBe(404);
    }
    expect((await admin.get('/api/units/tree?asOf=2025-02-30')).json().fields).toEqual({ asOf: 'Ngày không hợp lệ (dd/MM/yyyy).' });
    expect((await admin.get('/api/khong-co')).json()).toEqual({ code: 'not_found', message: 'Không tìm thấy.' });
  });

  it('never answers 500 to random bodies on any mutation, and writes nothing when it refuses (property)', async () => {
    const before = await countAll();
    const body = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.record({
        code: fc.oneof(fc.string(), fc.constant('TH-X-THIEUHOA')), name: fc.string(), level: fc.constantFrom('commune', 'x', ''),
        parentCode: fc.oneof(fc.string(), fc.constant('CATH')), validFrom: fc.oneof(fc.string(), fc.constant('2026-13-01')),
        unitId: fc.oneof(fc.integer(), fc.string(), fc.constant(1e300), fc.constant(2 ** 31), fc.constant(2 ** 53)), role: fc.string(), username: fc.string(), password: fc.string(),
        kind: fc.constantFrom('merge', 'split', 'rename', 'reparent', 'dissolve', 'explode'), from: fc.anything(), to: fc.anything(),
      }, { requiredKeys: [] }),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom(...MUTATIONS), body, async ([method, url], payload) => {
      const res = await h.app.inject({
        method: method as 'POST', url, headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': 'application/json' },
        payload: JSON.stringify(payload ?? null),
      });
      if (res.statusCode >= 500) throw new Error(`${method} ${url} ${JSON.stringify(payload)} -> ${res.statusCode} ${res.body}`);
      expect(res.json().code ?? 'ok').toBeTypeOf('string');
    }), { numRuns: 150 });
    expect(await countAll()).toEqual(before);
  });

  it('marks the session cookie Secure behind an HTTPS proxy', async () => {
    const app = await buildApp({ config: { trustProxy: true, logLevel: 'silent', webDist: '/nonexistent' }, services: h.ctx, logger: false });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'lanhdao.tinh', password: 'LangNghe@2026' } });
    expect(res.cookies.find((c) => c.name === 'ln_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    await app.close();
  });

  it('refuses a login posted from another site', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: 'lanhdao.tinh', password: 'LangNghe@2026' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
  });
});

forEachEngine('audit trail is append-only', 'demo', (h) => {
  it('refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit events at the database level', async () => {
    await expect(h.database.db.updateTable('audit_events').set({ action: 'forged' }).where('id', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(h.database.db.deleteFrom('audit_events').where('id', '=', 1).execute()).rejects.toThrow(/append-only/);
    const first = await h.database.db.selectFrom('audit_events').select('action').where('id', '=', 1).executeTakeFirstOrThrow();
    expect(first.action).not.toBe('forged');
  });
});
