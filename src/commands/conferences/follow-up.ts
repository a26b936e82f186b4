// Following up a conference's opinions: each with its state, due date and status (answered on the spot, answered,
// overdue, due within two working days, open), and the totals the console and the next year's report show.
import { todayVN } from '../../core/dates.ts';
import { followUpStatus, followUpTotals } from '../../core/conferences/follow-up.ts';
import { feedbackConfig } from '../../db/repos/feedback-config.ts';
import type { ActorContext } from '../context.ts';
import { opinionRows } from './opinions.ts';
import { conferenceFor } from './shared.ts';

/** Working days ahead that count as "due soon". */
export const DUE_SOON_WORKING_DAYS = 2;

/** GET /api/conferences/:id/follow-up. */
export async function conferenceOpinionFollowUp(ctx: ActorContext, conferenceId: number) {
  await conferenceFor(ctx, conferenceId, 'read');
  const today = todayVN();
  const { calendar } = await feedbackConfig(ctx.database);
  const dueSoonBy = calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS);
  const rows = await opinionRows(ctx, conferenceId);
  const opinions = rows.map((r) => {
    const status = followUpStatus({ state: r.state, outcome: r.outcome, dueOn: r.due_on }, today, dueSoonBy);
    return {
      seq: r.seq, itemId: r.item_id, trackingCode: r.tracking_code, registerNo: r.register_no, kind: r.kind, topicCode: r.topic_code,
      summary: r.summary, answerMode: r.answer_mode, state: r.state, outcome: r.outcome, dueOn: r.due_on, overdue: status === 'overdue',
      status, answeredOn: r.answered_on, publicAnswer: r.public_answer,
    };
  });
  return { opinions, totals: followUpTotals(opinions.map((o) => o.status)) };
}
