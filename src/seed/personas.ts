// Demo personas: one per role and level, and one person with two grants, all with one password.
import type { CommandContext } from '../commands/context.ts';
import { createUser } from '../commands/users/manage.ts';
import type { Actor, Role } from '../core/roles.ts';
import { readRevision } from '../db/repos/revisions.ts';
import type { UnitGraph } from '../core/units/graph.ts';
import { DEMO } from './demo.ts';

export const DEMO_PASSWORD = 'LangNghe@2026';

export interface Persona {
  username: string;
  fullName: string;
  unit: string;
  grants: { unit: string; role: Role }[];
  description: string;
  /** Where their deadline reminders go (commands/feedback/reminders.ts); `.example` addresses reach nobody. */
  email?: string;
  phone?: string;
}

export const PERSONAS: Persona[] = [
  { username: 'quantri.bo', fullName: 'Phạm Quốc Khánh', unit: DEMO.ministry, grants: [{ unit: DEMO.ministry, role: 'admin' }], description: 'Quản trị hệ thống (Bộ Công an)' },
  { username: 'quantri.tinh', fullName: 'Nguyễn Văn Quân', unit: DEMO.province, grants: [{ unit: DEMO.province, role: 'admin' }], description: 'Quản trị Công an tỉnh Thanh Hóa' },
  { username: 'lanhdao.tinh', fullName: 'Lê Thị Hương', unit: DEMO.province, grants: [{ unit: DEMO.province, role: 'leader' }], description: 'Lãnh đạo Công an tỉnh' },
  { username: 'dando.tinhuy', fullName: 'Trần Minh Đức', unit: DEMO.province, grants: [{ unit: DEMO.province, role: 'viewer' }], description: 'Ban Dân vận Tỉnh ủy (theo dõi)' },
  { username: 'lanhdao.thieuhoa', fullName: 'Hoàng Văn Thành', unit: DEMO.thieuHoaCommune, grants: [{ unit: DEMO.thieuHoaCommune, role: 'leader' }], description: 'Trưởng Công an xã Thiệu Hóa', email: 'thanh.hv@congan-thieuhoa.example' },
  { username: 'canbo.thieuhoa', fullName: 'Đỗ Thị Lan', unit: DEMO.thieuHoaCommune, grants: [{ unit: DEMO.thieuHoaCommune, role: 'officer' }], description: 'Cán bộ Công an xã Thiệu Hóa', email: 'lan.dt@congan-thieuhoa.example' },
  { username: 'nhaplieu.thieuhoa', fullName: 'Vũ Ngọc Ánh', unit: DEMO.thieuHoaCommune, grants: [{ unit: DEMO.thieuHoaCommune, role: 'clerk' }], description: 'Nhập liệu Công an xã Thiệu Hóa' },
  {
    username: 'canbo.dinhhoa', fullName: 'Bùi Văn Định', unit: DEMO.dinhHoaCommune,
    grants: [{ unit: DEMO.dinhHoaCommune, role: 'officer' }, { unit: DEMO.thieuTrungCommune, role: 'viewer' }],
    description: 'Cán bộ Công an xã Định Hòa, theo dõi xã Thiệu Trung', email: 'dinh.bv@congan-dinhhoa.example',
  },
];

export async function seedPersonas(ctx: CommandContext, graph: UnitGraph) {
  for (const p of PERSONAS) {
    await createUser(
      ctx,
      { username: p.username, password: DEMO_PASSWORD, fullName: p.fullName, phone: p.phone ?? null, email: p.email ?? null, unitId: graph.idOf(p.unit)! },
      { grants: p.grants.map((g) => ({ unitId: graph.idOf(g.unit)!, role: g.role })) },
    );
  }
}

/** The Actor of a seeded account, to run commands as that person. */
export async function personaActor(ctx: CommandContext, username: string): Promise<Actor> {
  const db = ctx.database.db;
  const u = await db.selectFrom('users').select(['id', 'username', 'full_name', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
  return ctx.access.actor({ userId: u.id, username: u.username, fullName: u.full_name, unitId: u.unit_id }, await readRevision(db, 'access'));
}
