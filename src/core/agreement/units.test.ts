import { describe, expect, it } from 'vitest';
import type { Reading } from './readings';
import { readerPairs, readersOf, unitsByQuestion } from './units';

const reading = (readerId: string, targetKey: string, code: string, at: string, itemId = 'i1'): Reading => ({ questionId: 'q', itemId, targetKey, readerId, value: { kind: 'class', code }, at });

describe('unitsByQuestion', () => {
  it('groups by unit in a fixed order, keeps each reader\'s latest reading and the latest time', () => {
    const units = unitsByQuestion([
      reading('bob', 't2', 'b', '2026-01-02T00:00:00Z'),
      reading('ann', 't1', 'old', '2026-01-01T00:00:00Z'),
      reading('ann', 't1', 'new', '2026-01-03T00:00:00Z'),
      reading('bob', 't1', 'x', '2026-01-02T00:00:00Z'),
      reading('ann', 't1', 'stale', '2026-01-02T12:00:00Z'),
    ]).get('q')!;
    expect(units.map((u) => u.targetKey)).toEqual(['t1', 't2']);
    expect(units[0]!.values.get('ann')).toEqual({ kind: 'class', code: 'new' });
    expect(units[0]!.latestAt).toBe('2026-01-03T00:00:00Z');
    expect(readersOf(units)).toEqual(['ann', 'bob']);
  });

  it('lists each pair of readers once', () => {
    expect(readerPairs(['a', 'b', 'c'])).toEqual([['a', 'b'], ['a', 'c'], ['b', 'c']]);
    expect(readerPairs(['a'])).toEqual([]);
  });
});
