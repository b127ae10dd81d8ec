import { describe, expect, it } from 'vitest';
import { drawPreview } from './drawPreview';
import { outlinePaths } from '../../annotation/geometryRings';
import { RecordingPaint, viewAt } from './testing/recordingPaint';

const view = viewAt(2, { minX: 100, minY: 100, maxX: 600, maxY: 500 });

describe('drawPreview', () => {
  it('draws the outline in progress in screen px, dark halo under the class colour', () => {
    const paint = new RecordingPaint();
    drawPreview(paint, { geometry: { type: 'polyline', points: [[110, 120], [200, 120], [200, 220]] } }, view, '#d62728');
    expect(paint.calls.filter((c) => c.op === 'moveTo' || c.op === 'lineTo').map((c) => c.args)).toEqual([[20, 40], [200, 40], [200, 240]]);
    expect(paint.count('closePath')).toBe(0);
    expect(paint.calls.filter((c) => c.op === 'stroke').map((c) => c.strokeStyle)).toEqual(['rgba(0, 0, 0, 0.6)', '#d62728']);
  });

  it('draws handles, a dashed rubber band and the brush footprint scaled to the zoom', () => {
    const paint = new RecordingPaint();
    drawPreview(
      paint,
      { handles: [[150, 150], [160, 160]], box: { minX: 100, minY: 100, maxX: 150, maxY: 120 }, brush: { center: [300, 300], radius: 25, mode: 'subtract' } },
      view,
      '#ff7f0e',
    );
    expect(paint.count('rect')).toBe(2);
    const band = paint.calls.filter((c) => c.op === 'lineTo').map((c) => c.args);
    expect(band).toEqual([[100, 0], [100, 40], [0, 40]]);
    const circle = paint.calls.find((c) => c.op === 'arc');
    expect(circle?.args.slice(0, 3)).toEqual([400, 400, 50]);
    expect(paint.calls.some((c) => c.op === 'stroke' && c.strokeStyle === '#ff7f0e' && c.dash.length > 0)).toBe(true);
  });
});

describe('drawPreview of a dragged selection', () => {
  it('draws each moving outline displaced by the drag, in its class colour', () => {
    const paint = new RecordingPaint();
    const square = { type: 'polygon' as const, points: [[100, 100], [110, 100], [110, 110]] as const };
    drawPreview(paint, { moving: { ids: ['a', 'gone'], delta: [10, 5] } }, view, '#000000', (id) => (id === 'a' ? { geometry: square, color: '#1f77b4' } : null));
    expect(paint.calls.filter((c) => c.op === 'moveTo' || c.op === 'lineTo').map((c) => c.args)).toEqual([[20, 10], [40, 10], [40, 30]]);
    expect(paint.calls.filter((c) => c.op === 'stroke').at(-1)?.strokeStyle).toBe('#1f77b4');
  });
});

describe('outlinePaths', () => {
  it('gives a polygon its holes, a rectangle four corners and an ellipse a ring on its radii', () => {
    expect(outlinePaths({ type: 'polygon', points: [[0, 0], [10, 0], [0, 10]], holes: [[[1, 1], [2, 1], [1, 2]]] })).toHaveLength(2);
    expect(outlinePaths({ type: 'rectangle', topLeft: [0, 0], bottomRight: [4, 2] })[0]?.points).toEqual([[0, 0], [4, 0], [4, 2], [0, 2]]);
    const [ring] = outlinePaths({ type: 'ellipse', center: [10, 10], radii: [5, 2], rotation: Math.PI / 2 });
    for (const [x, y] of ring!.points) expect(((y - 10) / 5) ** 2 + ((x - 10) / 2) ** 2).toBeCloseTo(1, 6);
  });

  it('marks a click-prompt’s clicks: + in green to keep, − in red to leave out, and its box as a band', () => {
    const paint = new RecordingPaint();
    drawPreview(
      paint,
      {
        prompts: [
          { kind: 'point', point: [150, 150], positive: true },
          { kind: 'point', point: [200, 150], positive: false },
          { kind: 'box', topLeft: [100, 100], bottomRight: [150, 120] },
        ],
      },
      view,
      '#d62728',
    );
    const coloured = paint.calls.filter((c) => c.op === 'stroke' && c.strokeStyle !== 'rgba(0, 0, 0, 0.6)').map((c) => c.strokeStyle);
    expect(coloured).toEqual(['#2e7d32', '#c62828', '#1565c0']);
    // The keep mark is a cross (two strokes of 12 px) at (100, 100) on screen; the leave-out mark a bar.
    const segments = paint.calls.filter((c) => c.op === 'moveTo').map((c) => c.args);
    expect(segments.slice(0, 3)).toEqual([[94, 100], [100, 94], [194, 100]]);
  });
});
