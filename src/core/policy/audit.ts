// Who may browse the audit trail: admins and leaders, for events of units in their scope.
import { definePolicy } from './policy.ts';

export const auditPolicy = definePolicy({
  read: ['admin', 'leader'],
});
