// Who may do what with official documents: drafting follows the conference plan right, issuing the publish right
// (a document is numbered and signed by the unit's leadership), the header by administrators and leaders.
import { conferencePolicy } from './conferences.ts';
import { ALL_ROLES, definePolicy } from './policy.ts';

export const documentPolicy = definePolicy({
  /** See drafts and issued documents of units in scope, and the unit's header. */
  read: ALL_ROLES,
  /** Create and edit drafts, preview them. */
  edit: conferencePolicy.rules.plan,
  /** Issue a draft: it takes the next number and never changes again. */
  issue: conferencePolicy.rules.publish,
  /** The unit's header: bodies, symbol, place, signer, default recipients. */
  configure: ['admin', 'leader'],
});
export type DocumentPolicyAction = keyof typeof documentPolicy.rules;
