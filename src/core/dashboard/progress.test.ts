import { describe, expect, it } from 'vitest';
import { kindProgress, readerProgress } from './progress';

describe('dashboard progress shaping', () => {
  it('gathers each reader’s states into one row, ordered by name', () => {
    const readers = readerProgress([
      { userId: 'u2', displayName: 'Bob', state: 'submitted', count: 2, overdue: 0 },
      { userId: 'u1', displayName: 'Ann', state: 'inProgress', count: 1, overdue: 1 },
      { userId: 'u2', displayName: 'Bob', state: 'assigned', count: 3, overdue: 2 },
      { userId: 'u1', displayName: 'Ann', state: 'approved', count: 4, overdue: 0 },
    ]);
    expect(readers).toEqual([
      { userId: 'u1', displayName: 'Ann', assigned: 0, inProgress: 1, submitted: 0, returned: 0, approved: 4, overdue: 1 },
      { userId: 'u2', displayName: 'Bob', assigned: 3, inProgress: 0, submitted: 2, returned: 0, approved: 0, overdue: 2 },
    ]);
  });

  it('lists every kind with items, with zeros for states none of its assignments are in', () => {
    const kinds = kindProgress(
      [
        { kind: 'slide', items: 2 },
        { kind: 'series', items: 5 },
      ],
      [
        { kind: 'series', state: 'submitted', count: 3 },
        { kind: 'series', state: 'approved', count: 1 },
      ],
    );
    expect(kinds).toEqual([
      { kind: 'series', items: 5, assignments: { assigned: 0, inProgress: 0, submitted: 3, returned: 0, approved: 1 } },
      { kind: 'slide', items: 2, assignments: { assigned: 0, inProgress: 0, submitted: 0, returned: 0, approved: 0 } },
    ]);
  });
});
