import { describe, expect, it } from 'vitest';
import type { StudySeries } from './api';
import { neighbourSeries, orderStudySeries } from './studySeries';

const series = (itemId: string, seriesNumber: number | null, title = itemId): StudySeries => ({
  itemId,
  title,
  seriesNumber,
  seriesDescription: title,
  modality: 'CT',
  sliceCount: 10,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('study series', () => {
  it('orders by series number, numberless series last by title, then by id', () => {
    const ordered = orderStudySeries([series('e', null, 'Scout'), series('d', 10), series('c', null, 'Dose report'), series('a', 2), series('b', 2)]);
    expect(ordered.map((s) => s.itemId)).toEqual(['a', 'b', 'd', 'c', 'e']);
  });

  it('moves one series either way and stops at the ends', () => {
    const ordered = orderStudySeries([series('a', 1), series('b', 2), series('c', 3)]);
    expect(neighbourSeries(ordered, 'b', 1)?.itemId).toBe('c');
    expect(neighbourSeries(ordered, 'b', -1)?.itemId).toBe('a');
    expect(neighbourSeries(ordered, 'c', 1)).toBeNull();
    expect(neighbourSeries(ordered, 'a', -1)).toBeNull();
    expect(neighbourSeries(ordered, 'x', 1)).toBeNull();
  });
});
