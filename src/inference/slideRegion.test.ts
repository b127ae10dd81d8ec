import { describe, expect, it } from 'vitest';
import type { SlideItem } from '../core/item';
import type { ModelManifest } from '../core/models/manifest';
import { TEST_SAH_MANIFEST } from '../core/testing/models';
import { planSlideRegion, planSlideRegionAt, slideRegionInputs, wholeSlideRegions } from './slideRegion';

/** 0.25 µm/px, 10,000 × 6,000 px, levels ×1, ×2, ×4, ×8, tiles of 256. */
const SLIDE: SlideItem = {
  kind: 'slide',
  levels: [1, 2, 4, 8].map((d) => ({ width: Math.ceil(10_000 / d), height: Math.ceil(6_000 / d), downsample: d })),
  micronsPerPixel: [0.25, 0.25],
  tileSize: 256,
  tileFormat: 'jpeg',
  tileVersion: 'v1',
  objectivePower: 40,
  scanner: null,
};
const NUCLEI: ModelManifest = { ...TEST_SAH_MANIFEST, id: 'nuclei', itemKinds: ['slide'], preprocess: [{ op: 'wsiTiling', tileSize: 512, overlap: 32, micronsPerPixel: 1 }] };

describe('a slide region', () => {
  it('is read from the coarsest level still as fine as the model asks, scaled to its resolution', () => {
    // 1 µm/px on a 0.25 µm/px scan: 4 level-0 px per model px, read from level 2 (×4) as is.
    const plan = planSlideRegion(SLIDE, { minX: 1024, minY: 0, maxX: 3072, maxY: 1024 }, 1);
    expect(plan).toMatchObject({ level: 2, scale: 4, width: 512, height: 256, micronsPerPixel: 1, box: { minX: 1024, minY: 0, maxX: 3072, maxY: 1024 } });
    // Level 2 px 256–767 × 0–255: tiles x 1–2, y 0, landing at output 0 and 256.
    expect(plan.tiles.map((t) => [t.level, t.x, t.y, t.dx, t.dy, t.scale])).toEqual([
      [2, 1, 0, 0, 0, 1],
      [2, 2, 0, 256, 0, 1],
    ]);
  });

  it('scales a finer level down when no level matches exactly, and maps back to level-0 px', () => {
    // 1.5 µm/px = 6 level-0 px per model px: level 2 (×4) scaled by 4/6.
    const plan = planSlideRegion(SLIDE, { minX: 0, minY: 0, maxX: 600, maxY: 300 }, 1.5);
    expect(plan).toMatchObject({ level: 2, scale: 6, width: 100, height: 50 });
    expect(plan.tiles).toEqual([{ level: 2, x: 0, y: 0, dx: 0, dy: 0, scale: 4 / 6 }]);
  });

  it('never reads finer than the scan, and is clipped to the slide', () => {
    const plan = planSlideRegion(SLIDE, { minX: 9_900, minY: 5_900, maxX: 12_000, maxY: 7_000 }, 0.1);
    expect(plan).toMatchObject({ level: 0, scale: 1, width: 100, height: 100, box: { minX: 9_900, minY: 5_900, maxX: 10_000, maxY: 6_000 } });
    expect(() => planSlideRegion(SLIDE, { minX: 20_000, minY: 0, maxX: 21_000, maxY: 10 }, 1)).toThrow(/outside the slide/);
    expect(() => planSlideRegion({ ...SLIDE, micronsPerPixel: null }, { minX: 0, minY: 0, maxX: 10, maxY: 10 }, 1)).toThrow(/µm per pixel/);
  });

  it('is read at the zoom a person sees, on a slide with or without its µm per pixel', () => {
    // 3 level-0 px per screen px: level 1 (×2) scaled by 2/3.
    const plan = planSlideRegionAt(SLIDE, { minX: 0, minY: 0, maxX: 300, maxY: 150 }, 3);
    expect(plan).toMatchObject({ level: 1, scale: 3, width: 100, height: 50, micronsPerPixel: 0.75 });
    const bare = planSlideRegionAt({ ...SLIDE, micronsPerPixel: null }, { minX: 0, minY: 0, maxX: 300, maxY: 150 }, 0.5);
    expect(bare).toMatchObject({ level: 0, scale: 1, width: 300, height: 150, micronsPerPixel: undefined });
  });

  it('covers the whole slide in tile groups, each covering its own region for replacement', () => {
    // A group is 4 × 512 model px = 8192 level-0 px: 2 × 1 groups.
    const boxes = wholeSlideRegions(SLIDE, NUCLEI);
    expect(boxes).toEqual([
      { minX: 0, minY: 0, maxX: 8192, maxY: 6000 },
      { minX: 8192, minY: 0, maxX: 10_000, maxY: 6000 },
    ]);
    const inputs = slideRegionInputs('slide-1', SLIDE, NUCLEI, boxes, () => Promise.reject(new Error('not read here')));
    expect(inputs.map((i) => i.covered)).toEqual(boxes.map((box) => ({ targetId: 'slide-1', box })));
    expect(() => wholeSlideRegions(SLIDE, TEST_SAH_MANIFEST)).toThrow(/no wsiTiling step/);
  });
});
