import { describe, expect, it } from 'vitest';
import type { Mask } from '../../../src/core/annotation';
import { encodeRuns } from '../../../src/core/mask';
import { humanBy, shape } from '../../testing/documents';
import { boxOf } from './recordRow';

function mask(width: number, height: number, set: readonly [number, number][]): Mask {
  const pixels = new Uint8Array(width * height);
  for (const [x, y] of set) pixels[y * width + x] = 1;
  return { type: 'mask', id: 'm', questionId: 'lesion', targetId: 't', classCode: 'c', width, height, runs: encodeRuns(pixels), provenance: humanBy('ann') };
}

describe('boxOf', () => {
  it('bounds shapes by their points, an ellipse by its larger radius', () => {
    expect(boxOf(shape('s', 't', { type: 'polygon', points: [[3, 9], [7, 2], [5, 5]] }, humanBy('ann')))).toEqual({ minX: 3, minY: 2, maxX: 7, maxY: 9 });
    expect(boxOf(shape('s', 't', { type: 'point', point: [4, 5] }, humanBy('ann')))).toEqual({ minX: 4, minY: 5, maxX: 4, maxY: 5 });
    expect(boxOf(shape('s', 't', { type: 'ellipse', center: [10, 10], radii: [2, 5], rotation: 1 }, humanBy('ann')))).toEqual({ minX: 5, minY: 5, maxX: 15, maxY: 15 });
  });

  it('bounds a mask by the whole pixels it sets, and gives an empty mask no box', () => {
    expect(boxOf(mask(8, 6, [[2, 1], [3, 1], [5, 4]]))).toEqual({ minX: 2, minY: 1, maxX: 6, maxY: 5 });
    // A run wrapping from one row into the next spans the full width.
    expect(boxOf(mask(4, 3, [[3, 0], [0, 1]]))).toEqual({ minX: 0, minY: 0, maxX: 4, maxY: 2 });
    expect(boxOf(mask(4, 3, []))).toBeNull();
  });
});
