import type { AssignmentState } from './api';
import { fail, ok, type Result } from './result';

/** What moves an (item, annotator) assignment along: the annotator works and submits, a reviewer decides. */
export type AssignmentEvent = 'startWork' | 'submit' | 'approve' | 'return';

/** Allowed transitions; a state absent for an event means the event is refused there. */
const TRANSITIONS: Readonly<Record<AssignmentEvent, Partial<Record<AssignmentState, AssignmentState>>>> = {
  // Starting work again while already in progress is harmless (a second tab, a retried request).
  startWork: { assigned: 'inProgress', inProgress: 'inProgress', returned: 'inProgress' },
  // Submitting straight from "assigned" is allowed: labels may have been made offline before the first sync.
  submit: { assigned: 'submitted', inProgress: 'submitted' },
  approve: { submitted: 'approved' },
  return: { submitted: 'returned' },
};

const VERBS: Readonly<Record<AssignmentEvent, string>> = {
  startWork: 'start work on',
  submit: 'submit',
  approve: 'approve',
  return: 'return',
};

export function transition(state: AssignmentState, event: AssignmentEvent): Result<AssignmentState> {
  const next = TRANSITIONS[event][state];
  return next === undefined ? fail([`cannot ${VERBS[event]} an item that is ${state}`]) : ok(next);
}

/** Submitted and approved work is locked for the annotator; a return reopens it. */
export function canAnnotatorEdit(state: AssignmentState): boolean {
  return state !== 'submitted' && state !== 'approved';
}
