import { describe, expect, it } from 'vitest';
import { planAssignments, type AssignmentPlanInput } from './planAssignments';

const items = (n: number) => Array.from({ length: n }, (_, i) => `item-${i}`);

function input(overrides: Partial<AssignmentPlanInput>): AssignmentPlanInput {
  return { itemIds: items(4), readerIds: ['a', 'b', 'c'], strategy: 'roundRobin', readersPerItem: 1, existingReaders: new Map(), load: new Map(), ...overrides };
}

function readersByItem(plan: ReturnType<typeof planAssignments>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { itemId, readerId } of plan) (out[itemId] ??= []).push(readerId);
  return out;
}

function countPerReader(plan: ReturnType<typeof planAssignments>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { readerId } of plan) out[readerId] = (out[readerId] ?? 0) + 1;
  return out;
}

describe('planAssignments', () => {
  it('gives every chosen reader every item by hand, skipping pairs that exist', () => {
    const plan = planAssignments(input({ strategy: 'everyReader', itemIds: ['x', 'y'], readerIds: ['a', 'b'], existingReaders: new Map([['x', new Set(['a'])]]) }));
    expect(plan).toEqual([
      { itemId: 'x', readerId: 'b' },
      { itemId: 'y', readerId: 'a' },
      { itemId: 'y', readerId: 'b' },
    ]);
  });

  it('rotates readers round-robin, N distinct readers per item', () => {
    const plan = planAssignments(input({ itemIds: items(3), readersPerItem: 2 }));
    expect(readersByItem(plan)).toEqual({ 'item-0': ['a', 'b'], 'item-1': ['c', 'a'], 'item-2': ['b', 'c'] });
  });

  it('spreads 10,000 items × 3 readers over 5 readers evenly', () => {
    const plan = planAssignments(input({ itemIds: items(10_000), readerIds: ['a', 'b', 'c', 'd', 'e'], readersPerItem: 3 }));
    expect(plan).toHaveLength(30_000);
    expect(Object.values(countPerReader(plan))).toEqual([6000, 6000, 6000, 6000, 6000]);
    for (const readers of Object.values(readersByItem(plan))) expect(new Set(readers).size).toBe(3);
  });

  it('counts readers an item already has towards N, and assigns nobody twice', () => {
    const existingReaders = new Map([
      ['item-0', new Set(['a', 'outsider'])],
      ['item-1', new Set(['b'])],
    ]);
    const plan = planAssignments(input({ itemIds: items(2), readersPerItem: 2, existingReaders }));
    expect(readersByItem(plan)).toEqual({ 'item-1': ['a'] });
  });

  it('is a no-op when run again on its own result', () => {
    const first = planAssignments(input({ itemIds: items(7), readersPerItem: 2 }));
    const existingReaders = new Map<string, Set<string>>();
    for (const { itemId, readerId } of first) existingReaders.set(itemId, new Set([...(existingReaders.get(itemId) ?? []), readerId]));
    expect(planAssignments(input({ itemIds: items(7), readersPerItem: 2, existingReaders }))).toEqual([]);
  });

  it('balances by open work: the least-loaded readers first, ties to the one listed first', () => {
    const plan = planAssignments(input({ strategy: 'balanced', itemIds: items(6), readersPerItem: 1, load: new Map([['a', 4], ['b', 1]]) }));
    // c (0) takes one, then b and c alternate until they reach a's 4.
    expect(plan.map((entry) => entry.readerId)).toEqual(['c', 'b', 'c', 'b', 'c', 'b']);
    expect(countPerReader(plan)).toEqual({ b: 3, c: 3 });
  });

  it('balances with N readers per item and skips a reader who reads the item already', () => {
    const plan = planAssignments(
      input({ strategy: 'balanced', itemIds: ['x', 'y'], readersPerItem: 2, existingReaders: new Map([['x', new Set(['a'])]]) }),
    );
    expect(readersByItem(plan)).toEqual({ x: ['b'], y: ['a', 'c'] });
  });

  it('asks for no more readers than were chosen, and plans nothing without readers', () => {
    expect(readersByItem(planAssignments(input({ itemIds: ['x'], readerIds: ['a', 'b'], readersPerItem: 5 })))).toEqual({ x: ['a', 'b'] });
    expect(planAssignments(input({ readerIds: [] }))).toEqual([]);
  });
});
