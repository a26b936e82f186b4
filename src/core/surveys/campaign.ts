// A campaign's life: draft -> open -> closed -> archived, and closed -> open again (reopening is audited
// with a reason). Whether a form accepts answers also depends on the dates.
import type { CampaignState } from '../../db/schema.ts';

export type CampaignAction = 'open' | 'close' | 'reopen' | 'archive';

const TRANSITIONS: Record<CampaignAction, { from: CampaignState[]; to: CampaignState }> = {
  open: { from: ['draft'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  reopen: { from: ['closed'], to: 'open' },
  archive: { from: ['closed'], to: 'archived' },
};

export const CAMPAIGN_ACTIONS = Object.keys(TRANSITIONS) as CampaignAction[];

/** The state after action, or null when the action is not allowed from state. */
export function nextState(state: CampaignState, action: CampaignAction): CampaignState | null {
  const t = TRANSITIONS[action];
  return t.from.includes(state) ? t.to : null;
}

/** Actions allowed from a state (for the console's buttons). */
export function actionsFrom(state: CampaignState): CampaignAction[] {
  return CAMPAIGN_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(state));
}

export type Acceptance = 'accepting' | 'not_open_yet' | 'closed' | 'draft';

/** Whether the form takes answers on `today` (YYYY-MM-DD, Vietnam time). */
export function acceptance(state: CampaignState, opensOn: string, closesOn: string, today: string): Acceptance {
  if (state === 'draft') return 'draft';
  if (state !== 'open' || today > closesOn) return 'closed';
  if (today < opensOn) return 'not_open_yet';
  return 'accepting';
}
