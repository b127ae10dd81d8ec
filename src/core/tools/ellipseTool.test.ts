import { describe, expect, it } from 'vitest';
import { ToolHarness } from '../testing/toolHarness';
import { ellipseTool } from './ellipseTool';

describe('the ellipse tool', () => {
  it('drags the box an ellipse fills', () => {
    const h = new ToolHarness(ellipseTool);
    h.drag([[100, 100], [200, 150], [300, 160]]);
    expect(h.shapes.map((s) => s.geometry)).toEqual([{ type: 'ellipse', center: [200, 130], radii: [100, 30], rotation: 0 }]);
  });

  it('with Shift draws a circle towards the pointer, shrunk to fit where the image ends', () => {
    const h = new ToolHarness(ellipseTool, { imageSize: { width: 1000, height: 1000 } });
    h.drag([[100, 100], [200, 140]], { shift: true });
    h.drag([[900, 500], [1200, 600]], { shift: true });
    h.drag([[500, 500], [450, 420]], { shift: true });
    expect(h.shapes.map((s) => s.geometry)).toEqual([
      { type: 'ellipse', center: [150, 150], radii: [50, 50], rotation: 0 },
      { type: 'ellipse', center: [950, 550], radii: [50, 50], rotation: 0 },
      { type: 'ellipse', center: [460, 460], radii: [40, 40], rotation: 0 },
    ]);
  });

  it('previews, follows Shift mid-drag, and makes nothing of a click or Escape', () => {
    const h = new ToolHarness(ellipseTool);
    h.click([10, 10]);
    h.down([0, 0]);
    h.move([40, 20], {}, true);
    expect(h.preview?.geometry).toEqual({ type: 'ellipse', center: [20, 10], radii: [20, 10], rotation: 0 });
    h.move([40, 20], { shift: true }, true);
    expect(h.preview?.geometry).toEqual({ type: 'ellipse', center: [20, 20], radii: [20, 20], rotation: 0 });
    h.key('Escape');
    h.up([40, 20]);
    expect(h.commands).toEqual([]);
  });
});
