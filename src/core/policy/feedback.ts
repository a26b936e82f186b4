// Who may do what in the feedback register.
import { ALL_ROLES, definePolicy } from './policy.ts';

export const feedbackPolicy = definePolicy({
  /** See items of units in scope (without contact details). */
  read: ALL_ROLES,
  /** Key in items from hotline, letter, walk-in, the suggestion box, conferences, surveys and imports. */
  enter: ['admin', 'leader', 'officer', 'clerk'],
  /** Classify, accept, refuse, forward, assign, draft answers, note, split, mark duplicates. */
  handle: ['leader', 'officer'],
  /** Approve answers before anything is published; send back; reopen. */
  approve: ['leader'],
  /** See the citizen's name and contact details (each view is logged). */
  contact: ['leader', 'officer'],
  /** See the officer concerned by an item. */
  restricted: ['leader'],
  /** Response templates, topics, deadlines, the calendar, partner API keys. */
  configure: ['admin', 'leader'],
});
export type FeedbackPolicyAction = keyof typeof feedbackPolicy.rules;
