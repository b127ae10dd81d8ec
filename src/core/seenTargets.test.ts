import { describe, expect, it } from 'vitest';
import { planLabel, unseenTargets } from './seenTargets';

const seen = new Set(['s1', 's2', 's4']);

describe('unseenTargets', () => {
  it('answers the targets never displayed, in the given order', () => {
    expect(unseenTargets(['s5', 's1', 's3', 's2'], seen)).toEqual(['s5', 's3']);
    expect(unseenTargets(['s1', 's2'], seen)).toEqual([]);
    expect(unseenTargets([], seen)).toEqual([]);
  });
});

describe('planLabel', () => {
  it('labels a single slice only while it is the one displayed', () => {
    expect(planLabel(['s1'], 's1', seen)).toEqual({ kind: 'label', targetIds: ['s1'] });
    // Seen before but not on screen now (the next slice is still loading): refused.
    expect(planLabel(['s2'], 's1', seen)).toEqual({ kind: 'notDisplayed' });
    expect(planLabel(['s3'], null, seen)).toEqual({ kind: 'notDisplayed' });
    expect(planLabel([], null, seen)).toEqual({ kind: 'notDisplayed' });
  });

  it('labels a range whose slices were all seen', () => {
    expect(planLabel(['s1', 's2'], null, seen)).toEqual({ kind: 'label', targetIds: ['s1', 's2'] });
  });

  it('asks about a range with slices never displayed, splitting seen from unseen', () => {
    expect(planLabel(['s1', 's2', 's3', 's4', 's5'], 's5', seen)).toEqual({ kind: 'ask', seen: ['s1', 's2', 's4'], unseen: ['s3', 's5'] });
    expect(planLabel(['s6', 's7'], 's7', seen)).toEqual({ kind: 'ask', seen: [], unseen: ['s6', 's7'] });
  });
});
