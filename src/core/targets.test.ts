import { describe, expect, it } from 'vitest';
import type { Item } from './item';
import type { QuestionTarget } from './labelSet';
import { imageTargetsOf, ItemTargets, targetIdsOf } from './targets';
import { frameSetItem, seriesItem, slideItem } from './testing/records';

const series = seriesItem(3);
const frames = frameSetItem([[640, 480], [320, 240]]);
const slide = slideItem(46_000, 32_914);

describe('imageTargetsOf', () => {
  it('lists a series’ slices with the series size, frames with their own, and the slide’s level 0', () => {
    expect(imageTargetsOf(series)).toEqual([
      { id: 'slice-1', width: 64, height: 64 },
      { id: 'slice-2', width: 64, height: 64 },
      { id: 'slice-3', width: 64, height: 64 },
    ]);
    expect(imageTargetsOf(frames)).toEqual([
      { id: 'frame-1', width: 640, height: 480 },
      { id: 'frame-2', width: 320, height: 240 },
    ]);
    expect(imageTargetsOf(slide)).toEqual([{ id: 'slide-1', width: 46_000, height: 32_914 }]);
    expect(targetIdsOf(frames)).toEqual(['frame-1', 'frame-2']);
  });
});

describe('targets a question answers for', () => {
  /** Of the item's own id, its images and a stranger, the ids a question of `target` accepts. */
  const accepted = (item: Item, target: QuestionTarget) => {
    const targets = new ItemTargets(item);
    return [...new Set([item.id, ...targetIdsOf(item), 'other'])].filter((id) => targets.accepts({ target }, id));
  };

  it.each<[QuestionTarget, string[], string[]]>([
    ['series', ['item-1'], ['video-1']],
    ['slide', ['item-1'], ['video-1']],
    ['slice', ['slice-1', 'slice-2', 'slice-3'], ['frame-1', 'frame-2']],
    ['frame', ['slice-1', 'slice-2', 'slice-3'], ['frame-1', 'frame-2']],
    ['frameRange', ['slice-1', 'slice-2', 'slice-3'], ['frame-1', 'frame-2']],
    ['image', ['slice-1', 'slice-2', 'slice-3'], ['frame-1', 'frame-2']],
    ['region', ['slice-1', 'slice-2', 'slice-3'], ['frame-1', 'frame-2']],
  ])('%s questions answer for %j on a series, %j on a frame set', (target, onSeries, onFrames) => {
    expect(accepted(series, target)).toEqual(onSeries);
    expect(accepted(frames, target)).toEqual(onFrames);
    expect(accepted(slide, target)).toEqual(['slide-1']);
  });
});

describe('ItemTargets', () => {
  it('knows each image’s size and reading order', () => {
    const targets = new ItemTargets(frames);
    expect(targets.order).toEqual(['frame-1', 'frame-2']);
    expect(targets.image('frame-2')).toEqual({ id: 'frame-2', width: 320, height: 240, index: 1 });
    expect(targets.image('video-1')).toBeUndefined();
    expect(new ItemTargets(slide).image('slide-1')).toMatchObject({ width: 46_000, height: 32_914, index: 0 });
  });

  it('accepts per question target kind: whole-item questions the item id, the others an image', () => {
    const targets = new ItemTargets(series);
    for (const target of ['series', 'slide'] as const) {
      expect(targets.accepts({ target }, 'item-1')).toBe(true);
      expect(targets.accepts({ target }, 'slice-1')).toBe(false);
    }
    for (const target of ['slice', 'frame', 'frameRange', 'image', 'region'] as const) {
      expect(targets.accepts({ target }, 'slice-2')).toBe(true);
      expect(targets.accepts({ target }, 'item-1')).toBe(false);
      expect(targets.accepts({ target }, 'slice-9')).toBe(false);
    }
  });

  it('on a slide, the slide is both the item and its one image', () => {
    const targets = new ItemTargets(slide);
    expect(targets.accepts({ target: 'slide' }, 'slide-1')).toBe(true);
    expect(targets.accepts({ target: 'region' }, 'slide-1')).toBe(true);
  });
});
