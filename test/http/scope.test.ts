// For every resource and every role: inside the subtree works as the role allows; outside answers 404.
import { beforeAll, expect, it } from 'vitest';
import { forEachEngine, type Client } from '../helpers/harness.ts';
import { createUser } from '../../src/commands/users/manage.ts';
import { loadUnitGraph } from '../../src/db/repos/units.ts';
import { DEMO } from '../../src/seed/demo.ts';
import { ROLES, type Role } from '../../src/core/roles.ts';

const PASSWORD = 'Kiem-Thu-2026';

forEachEngine('scope per role', 'demo', (h) => {
  const clients = {} as Record<Role, Client>;
  let own: number, other: number, oldMerged: number, province: number;
  let ownUserId: number, otherUserId: number;

  beforeAll(async () => {
    const g = await loadUnitGraph(h.database.db);
    own = g.idOf(DEMO.thieuHoaCommune)!;
    other = g.idOf(DEMO.dinhHoaCommune)!;
    oldMerged = g.idOf('TH-H-THIEUHOA.X-THIEUCONG')!;
    province = g.idOf(DEMO.province)!;
    for (const role of ROLES) {
      await createUser(h.ctx, { username: `kt.${role}`, password: PASSWORD, fullName: `Kiểm thử ${role}`, phone: null, email: null, unitId: own }, { grants: [{ unitId: own, role }] });
      clients[role] = await h.login(`kt.${role}`, PASSWORD);
    }
    const mk = async (username: string, unitId: number) =>
      (await createUser(h.ctx, { username, password: PASSWORD, fullName: 'Người dùng', phone: '0912345678', email: null, unitId })).id;
    ownUserId = await mk('kt.cung.xa', own);
    otherUserId = await mk('kt.xa.khac', other);
  });

  it('units: every role reads its own unit and the old communes merged into it; another commune is 404', async () => {
    for (const role of ROLES) {
      const c = clients[role];
      expect((await c.get(`/api/units/${own}`)).statusCode, role).toBe(200);
      expect((await c.get(`/api/units/${oldMerged}`)).statusCode, role).toBe(200);
      expect((await c.get(`/api/units/${other}`)).statusCode, role).toBe(404);
      expect((await c.get(`/api/units/${province}`)).statusCode, role).toBe(404);
      const tree = (await c.get('/api/units/tree')).json();
      expect(tree.roots.map((r: { id: number }) => r.id), role).toEqual([own]);
      const patchOther = await c.patch(`/api/units/${other}`, { name: 'X', level: 'commune', parentCode: 'CATH', validFrom: '2025-07-01' });
      expect(patchOther.statusCode, role).toBe(404);
    }
  });

  it('units: only the admin may correct its own unit; others are refused', async () => {
    const body = { name: 'Công an xã Thiệu Hóa', shortName: 'CAX Thiệu Hóa', level: 'commune', parentCode: 'CATH', validFrom: '2025-07-01', place: 'Thiệu Hóa' };
    for (const role of ROLES) {
      const res = await clients[role].patch(`/api/units/${own}`, body);
      expect(res.statusCode, `${role}: ${res.body}`).toBe(role === 'admin' ? 200 : 403);
    }
  });

  it('users: admins and leaders see users of their subtree; a user of another commune is 404 for every role', async () => {
    for (const role of ROLES) {
      const c = clients[role];
      const mine = await c.get(`/api/users/${ownUserId}`);
      expect(mine.statusCode, role).toBe(role === 'admin' || role === 'leader' ? 200 : 404);
      expect((await c.get(`/api/users/${otherUserId}`)).statusCode, role).toBe(404);
      const patch = await c.patch(`/api/users/${otherUserId}`, { fullName: 'Đổi tên' });
      expect(patch.statusCode, role).toBe(404);
      const list = await c.get('/api/users');
      if (role === 'admin' || role === 'leader') {
        const names = list.json().users.map((u: { username: string }) => u.username);
        expect(names, role).toContain('kt.cung.xa');
        expect(names, role).not.toContain('kt.xa.khac');
        expect(names, role).not.toContain('quantri.tinh');
      } else {
        expect(list.statusCode, role).toBe(403);
      }
    }
  });

  it('users: only the admin may change a user of its subtree', async () => {
    for (const role of ROLES) {
      const res = await clients[role].patch(`/api/users/${ownUserId}`, { fullName: `Sửa bởi ${role}` });
      expect(res.statusCode, role).toBe(role === 'admin' ? 200 : role === 'leader' ? 403 : 404);
    }
  });

  it('audit: admins and leaders see only events of their subtree; other roles are refused', async () => {
    for (const role of ROLES) {
      const res = await clients[role].get('/api/audit?limit=200');
      if (role !== 'admin' && role !== 'leader') {
        expect(res.statusCode, role).toBe(403);
        continue;
      }
      const units = new Set(res.json().events.map((e: { unitId: number }) => e.unitId));
      expect(units.size, role).toBeGreaterThan(0);
      expect(units.has(other), role).toBe(false);
      expect(units.has(province), role).toBe(false);
    }
    const provinceLeader = await h.login('lanhdao.tinh');
    const all = (await provinceLeader.get('/api/audit?limit=200')).json().events.map((e: { unitId: number }) => e.unitId);
    expect(all).toContain(other);
  });
});
