// A policy is a table: action -> roles that may do it on a record of a unit in their scope.
import { hasRoleAt, unitsWithAnyRole, type Actor, type Role } from '../roles.ts';

export interface Policy<A extends string> {
  rules: Readonly<Record<A, readonly Role[]>>;
  /** May actor do action on a record that belongs to unitId? */
  can(actor: Actor, action: A, unitId: number): boolean;
  /** Every unit id where actor may do action: the scope filter for lists. */
  unitIds(actor: Actor, action: A): number[];
  /** Actions allowed on a record, sent with it so the console never guesses which buttons to show. */
  allowed(actor: Actor, unitId: number): A[];
}

export function definePolicy<A extends string>(rules: Readonly<Record<A, readonly Role[]>>): Policy<A> {
  const actions = Object.keys(rules) as A[];
  return {
    rules,
    can: (actor, action, unitId) => hasRoleAt(actor, unitId, rules[action]),
    unitIds: (actor, action) => unitsWithAnyRole(actor, rules[action]),
    allowed: (actor, unitId) => actions.filter((a) => hasRoleAt(actor, unitId, rules[a])),
  };
}

export const ALL_ROLES: readonly Role[] = ['admin', 'leader', 'officer', 'clerk', 'viewer'];
