// The life of a feedback item, as an explicit state machine: every handling step is an action with a from-state,
// a to-state, who may take it, and what it needs (a reason, a message for the citizen, an assignee...).
import type { FeedbackKind, FeedbackOutcome, FeedbackState } from '../../db/schema.ts';
import { procedureOf } from './kinds.ts';

export type FeedbackAction =
  | 'accept' | 'refuse' | 'forward' | 'transfer' | 'assign' | 'start' | 'draft' | 'return' | 'approve' | 'close'
  | 'duplicate' | 'withdraw' | 'reopen' | 'answer_on_spot';

/**
 * The steps a person takes on an item in the register (its buttons and its API). `answer_on_spot` is not among
 * them: only the conference's live capture takes it, when the presiding officer answered the opinion in the room.
 */
export const ACTIONS: readonly FeedbackAction[] = [
  'accept', 'refuse', 'forward', 'transfer', 'assign', 'start', 'draft', 'return', 'approve', 'close', 'duplicate',
  'withdraw', 'reopen',
];

/** Who takes the step: `handle` (officers and leaders) or `approve` (leaders). */
export type ActionRight = 'handle' | 'approve';

export interface ActionSpec {
  right: ActionRight;
  /** A reason is required (and recorded). */
  reason: boolean;
  /** The step is public: the citizen is told (a message is written from the step if none is given). */
  public: boolean;
}

export const ACTION_SPECS: Readonly<Record<FeedbackAction, ActionSpec>> = {
  accept: { right: 'handle', reason: false, public: true },
  refuse: { right: 'handle', reason: true, public: true },
  forward: { right: 'handle', reason: true, public: true },
  transfer: { right: 'handle', reason: false, public: true },
  assign: { right: 'handle', reason: false, public: false },
  start: { right: 'handle', reason: false, public: false },
  draft: { right: 'handle', reason: false, public: false },
  return: { right: 'approve', reason: true, public: false },
  approve: { right: 'approve', reason: false, public: true },
  close: { right: 'handle', reason: false, public: true },
  duplicate: { right: 'handle', reason: false, public: true },
  withdraw: { right: 'handle', reason: true, public: true },
  reopen: { right: 'approve', reason: true, public: true },
  // The answer was given aloud by the presiding officer in front of the conference: it is already public.
  answer_on_spot: { right: 'handle', reason: false, public: true },
};

/** States after which nothing happens unless someone reopens. */
export const TERMINAL: ReadonlySet<FeedbackState> = new Set(['refused', 'forwarded', 'transferred', 'closed']);
/** States in which the unit still owes the citizen something: these have deadlines and can be overdue. */
export const OPEN_STATES: readonly FeedbackState[] = ['received', 'accepted', 'assigned', 'in_progress', 'answer_drafted', 'approved'];
/** Open and owing the citizen something with a date: these can be overdue (migration 008 indexes exactly these). */
export const OWING_STATES: readonly FeedbackState[] = OPEN_STATES.filter((s) => s !== 'approved');
/** Before acceptance the unit owes the acknowledgement; afterwards the answer. */
export const AWAITING_ACK: ReadonlySet<FeedbackState> = new Set(['received']);

export interface ItemFacts {
  state: FeedbackState;
  kind: FeedbackKind;
  assigneeId: number | null;
  hasDraft: boolean;
}

export interface Transition {
  to: FeedbackState;
  outcome?: FeedbackOutcome;
}

const WORKING: ReadonlySet<FeedbackState> = new Set(['accepted', 'assigned', 'in_progress', 'answer_drafted']);

/**
 * The state an action leads to, or null if it is not allowed now. `outcome` is the closing outcome the caller
 * asks for with `close` (resolved / explained, or thanked for praise).
 */
export function transition(item: ItemFacts, action: FeedbackAction, outcome?: FeedbackOutcome): Transition | null {
  const s = item.state;
  switch (action) {
    case 'accept':
      return s === 'received' && !procedureOf(item.kind) ? { to: 'accepted' } : null;
    case 'refuse':
      return s === 'received' ? { to: 'refused' } : null;
    case 'forward':
      return s === 'received' || s === 'accepted' ? { to: 'forwarded' } : null;
    case 'transfer':
      // Found to be a complaint, denunciation or crime report (at receipt, or later while handling): out it goes.
      return (s === 'received' || WORKING.has(s)) && procedureOf(item.kind) ? { to: 'transferred' } : null;
    case 'assign':
      if (s === 'accepted') return { to: 'assigned' };
      return s === 'assigned' || s === 'in_progress' || s === 'answer_drafted' ? { to: s } : null;
    case 'start':
      return s === 'assigned' ? { to: 'in_progress' } : null;
    case 'draft':
      return (s === 'in_progress' || s === 'answer_drafted') ? { to: 'answer_drafted' } : null;
    case 'return':
      return s === 'answer_drafted' || s === 'approved' ? { to: 'in_progress' } : null;
    case 'approve':
      return s === 'answer_drafted' && item.hasDraft ? { to: 'approved' } : null;
    case 'close':
      if (s === 'approved' && (outcome === 'resolved' || outcome === 'explained')) return { to: 'closed', outcome };
      // Praise is recorded, thanked and counted: it needs no approved answer.
      if (item.kind === 'praise' && outcome === 'thanked' && (WORKING.has(s) || s === 'approved')) return { to: 'closed', outcome };
      return null;
    case 'duplicate':
      return s === 'received' || WORKING.has(s) ? { to: 'closed', outcome: 'duplicate' } : null;
    case 'withdraw':
      return s === 'received' || WORKING.has(s) || s === 'approved' ? { to: 'closed', outcome: 'withdrawn' } : null;
    case 'answer_on_spot':
      return s === 'received' && !procedureOf(item.kind) ? { to: 'closed', outcome: 'answered_on_spot' } : null;
    case 'reopen':
      if (s !== 'closed' && s !== 'refused') return null;
      // A flagged kind goes back to the start, where it can only be transferred (or refused or forwarded).
      if (procedureOf(item.kind)) return { to: 'received' };
      return { to: item.assigneeId !== null ? 'in_progress' : 'accepted' };
  }
}

/** Every action allowed from the item's state (closing outcomes aside), for the console's buttons. */
export function availableActions(item: ItemFacts): FeedbackAction[] {
  return ACTIONS.filter((a) =>
    a === 'close'
      ? transition(item, a, 'resolved') !== null || transition(item, a, 'thanked') !== null
      : transition(item, a) !== null);
}

export function isOpen(state: FeedbackState): boolean {
  return !TERMINAL.has(state);
}
