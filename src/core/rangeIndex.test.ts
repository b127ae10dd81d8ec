import { describe, expect, it } from 'vitest';
import { RangeIndex } from './rangeIndex';
import { labelRecord } from './testing/records';

const range = (first: number, last: number) => ({ first, last, label: { ...labelRecord(`f${first}`, ['mayo.1'], undefined, 'mayo'), id: `r${first}` } });

describe('RangeIndex', () => {
  it('finds the range covering a frame and the ranges meeting a stretch', () => {
    const index = new RangeIndex();
    for (const r of [range(20, 29), range(0, 4), range(10, 12)]) index.add(r);
    expect(index.at(11)?.label.id).toBe('r10');
    expect(index.at(5)).toBeUndefined();
    expect(index.at(29)?.label.id).toBe('r20');
    expect(index.overlapping(3, 20).map((r) => r.label.id)).toEqual(['r0', 'r10', 'r20']);
    expect(index.overlapping(5, 9)).toEqual([]);
    index.remove('r10', 10);
    expect(index.at(11)).toBeUndefined();
    expect(index.size).toBe(2);
  });
});
