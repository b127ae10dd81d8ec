import { describe, expect, it } from 'vitest';
import type { Point } from '../../core/annotation';
import { imageToScreen, screenToImage, visibleImageBox, type SlideView } from './slideView';

const view = (rotation: number): SlideView => ({ width: 800, height: 600, center: [5000, 3000], scale: 0.25, rotation });

function close(actual: Point, expected: Point): void {
  expect(actual[0]).toBeCloseTo(expected[0], 9);
  expect(actual[1]).toBeCloseTo(expected[1], 9);
}

describe('slide view transforms', () => {
  it('put the centre of the view at the centre of the element and scale offsets', () => {
    expect(imageToScreen(view(0), [5000, 3000])).toEqual([400, 300]);
    expect(imageToScreen(view(0), [5400, 2600])).toEqual([500, 200]);
  });

  it('rotate clockwise on screen about the element centre', () => {
    // 400 image px to the right of the centre = 100 screen px; a quarter turn puts it below.
    expect(imageToScreen(view(90), [5400, 3000])).toEqual([400, 400]);
    expect(imageToScreen(view(180), [5400, 3000])).toEqual([300, 300]);
    expect(imageToScreen(view(-90), [5400, 3000])).toEqual([400, 200]);
    close(imageToScreen(view(45), [5400, 3000]), [400 + 100 / Math.SQRT2, 300 + 100 / Math.SQRT2]);
  });

  it('invert exactly at any rotation', () => {
    for (const rotation of [0, 17, 90, 133.5, 180, 270, 359]) {
      for (const point of [[0, 0], [5000, 3000], [12345.5, 678.25]] as const) {
        close(screenToImage(view(rotation), imageToScreen(view(rotation), point)), point);
      }
    }
  });

  it('bound what is visible, rotated or not', () => {
    expect(visibleImageBox(view(0))).toEqual({ minX: 3400, minY: 1800, maxX: 6600, maxY: 4200 });
    // A quarter turn swaps the extents.
    expect(visibleImageBox(view(90))).toEqual({ minX: 3800, minY: 1400, maxX: 6200, maxY: 4600 });
    const tilted = visibleImageBox(view(30));
    const corner = screenToImage(view(30), [0, 0]);
    expect(tilted.minX).toBeLessThanOrEqual(corner[0]);
    expect(tilted.maxY).toBeGreaterThan(4200);
  });
});
