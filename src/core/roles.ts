// Roles are granted per unit subtree; a person may hold several grants.
import type { Role } from '../db/schema.ts';

export type { Role };
export const ROLES: readonly Role[] = ['admin', 'leader', 'officer', 'clerk', 'viewer'];

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export interface Grant {
  id: number;
  unitId: number;
  role: Role;
}

/** Who is acting and where: the roles an actor holds at each unit in their scope. */
export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  unitId: number;
  grants: Grant[];
  /** unit id -> roles that reach it through some grant's subtree. */
  rolesByUnit: ReadonlyMap<number, ReadonlySet<Role>>;
  /** Holds admin on a unit with no parent: may see events that belong to no unit. */
  rootAdmin: boolean;
}

/** Units where the actor holds at least one of the roles. */
export function unitsWithAnyRole(actor: Actor, roles: readonly Role[]): number[] {
  const out: number[] = [];
  for (const [unitId, held] of actor.rolesByUnit) if (roles.some((r) => held.has(r))) out.push(unitId);
  return out;
}

export function hasRoleAt(actor: Actor, unitId: number, roles: readonly Role[]): boolean {
  const held = actor.rolesByUnit.get(unitId);
  return !!held && roles.some((r) => held.has(r));
}
