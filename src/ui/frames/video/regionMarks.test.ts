import { describe, expect, it } from 'vitest';
import { FRAME_TEST_RECORDS } from '../../../core/testing/frameSetDocument';
import { framesWithRegions, markSpans } from './regionMarks';

describe('region marks on the timeline', () => {
  it('are the frames holding a shown region of the question, once each, in order', () => {
    // Frame 2 a polygon, frame 3 only a mask, frame 4 two outlines and a rejected proposal.
    const records = FRAME_TEST_RECORDS.filter((r) => ['holed', 'oval', 'proposed', 'refused'].includes(r.id) || r.type === 'mask');
    const frameIndex = (targetId: string) => (targetId.startsWith('frame-') ? Number(targetId.slice('frame-'.length)) - 1 : undefined);
    expect(framesWithRegions(records, 'lesion', frameIndex)).toEqual([1, 3]);
    expect(framesWithRegions(records, 'mayo', frameIndex)).toEqual([]);
    expect(framesWithRegions(records.filter((r) => r.id === 'refused'), 'lesion', frameIndex)).toEqual([]);
    expect(framesWithRegions(records, 'lesion', (targetId) => (targetId === 'frame-4' ? 0 : undefined))).toEqual([0]);
  });

  it('paint each frame\'s slot on a wide timeline, merging touching slots', () => {
    expect(markSpans([0, 1, 4, 9], 10, 100)).toEqual([
      { from: 0, to: 20 },
      { from: 40, to: 50 },
      { from: 90, to: 100 },
    ]);
  });

  it('stay within the columns there are however many frames hold regions', () => {
    const every = Array.from({ length: 20_000 }, (_, i) => i);
    expect(markSpans(every, 20_000, 800)).toEqual([{ from: 0, to: 800 }]);
    const spans = markSpans(every.filter((i) => i % 2 === 0), 20_000, 800);
    expect(spans.length).toBeLessThanOrEqual(800);
    expect(markSpans([19_999], 20_000, 800)).toEqual([{ from: 799, to: 800 }]);
    expect(markSpans([3, -1, 20], 10, 0)).toEqual([]);
  });
});
