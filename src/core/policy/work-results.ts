// Who may do what with work results (kết quả công tác) of units in scope.
import { ALL_ROLES, definePolicy } from './policy.ts';

export const workResultsPolicy = definePolicy({
  /** See a unit's figures and their comparison with the previous year. */
  read: ALL_ROLES,
  /** Enter figures by hand or import them from a spreadsheet. */
  enter: ['admin', 'leader', 'officer', 'clerk'],
  /** Change the indicator list (one national list: only an administrator of the root unit, see commands). */
  configure: ['admin'],
});
export type WorkResultsPolicyAction = keyof typeof workResultsPolicy.rules;
