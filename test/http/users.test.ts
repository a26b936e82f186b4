// Accounts: creation with policy, duplicates, temporary passwords, own password change, grants, throttling.
import { beforeAll, expect, it } from 'vitest';
import { client, forEachEngine, sessionCookie, type Client } from '../helpers/harness.ts';
import { DEMO } from '../../src/seed/demo.ts';
import { loadUnitGraph } from '../../src/db/repos/units.ts';

forEachEngine('users and grants', 'demo', (h) => {
  let admin: Client;
  let commune: number, other: number;

  beforeAll(async () => {
    admin = await h.login('quantri.tinh');
    const g = await loadUnitGraph(h.database.db);
    commune = g.idOf(DEMO.thieuHoaCommune)!;
    other = g.idOf(DEMO.dinhHoaCommune)!;
  });

  it('creates an account with a temporary password that must be changed before anything else', async () => {
    const weak = await admin.post('/api/users', { username: 'nguyen.an', password: 'abc', fullName: 'Nguyễn An', unitId: commune });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields).toEqual({ password: 'Mật khẩu cần ít nhất 10 ký tự.' });
    const bad = await admin.post('/api/users', { username: 'x', password: 'Tam-Thoi-2026', fullName: '', phone: '12', email: 'khong-phai-email', unitId: commune });
    expect(Object.keys(bad.json().fields).sort()).toEqual(['email', 'fullName', 'phone', 'username']);
    const res = await admin.post('/api/users', { username: 'Nguyen.An', password: 'Tam-Thoi-2026', fullName: 'Nguyễn An', phone: '0912 345 678', unitId: commune });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'nguyen.an', mustChangePassword: true, unitName: 'Công an xã Thiệu Hóa' });
    const dup = await admin.post('/api/users', { username: 'NGUYEN.AN', password: 'Tam-Thoi-2026', fullName: 'Khác', unitId: commune });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'duplicate_username', fields: { username: 'Tên đăng nhập đã được sử dụng.' } });

    const grant = await admin.post(`/api/users/${res.json().id}/grants`, { unitId: commune, role: 'officer' });
    expect(grant.statusCode).toBe(201);
    const an = await h.login('nguyen.an', 'Tam-Thoi-2026');
    expect((await an.get('/api/units/tree')).json()).toEqual({ code: 'password_change_required', message: 'Bạn cần đổi mật khẩu tạm trước khi tiếp tục.' });
    const wrong = await an.post('/api/auth/password', { currentPassword: 'sai', newPassword: 'Moi-Hon-2026!' });
    expect(wrong.json().fields).toEqual({ currentPassword: 'Mật khẩu hiện tại không đúng.' });
    expect((await an.post('/api/auth/password', { currentPassword: 'Tam-Thoi-2026', newPassword: 'Moi-Hon-2026!' })).statusCode).toBe(200);
    const tree = (await an.get('/api/units/tree')).json();
    expect(tree.roots.map((r: { name: string }) => r.name)).toEqual(['Công an xã Thiệu Hóa']);
  });

  it('grants only inside the admin subtree; a revoked grant takes effect at once', async () => {
    const commAdmin = await h.login('lanhdao.thieuhoa');
    const u = (await admin.post('/api/users', { username: 'tran.binh', password: 'Tam-Thoi-2026', fullName: 'Trần Bình', unitId: other })).json();
    const g1 = await admin.post(`/api/users/${u.id}/grants`, { unitId: other, role: 'viewer' });
    expect(g1.statusCode).toBe(201);
    expect((await admin.post(`/api/users/${u.id}/grants`, { unitId: other, role: 'viewer' })).statusCode).toBe(409);
    expect((await commAdmin.post(`/api/users/${u.id}/grants`, { unitId: commune, role: 'admin' })).statusCode).toBe(404);
    const ministry = (await loadUnitGraph(h.database.db)).idOf(DEMO.ministry)!;
    const above = await admin.post(`/api/users/${u.id}/grants`, { unitId: ministry, role: 'admin' });
    expect(above.statusCode).toBe(400);
    expect(above.json().fields).toEqual({ unitId: 'Không tìm thấy đơn vị.' });
    await admin.post(`/api/users/${u.id}/password-reset`, { password: 'Dat-Lai-2026' });
    const binh = await h.login('tran.binh', 'Dat-Lai-2026');
    await binh.post('/api/auth/password', { currentPassword: 'Dat-Lai-2026', newPassword: 'Cua-Binh-2026' });
    expect((await binh.get(`/api/units/${other}`)).statusCode).toBe(200);
    expect((await admin.delete(`/api/users/${u.id}/grants/${g1.json().id}`)).statusCode).toBe(200);
    expect((await binh.get(`/api/units/${other}`)).statusCode).toBe(404);
  });

  it('a password reset ends the user\'s sessions; disabling ends them too', async () => {
    const u = (await admin.post('/api/users', { username: 'le.cuong', password: 'Tam-Thoi-2026', fullName: 'Lê Cường', unitId: commune })).json();
    const cuong = await h.login('le.cuong', 'Tam-Thoi-2026');
    expect((await cuong.get('/api/auth/me')).statusCode).toBe(200);
    await admin.post(`/api/users/${u.id}/password-reset`, { password: 'Moi-Lan-2-2026' });
    expect((await cuong.get('/api/auth/me')).statusCode).toBe(401);
    const again = await h.login('le.cuong', 'Moi-Lan-2-2026');
    expect((await admin.patch(`/api/users/${u.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await again.get('/api/auth/me')).statusCode).toBe(401);
    const login = await h.anon.post('/api/auth/login', { username: 'le.cuong', password: 'Moi-Lan-2-2026' });
    expect(login.statusCode).toBe(401);
  });

  it('locks an account after 5 wrong passwords, and a client (an address, an IPv6 /64) after 20', async () => {
    const u = { username: 'pham.dung', password: 'Tam-Thoi-2026', fullName: 'Phạm Dũng', unitId: commune };
    await admin.post('/api/users', u);
    const attempt = (password: string, ip = '10.0.0.1', username = u.username) =>
      h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
    for (let i = 0; i < 5; i++) expect((await attempt('sai-mat-khau')).statusCode).toBe(401);
    const locked = await attempt(u.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('account_locked');
    // When to try again: the oldest of the five failures leaves the 15 minutes' window.
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(850);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(900);
    for (let i = 0; i < 20; i++) await attempt('sai', '10.0.0.2', `khong-co-${i}`);
    const ipBlocked = await attempt('LangNghe@2026', '10.0.0.2', 'lanhdao.tinh');
    expect(ipBlocked.json().code).toBe('too_many_attempts');
    expect(Number(ipBlocked.headers['retry-after'])).toBeGreaterThan(850);
    expect((await attempt('LangNghe@2026', '10.0.0.3', 'lanhdao.tinh')).statusCode).toBe(200);
    // An IPv6 client has a whole /64 to take addresses from: a new address per guess is still the same client.
    for (let i = 0; i < 20; i++) await attempt('sai', `2001:db8:7:1::${(i + 1).toString(16)}`, `khong-co-v6-${i}`);
    expect((await attempt('LangNghe@2026', '2001:db8:7:1:abcd::99', 'lanhdao.tinh')).json().code).toBe('too_many_attempts');
    expect((await attempt('LangNghe@2026', '2001:db8:7:2::1', 'lanhdao.tinh')).statusCode).toBe(200);
  });

  it('records every change in the audit trail with actor, unit, before and after', async () => {
    const events = (await admin.get('/api/audit?entityType=user&limit=100')).json().events;
    const update = events.find((e: { action: string }) => e.action === 'user.update');
    expect(update).toMatchObject({ actor: 'quantri.tinh', before: { disabled: false }, after: { disabled: true }, ip: expect.any(String) });
    expect(JSON.stringify(events)).not.toContain('argon2');
    const logins = (await admin.get('/api/audit?action=session.login&limit=5')).json().events;
    expect(logins.length).toBeGreaterThan(0);
  });

  it('keeps the session cookie httpOnly and SameSite=Lax, Secure only behind HTTPS', async () => {
    const res = await h.anon.post('/api/auth/login', { username: 'lanhdao.tinh', password: 'LangNghe@2026' });
    const c = res.cookies.find((x) => x.name === 'ln_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(c.secure).toBeUndefined();
    const me = client(h.app, sessionCookie(res), null);
    expect((await me.get('/api/auth/me')).json().user.username).toBe('lanhdao.tinh');
  });
});

forEachEngine('personal data of accounts', 'demo', (h) => {
  it('keeps phone and email out of lists and logs each view of them', async () => {
    const admin = await h.login('quantri.tinh');
    const unitId = (await loadUnitGraph(h.database.db)).idOf(DEMO.thieuHoaCommune)!;
    const created = (await admin.post('/api/users', { username: 'ho.giang', password: 'Tam-Thoi-2026', fullName: 'Hồ Giang', phone: '0987654321', email: 'giang@example.vn', unitId })).json();
    const list = (await admin.get('/api/users?search=giang')).json().users;
    expect(list).toEqual([expect.objectContaining({ username: 'ho.giang', phone: null, email: null, hasContact: true })]);
    const leader = await h.login('lanhdao.tinh');
    const detail = (await leader.get(`/api/users/${created.id}`)).json();
    expect(detail).toMatchObject({ phone: '0987654321', email: 'giang@example.vn' });
    const views = (await admin.get('/api/audit?action=user.contact_view')).json().events;
    expect(views[0]).toMatchObject({ actor: 'lanhdao.tinh', entityId: String(created.id) });
  });

  it('lists people in Vietnamese order, by given name', async () => {
    const admin = await h.login('quantri.tinh');
    const names = (await admin.get('/api/users')).json().users.map((u: { fullName: string }) => u.fullName);
    // The personas among everyone (the demo has more officers): Ánh, then Định before Đức (Đ after D).
    const personas = names.filter((n: string) => ['Vũ Ngọc Ánh', 'Bùi Văn Định', 'Trần Minh Đức', 'Lê Thị Hương'].includes(n));
    expect(personas).toEqual(['Vũ Ngọc Ánh', 'Bùi Văn Định', 'Trần Minh Đức', 'Lê Thị Hương']);
  });
});
