import { describe, expect, it } from 'vitest';
import { ToolHarness } from '../testing/toolHarness';
import { pointTool } from './pointTool';

describe('the point tool', () => {
  it('marks a point per click, inside the image and rounded', () => {
    const h = new ToolHarness(pointTool, { imageSize: { width: 100, height: 100 }, classCode: 'lesion.other' });
    h.click([10.126, 20]);
    h.click([150, -3]);
    h.key('Escape');
    expect(h.shapes.map((s) => [s.classCode, s.geometry])).toEqual([
      ['lesion.other', { type: 'point', point: [10.13, 20] }],
      ['lesion.other', { type: 'point', point: [100, 0] }],
    ]);
    expect(h.preview).toBeNull();
  });
});
