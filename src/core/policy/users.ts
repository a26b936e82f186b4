// Who may do what with accounts: admins manage accounts and grants in their subtree; leaders see them.
import { definePolicy } from './policy.ts';

export const userPolicy = definePolicy({
  read: ['admin', 'leader'],
  create: ['admin'],
  update: ['admin'],
  resetPassword: ['admin'],
  grant: ['admin'],
});
export type UserAction = keyof typeof userPolicy.rules;
