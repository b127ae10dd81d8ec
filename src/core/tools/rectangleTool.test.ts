import { describe, expect, it } from 'vitest';
import { ToolHarness } from '../testing/toolHarness';
import { rectangleTool } from './rectangleTool';

describe('the rectangle tool', () => {
  it('drags a rectangle from any corner, clamped into the image', () => {
    const h = new ToolHarness(rectangleTool, { imageSize: { width: 500, height: 400 } });
    h.drag([[300, 200], [250, 150], [100.004, -30]]);
    expect(h.shapes.map((s) => s.geometry)).toEqual([{ type: 'rectangle', topLeft: [100, 0], bottomRight: [300, 200] }]);
  });

  it('previews while dragging and makes nothing of a click, a flat drag or Escape', () => {
    const h = new ToolHarness(rectangleTool);
    h.click([10, 10]);
    h.drag([[10, 10], [50, 10]]);
    h.down([10, 10]);
    h.move([40, 30], {}, true);
    expect(h.preview).toEqual({ geometry: { type: 'rectangle', topLeft: [10, 10], bottomRight: [40, 30] } });
    h.key('Escape');
    h.up([40, 30]);
    expect(h.commands).toEqual([]);
  });
});
