// Where each conference opinion stands (pure): answered on the spot, answered since, or still owed — overdue, due
// soon, or open. "Answered" means the unit owes the speaker nothing more: an approved or closed answer, or the item
// left the workflow (refused, forwarded, or transferred to the complaint, denunciation or crime-report procedure).
import type { FeedbackOutcome, FeedbackState } from '../../db/schema.ts';
import { OWING_STATES } from '../feedback/lifecycle.ts';

export type FollowUpStatus = 'answered_on_spot' | 'answered' | 'overdue' | 'due_soon' | 'open';

export interface FollowUpFacts {
  state: FeedbackState;
  outcome: FeedbackOutcome | null;
  dueOn: string | null;
}

/** The status of one opinion's item today; `dueSoonBy` is the last day that counts as "due soon" (inclusive). */
export function followUpStatus(item: FollowUpFacts, today: string, dueSoonBy: string): FollowUpStatus {
  if (item.outcome === 'answered_on_spot') return 'answered_on_spot';
  if (!OWING_STATES.includes(item.state)) return 'answered';
  if (item.dueOn && item.dueOn < today) return 'overdue';
  if (item.dueOn && item.dueOn <= dueSoonBy) return 'due_soon';
  return 'open';
}

export interface FollowUpTotals {
  raised: number;
  answeredOnSpot: number;
  answered: number;
  /** Still owed, overdue and due soon included. */
  open: number;
  overdue: number;
  dueSoon: number;
}

/** Totals over statuses: raised = answeredOnSpot + answered + open. */
export function followUpTotals(statuses: readonly FollowUpStatus[]): FollowUpTotals {
  const n = (s: FollowUpStatus) => statuses.filter((x) => x === s).length;
  const overdue = n('overdue');
  const dueSoon = n('due_soon');
  return { raised: statuses.length, answeredOnSpot: n('answered_on_spot'), answered: n('answered'), open: overdue + dueSoon + n('open'), overdue, dueSoon };
}
