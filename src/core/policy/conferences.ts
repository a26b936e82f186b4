// Who may do what with conferences.
import { ALL_ROLES, definePolicy } from './policy.ts';

export const conferencePolicy = definePolicy({
  /** See conferences of units in scope, their agenda, attendance counts, opinions and documents. */
  read: ALL_ROLES,
  /** Plan: create and edit a conference, its agenda and delegates; import delegates; draft its documents. */
  plan: ['admin', 'leader', 'officer'],
  /** On the day: check delegates in, capture opinions live, add photos. */
  run: ['leader', 'officer', 'clerk'],
  /** See delegates' phone and email (each view is logged). */
  contact: ['leader', 'officer'],
  /** Publish the public summary; issue documents; cancel. */
  publish: ['leader'],
});
export type ConferencePolicyAction = keyof typeof conferencePolicy.rules;
