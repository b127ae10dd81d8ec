import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPhantomSlices } from '../../server/demo/phantomHu';
import type { HuSlice } from '../../server/demo/phantomHu';
import { buildSahHyperdensity } from './sahHyperdensity';
import { sliceScorer, type SliceScorer } from './sahScores';

const SIZE = 256;

/** A hand-made slice: air, a soft-tissue head of brain HU, a 6 px skull ring, and optional extras. */
function slice(paint?: (x: number, y: number) => number | undefined): HuSlice {
  const hu = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const r = Math.hypot(x - SIZE / 2, y - SIZE / 2);
      hu[y * SIZE + x] = paint?.(x, y) ?? (r > 110 ? -1000 : r > 104 ? 1000 : 35);
    }
  }
  return { width: SIZE, height: SIZE, hu, spacing: [0.45, 0.45] };
}

describe('sah-hyperdensity graph', () => {
  let scorer: SliceScorer;
  beforeAll(async () => {
    const { manifest, files } = buildSahHyperdensity();
    scorer = await sliceScorer(manifest, files['model.onnx']!);
  });
  afterAll(() => scorer.release());

  it('scores a brain without blood near 0 and the same brain with a 70 HU clot near 1', async () => {
    const clot = (x: number, y: number) => (Math.hypot(x - 100, y - 140) < 8 ? 70 : undefined);
    expect(await scorer.score(slice())).toBeLessThan(0.05);
    expect(await scorer.score(slice(clot))).toBeGreaterThan(0.95);
  });

  it('ignores the skull rim (partial volume passes through blood HU) and a dense calcification', async () => {
    const rim = (x: number, y: number) => {
      const r = Math.hypot(x - SIZE / 2, y - SIZE / 2);
      if (r > 110) return -1000;
      // A ramp from brain to bone over 3 px: every rim pixel between 35 and 1000 HU.
      if (r > 101) return 35 + ((Math.min(r, 104) - 101) / 3) * 965;
      return Math.hypot(x - 150, y - 110) < 4 ? 400 : Math.hypot(x - 150, y - 110) < 6 ? 75 : 35;
    };
    expect(await scorer.score(slice(rim))).toBeLessThan(0.1);
  });

  it('scores an all-air slice (no brain at all) 0, not NaN', async () => {
    expect(await scorer.score(slice(() => -1000))).toBeLessThan(0.05);
  });

  it('separates the bleed slices of the demo phantom from its normal slices', async () => {
    const { slices, truth } = demoPhantomSlices();
    const scores = await Promise.all(slices.map((s) => scorer.score(s)));
    const bleed = truth.sahSliceIndices.map((i) => scores[i]!);
    const normal = scores.filter((_, i) => !truth.sahSliceIndices.includes(i));
    expect(Math.min(...bleed)).toBeGreaterThan(0.9);
    expect(Math.max(...normal)).toBeLessThan(0.1);
  });
});
