import { describe, expect, it } from 'vitest';
import { ageInDays, backlogAge, backlogCutoffs, medianOffset } from './backlog';

const NOW = new Date('2026-12-10T12:00:00.000Z');

describe('review backlog age', () => {
  it('draws the bucket lines 1, 3 and 7 days before now', () => {
    expect(backlogCutoffs(NOW)).toEqual({ oneDay: '2026-12-09T12:00:00.000Z', threeDays: '2026-12-07T12:00:00.000Z', sevenDays: '2026-12-03T12:00:00.000Z' });
  });

  it('measures ages in days and picks the lower middle for the median', () => {
    expect(ageInDays('2026-12-09T00:00:00.000Z', NOW)).toBe(1.5);
    expect(ageInDays(null, NOW)).toBeNull();
    expect([0, 1, 2, 3, 4].map(medianOffset)).toEqual([null, 0, 0, 1, 1]);
  });

  it('puts what is in no shorter bucket over seven days', () => {
    const age = backlogAge(
      { waiting: 6, oldestAt: '2026-11-30T12:00:00.000Z', medianAt: '2026-12-08T12:00:00.000Z', underOneDay: 2, oneToThreeDays: 1, threeToSevenDays: 1 },
      NOW,
    );
    expect(age).toEqual({ waiting: 6, oldestDays: 10, medianDays: 2, buckets: { underOneDay: 2, oneToThreeDays: 1, threeToSevenDays: 1, overSevenDays: 2 } });
    expect(backlogAge({ waiting: 0, oldestAt: null, medianAt: null, underOneDay: 0, oneToThreeDays: 0, threeToSevenDays: 0 }, NOW).oldestDays).toBeNull();
  });
});
