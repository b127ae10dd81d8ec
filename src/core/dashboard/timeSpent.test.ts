import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_CUTOFF_MS, timeSpentMs } from './timeSpent';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, 0) + minutes * 60_000).toISOString();

describe('timeSpentMs', () => {
  it('adds the gaps shorter than the cut-off and drops the pauses', () => {
    // 0 → 2 → 4.5 (work: 4.5 min), pause of 30 min, 34.5 → 35 (work: 0.5 min).
    expect(timeSpentMs([at(0), at(2), at(4.5), at(34.5), at(35)])).toBe(5 * 60_000);
  });

  it('sorts the instants first and counts duplicates as no time', () => {
    expect(timeSpentMs([at(3), at(0), at(1), at(1)])).toBe(3 * 60_000);
  });

  it('counts nothing for no op or a lone op, and a gap of exactly the cut-off as a pause', () => {
    expect(timeSpentMs([])).toBe(0);
    expect(timeSpentMs([at(0)])).toBe(0);
    expect(timeSpentMs([at(0), at(5)])).toBe(0);
    expect(DEFAULT_IDLE_CUTOFF_MS).toBe(5 * 60_000);
    expect(timeSpentMs([at(0), at(5)], 6 * 60_000)).toBe(5 * 60_000);
  });
});
