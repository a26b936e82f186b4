// The register's state machine, by its properties: whatever sequence of steps people try, the item only moves
// along the allowed paths, no answer is published without a leader's approval, flagged kinds never enter the
// feedback workflow, closed items stay closed unless reopened with a reason, and every state can be reached.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIONS, ACTION_SPECS, availableActions, OPEN_STATES, TERMINAL, transition, type FeedbackAction, type ItemFacts } from '../../src/core/feedback/lifecycle.ts';
import { KINDS, procedureOf } from '../../src/core/feedback/kinds.ts';
import type { FeedbackKind, FeedbackOutcome, FeedbackState } from '../../src/db/schema.ts';

const OUTCOMES: (FeedbackOutcome | undefined)[] = [undefined, 'resolved', 'explained', 'thanked', 'duplicate', 'withdrawn'];
const step = fc.record({ action: fc.constantFrom(...ACTIONS), outcome: fc.constantFrom(...OUTCOMES), assign: fc.boolean(), draft: fc.boolean() });

/** Plays a sequence of attempted steps from 'received'; refused attempts change nothing (as the command answers 409). */
function play(kind: FeedbackKind, steps: { action: FeedbackAction; outcome?: FeedbackOutcome; assign: boolean; draft: boolean }[]) {
  let item: ItemFacts = { state: 'received', kind, assigneeId: null, hasDraft: false };
  const path: { from: FeedbackState; action: FeedbackAction; to: FeedbackState; outcome?: FeedbackOutcome; hadDraft: boolean }[] = [];
  for (const s of steps) {
    const t = transition(item, s.action, s.outcome);
    if (!t) continue;
    path.push({ from: item.state, action: s.action, to: t.to, outcome: t.outcome, hadDraft: item.hasDraft });
    item = {
      ...item, state: t.to,
      assigneeId: s.action === 'assign' ? 7 : item.assigneeId,
      hasDraft: s.action === 'draft' ? true : item.hasDraft,
    };
  }
  return { item, path };
}

describe('feedback lifecycle (properties)', () => {
  it('approval is the only way to "approved", and only from a drafted answer, by a leader', () => {
    fc.assert(fc.property(fc.constantFrom(...KINDS), fc.array(step, { maxLength: 40 }), (kind, steps) => {
      for (const p of play(kind, steps).path) {
        if (p.to === 'approved') {
          expect(p.action).toBe('approve');
          expect(p.from).toBe('answer_drafted');
          expect(p.hadDraft).toBe(true);
        }
      }
      expect(ACTION_SPECS.approve.right).toBe('approve');
    }), { numRuns: 2000 });
  });

  it('khiếu nại, tố cáo and tố giác never enter the workflow: they can only be transferred (or refused, forwarded, withdrawn)', () => {
    fc.assert(fc.property(fc.constantFrom<FeedbackKind>('complaint', 'denunciation', 'crime_report'), fc.array(step, { maxLength: 40 }), (kind, steps) => {
      const { path } = play(kind, steps);
      for (const p of path) expect(['accepted', 'assigned', 'in_progress', 'answer_drafted', 'approved']).not.toContain(p.to);
      expect(procedureOf(kind)).not.toBeNull();
    }), { numRuns: 1000 });
  });

  it('a terminal state moves only by a reopen (which needs a reason), and only closed or refused items reopen', () => {
    fc.assert(fc.property(fc.constantFrom(...KINDS), fc.array(step, { maxLength: 40 }), (kind, steps) => {
      for (const p of play(kind, steps).path) {
        if (TERMINAL.has(p.from)) {
          expect(p.action).toBe('reopen');
          expect(['closed', 'refused']).toContain(p.from);
        }
      }
      expect(ACTION_SPECS.reopen.reason).toBe(true);
    }), { numRuns: 2000 });
  });

  it('closing carries an outcome, and "resolved"/"explained" only after an approved answer', () => {
    fc.assert(fc.property(fc.constantFrom(...KINDS), fc.array(step, { maxLength: 40 }), (kind, steps) => {
      for (const p of play(kind, steps).path) {
        if (p.to !== 'closed') continue;
        expect(p.outcome).toBeDefined();
        if (p.outcome === 'resolved' || p.outcome === 'explained') expect(p.from).toBe('approved');
        if (p.outcome === 'thanked') expect(kind).toBe('praise');
      }
    }), { numRuns: 2000 });
  });

  it('refusing, forwarding, withdrawing and reopening need a reason; the steps the citizen hears of are public', () => {
    for (const a of ['refuse', 'forward', 'withdraw', 'reopen', 'return'] as const) expect(ACTION_SPECS[a].reason).toBe(true);
    for (const a of ['accept', 'refuse', 'forward', 'transfer', 'approve', 'close', 'duplicate', 'withdraw', 'reopen'] as const) expect(ACTION_SPECS[a].public).toBe(true);
    for (const a of ['assign', 'start', 'draft', 'return'] as const) expect(ACTION_SPECS[a].public).toBe(false);
  });

  it('the buttons offered are exactly the steps that would succeed', () => {
    fc.assert(fc.property(fc.constantFrom(...KINDS), fc.array(step, { maxLength: 30 }), (kind, steps) => {
      const { item } = play(kind, steps);
      const offered = new Set(availableActions(item));
      for (const a of ACTIONS) {
        const possible = a === 'close' ? OUTCOMES.some((o) => transition(item, a, o) !== null) : transition(item, a) !== null;
        expect(offered.has(a)).toBe(possible);
      }
    }), { numRuns: 1000 });
  });

  it('every state can be reached from "received", and every open state can still end', () => {
    const reached = new Set<FeedbackState>(['received']);
    const frontier: ItemFacts[] = KINDS.map((kind) => ({ state: 'received', kind, assigneeId: null, hasDraft: false }));
    const seen = new Set<string>();
    while (frontier.length) {
      const item = frontier.pop()!;
      const key = JSON.stringify(item);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const a of ACTIONS) for (const o of OUTCOMES) {
        const t = transition(item, a, o);
        if (!t) continue;
        reached.add(t.to);
        frontier.push({ ...item, state: t.to, assigneeId: a === 'assign' ? 1 : item.assigneeId, hasDraft: a === 'draft' || item.hasDraft });
      }
    }
    const all: FeedbackState[] = ['received', 'accepted', 'refused', 'forwarded', 'transferred', 'assigned', 'in_progress', 'answer_drafted', 'approved', 'closed'];
    expect([...reached].sort()).toEqual([...all].sort());
    // From every open state of every kind there is a way out (withdraw at least).
    for (const kind of KINDS) for (const state of OPEN_STATES) {
      const item = { state, kind, assigneeId: 1, hasDraft: true };
      expect(availableActions(item).some((a) => a === 'withdraw' || a === 'close' || a === 'transfer')).toBe(true);
    }
  });

  it('closes an opinion answered aloud at a conference, only from receipt, never for flagged kinds, never from a button', () => {
    for (const kind of KINDS) for (const state of [...OPEN_STATES, ...TERMINAL] as FeedbackState[]) {
      const t = transition({ state, kind, assigneeId: null, hasDraft: false }, 'answer_on_spot');
      if (state === 'received' && !procedureOf(kind)) expect(t).toEqual({ to: 'closed', outcome: 'answered_on_spot' });
      else expect(t).toBeNull();
      expect(availableActions({ state, kind, assigneeId: null, hasDraft: false })).not.toContain('answer_on_spot');
    }
    expect(ACTION_SPECS.answer_on_spot.public).toBe(true);
  });
});
