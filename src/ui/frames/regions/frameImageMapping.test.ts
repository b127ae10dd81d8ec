import { describe, expect, it } from 'vitest';
import { containedBox, frameMapping } from './frameImageMapping';

describe('frame image mapping', () => {
  it('fits a wide frame into a tall element, centred vertically', () => {
    expect(containedBox({ left: 10, top: 0, width: 200, height: 300 }, { width: 400, height: 200 })).toEqual({ left: 10, top: 100, width: 200, height: 100 });
  });

  it('maps image px to the layer and back under a zoom (the element box scaled about its centre)', () => {
    // A 160×120 frame laid out at 320×240 in a 400×300 stage, then zoomed 2× about the centre.
    const zoomed = { left: 40 - 160, top: 30 - 120, width: 640, height: 480 };
    const mapping = frameMapping(zoomed, { width: 160, height: 120 });
    if (!mapping) throw new Error('a laid-out frame has a mapping');
    expect(mapping.imagePxPerScreenPx).toBe(0.25);
    expect(mapping.imageToScreen([80, 60])).toEqual([200, 150]);
    expect(mapping.imageToScreen([0, 0])).toEqual([-120, -90]);
    expect(mapping.screenToImage([200, 150])).toEqual([80, 60]);
    expect(mapping.screenToImage(mapping.imageToScreen([13, 97]))).toEqual([13, 97]);
  });

  it('has none while the image has no area (not loaded)', () => {
    expect(frameMapping({ left: 0, top: 0, width: 0, height: 0 }, { width: 160, height: 120 })).toBeNull();
  });
});
