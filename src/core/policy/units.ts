// Who may do what with units: everyone in scope reads; admins shape the tree and its history.
import { ALL_ROLES, definePolicy } from './policy.ts';

export const unitPolicy = definePolicy({
  read: ALL_ROLES,
  create: ['admin'],
  update: ['admin'],
  lineage: ['admin'],
  import: ['admin'],
  export: ['admin', 'leader'],
});
export type UnitAction = keyof typeof unitPolicy.rules;
