/** The check pool's arithmetic: how many workers, which files each takes, and results handed on in order. */
import { describe, expect, it } from 'vitest';
import { checkPoolSize, dealtOut, inOrder, MAX_CHECK_WORKERS, MIN_FILES_PER_CHECK_WORKER, workersFor } from './checkPool';

describe('check pool', () => {
  it('uses the cores left once the page has one, at most MAX_CHECK_WORKERS, one where the count is unknown', () => {
    expect([undefined, 0, 1, 2, 3, 4, 8, 64].map(checkPoolSize)).toEqual([1, 1, 1, 1, 2, 3, MAX_CHECK_WORKERS, MAX_CHECK_WORKERS]);
  });

  it('starts a worker only for a share worth its start', () => {
    expect(workersFor(0, 4)).toBe(1);
    expect(workersFor(MIN_FILES_PER_CHECK_WORKER, 4)).toBe(1);
    expect(workersFor(MIN_FILES_PER_CHECK_WORKER + 1, 4)).toBe(2);
    expect(workersFor(1000, 3)).toBe(3);
  });

  it('deals the files out in turn', () => {
    expect(dealtOut([0, 1, 2, 3, 4, 5, 6], 3)).toEqual([[0, 3, 6], [1, 4], [2, 5]]);
    expect(dealtOut([0, 1], 3)).toEqual([[0], [1], []]);
  });

  it('hands results on in index order whatever order they arrive in', () => {
    const handed: [number, string][] = [];
    const order = inOrder<string>((index, result) => handed.push([index, result]));
    order.arrived(1, 'b');
    order.arrived(3, 'd');
    expect(handed).toEqual([]);
    expect(order.handedOn).toBe(0);
    order.arrived(0, 'a');
    expect(handed).toEqual([[0, 'a'], [1, 'b']]);
    order.arrived(2, 'c');
    expect(handed.map(([index]) => index)).toEqual([0, 1, 2, 3]);
    expect(order.handedOn).toBe(4);
  });
});
