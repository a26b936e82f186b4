// Who may do what with questionnaires, campaigns, responses and results.
import { ALL_ROLES, definePolicy } from './policy.ts';

export const surveyPolicy = definePolicy({
  /** See questionnaires and campaigns of units in scope. */
  read: ALL_ROLES,
  /** Write questionnaires, create campaigns, set targets, open and close them. */
  manage: ['admin', 'leader', 'officer'],
  /** Key paper sheets and import responses from other tools. */
  enter: ['admin', 'leader', 'officer', 'clerk'],
  /** Results and exports: anonymous answers only. */
  results: ALL_ROLES,
});
export type SurveyAction = keyof typeof surveyPolicy.rules;
