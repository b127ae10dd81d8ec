import { describe, expect, it } from 'vitest';
import type { AssignmentState } from './api';
import { canAnnotatorEdit, transition, type AssignmentEvent } from './itemState';

const STATES: AssignmentState[] = ['assigned', 'inProgress', 'submitted', 'approved', 'returned'];
const EVENTS: AssignmentEvent[] = ['startWork', 'submit', 'approve', 'return'];

/** The full table, written out so any change to the machine shows up here. */
const EXPECTED: Record<AssignmentState, Partial<Record<AssignmentEvent, AssignmentState>>> = {
  assigned: { startWork: 'inProgress', submit: 'submitted' },
  inProgress: { startWork: 'inProgress', submit: 'submitted' },
  submitted: { approve: 'approved', return: 'returned' },
  approved: {},
  returned: { startWork: 'inProgress' },
};

describe('assignment state machine', () => {
  for (const state of STATES) {
    for (const event of EVENTS) {
      const next = EXPECTED[state][event];
      it(`${state} --${event}--> ${next ?? 'refused'}`, () => {
        const result = transition(state, event);
        if (next === undefined) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.errors[0]).toMatch(new RegExp(`that is ${state}$`));
        } else {
          expect(result).toEqual({ ok: true, value: next });
        }
      });
    }
  }

  it('walks the whole life of an item, including a return and resubmission', () => {
    const events: AssignmentEvent[] = ['startWork', 'submit', 'return', 'startWork', 'submit', 'approve'];
    const seen: AssignmentState[] = [];
    let state: AssignmentState = 'assigned';
    for (const e of events) {
      const r = transition(state, e);
      if (!r.ok) throw new Error(r.errors.join('; '));
      state = r.value;
      seen.push(state);
    }
    expect(seen).toEqual(['inProgress', 'submitted', 'returned', 'inProgress', 'submitted', 'approved']);
  });

  it('gives a readable reason for a refused event', () => {
    expect(transition('approved', 'submit')).toEqual({ ok: false, errors: ['cannot submit an item that is approved'] });
    expect(transition('assigned', 'approve')).toEqual({ ok: false, errors: ['cannot approve an item that is assigned'] });
  });

  it('lets the annotator edit only before submission or after a return', () => {
    expect(STATES.filter(canAnnotatorEdit)).toEqual(['assigned', 'inProgress', 'returned']);
  });
});
