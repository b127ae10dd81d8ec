import { describe, expect, it } from 'vitest';
import { checkCommentAnchor } from './commentAnchor';
import { anchorBox, boxPolygon, clampBox, padBox, unionBoxes, viewAround } from './regionBoxes';

const box = (minX: number, minY: number, maxX: number, maxY: number) => ({ minX, minY, maxX, maxY });

describe('region boxes', () => {
  it('unites boxes, and has none of no boxes', () => {
    expect(unionBoxes([box(10, 20, 30, 40), box(-5, 25, 15, 60)])).toEqual(box(-5, 20, 30, 60));
    expect(unionBoxes([])).toBeNull();
  });

  it('pads by a fraction of the larger side, at least the minimum', () => {
    expect(padBox(box(0, 0, 100, 40), 0.1, 2)).toEqual(box(-10, -10, 110, 50));
    expect(padBox(box(0, 0, 1, 1), 0.1, 2)).toEqual(box(-2, -2, 3, 3));
  });

  it('shows a region with its surroundings, and a point with some around it', () => {
    expect(viewAround(box(0, 0, 1000, 400))).toEqual(box(-150, -150, 1150, 550));
    expect(viewAround(box(5, 5, 5, 5))).toEqual(box(-59, -59, 69, 69));
  });

  it('cuts a box to the image and drops one wholly outside', () => {
    expect(clampBox(box(-10, 5, 120, 90), { width: 100, height: 80 })).toEqual(box(0, 5, 100, 80));
    expect(clampBox(box(200, 5, 300, 90), { width: 100, height: 80 })).toBeNull();
  });

  it('makes a region anchor the server accepts, whose box is the box again', () => {
    const pinned = box(10, 20, 30, 40);
    const checked = checkCommentAnchor({ kind: 'region', targetId: 'slide', polygon: boxPolygon(pinned) }, () => ({ width: 100, height: 80 }));
    if (!checked.ok) throw new Error(checked.errors.join('; '));
    expect(anchorBox(checked.value)).toEqual(pinned);
  });

  it('boxes a point as a box of no size, and nothing of item and target anchors', () => {
    expect(anchorBox({ kind: 'point', targetId: 's', x: 3, y: 4 })).toEqual(box(3, 4, 3, 4));
    expect(anchorBox({ kind: 'target', targetId: 's' })).toBeNull();
    expect(anchorBox({ kind: 'item' })).toBeNull();
  });
});
