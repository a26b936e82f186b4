import { expect, it } from 'vitest';
import { forEachEngine, sessionCookie, client } from '../helpers/harness.ts';
import { DEMO_PASSWORD } from '../../src/seed/personas.ts';

forEachEngine('auth', 'demo', (h) => {
  it('logs in, says who I am with my grants, and logs out', async () => {
    const c = await h.login('canbo.dinhhoa');
    const me = await c.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body.user.username).toBe('canbo.dinhhoa');
    expect(body.grants.map((g: { role: string; unitName: string }) => `${g.role}@${g.unitName}`).sort()).toEqual([
      'officer@Công an xã Định Hòa', 'viewer@Công an xã Thiệu Trung',
    ]);
    expect(body.can.manageUsers).toBe(false);
    const out = await c.post('/api/auth/logout', {});
    expect(out.statusCode).toBe(200);
    const after = await c.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('session_expired');
  });

  it('refuses a wrong password without saying which part was wrong, in Vietnamese by default and English on request', async () => {
    const vi = await h.anon.post('/api/auth/login', { username: 'lanhdao.tinh', password: 'sai-mat-khau' });
    expect(vi.statusCode).toBe(401);
    expect(vi.json()).toEqual({ code: 'invalid_credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    const en = await h.anon.post('/api/auth/login', { username: 'khong-ton-tai', password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json()).toEqual({ code: 'invalid_credentials', message: 'Wrong username or password.' });
  });

  it('rejects a forged session cookie and a state change without the CSRF token', async () => {
    const forged = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'ln_session=forged-token' } });
    expect(forged.statusCode).toBe(401);
    const login = await h.anon.post('/api/auth/login', { username: 'quantri.tinh', password: DEMO_PASSWORD });
    const noCsrf = client(h.app, sessionCookie(login), null);
    const res = await noCsrf.post('/api/auth/logout', {});
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
    expect((await noCsrf.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('ends a session past its absolute limit or idle for too long, with a translated message', async () => {
    for (const column of ['expires_at', 'last_seen_at'] as const) {
      const c = await h.login('canbo.thieuhoa');
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
      const past = new Date(Date.now() - 9 * 60 * 60 * 1000).toISOString();
      await h.database.db.updateTable('sessions').set({ [column]: past }).where('user_id', '=', (await c.get('/api/auth/me')).json().user.id).execute();
      const res = await c.get('/api/auth/me?lang=en');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'session_expired', message: 'Your session has expired; please log in again.' });
      expect(res.headers['set-cookie']).toContain('ln_session=;');
    }
  });
});
