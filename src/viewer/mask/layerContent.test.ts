import { describe, expect, it } from 'vitest';
import { layerHasContent } from './layerContent';

describe('layerHasContent', () => {
  it('has nothing to draw before a slice is shown, masks or not', () => {
    expect(layerHasContent(false, 2, { brush: { center: [1, 1], radius: 3, mode: 'paint' } })).toBe(false);
  });

  it('has nothing to draw on a shown slice without masks or preview', () => {
    expect(layerHasContent(true, 0, null)).toBe(false);
    expect(layerHasContent(true, 0, {})).toBe(false);
    expect(layerHasContent(true, 0, { contour: [] })).toBe(false);
  });

  it('draws a stored mask', () => {
    expect(layerHasContent(true, 1, null)).toBe(true);
  });

  it('draws each kind of preview', () => {
    expect(layerHasContent(true, 0, { labels: new Uint8Array(4) })).toBe(true);
    expect(layerHasContent(true, 0, { brush: { center: [1, 1], radius: 3, mode: 'erase' } })).toBe(true);
    expect(layerHasContent(true, 0, { contour: [[0, 0]] })).toBe(true);
  });
});
