import { describe, expect, it } from 'vitest';
import { RecordingPaint, viewAt } from '../annotation/testing/recordingPaint';
import { boxLayers, drawReaderLayers, READER_WIDTH } from './drawReaderLayers';

const view = viewAt(2, { minX: 100, minY: 100, maxX: 600, maxY: 500 });
const triangle = (x: number, y: number) => ({ type: 'polygon' as const, points: [[x, y], [x + 10, y], [x + 10, y + 10]] as const });

describe('drawReaderLayers', () => {
  it('strokes each reader’s outlines in view in the reader’s colour and skips those out of view', () => {
    const paint = new RecordingPaint();
    const layers = boxLayers([
      { color: '#4c8dff', geometries: [triangle(110, 120), triangle(5000, 5000)] },
      { color: '#ff9f43', geometries: [triangle(200, 200), { type: 'point', point: [300, 300] }] },
    ]);
    expect(drawReaderLayers(paint, layers, view, null)).toBe(3);
    expect(paint.calls.filter((c) => c.op === 'stroke').map((c) => [c.strokeStyle, c.lineWidth])).toEqual([
      ['#4c8dff', READER_WIDTH],
      ['#ff9f43', READER_WIDTH],
    ]);
    expect(paint.calls.find((c) => c.op === 'moveTo')?.args).toEqual([20, 40]);
    expect(paint.calls.find((c) => c.op === 'fillRect')?.args.slice(0, 2)).toEqual([397, 397]);
  });

  it('draws the region under discussion last, dashed white, in screen px', () => {
    const paint = new RecordingPaint();
    drawReaderLayers(paint, [], view, { minX: 150, minY: 150, maxX: 250, maxY: 200 });
    const box = paint.calls.filter((c) => c.op === 'moveTo' || c.op === 'lineTo').map((c) => c.args);
    expect(box).toEqual([[100, 100], [300, 100], [300, 200], [100, 200]]);
    const stroke = paint.calls.filter((c) => c.op === 'stroke').at(-1);
    expect(stroke?.strokeStyle).toBe('#ffffff');
    expect(stroke?.dash.length).toBeGreaterThan(0);
  });
});
