import { describe, expect, it } from 'vitest';
import { readCocoGeometry, toCocoShape } from './coco';

describe('COCO geometry', () => {
  it('has no form for points and lines', () => {
    expect(toCocoShape({ type: 'point', point: [1, 2] })).toBeNull();
    expect(toCocoShape({ type: 'polyline', points: [[0, 0], [5, 5]] })).toBeNull();
  });

  it('reads holes back onto the polygon they belong to, and a closed triangle as a triangle', () => {
    const read = readCocoGeometry({
      segmentation: [[0, 0, 9, 0, 9, 9, 0, 0], [20, 20, 40, 20, 40, 40, 20, 40]],
      mejirushi: { holes: [[], [[25, 25, 25, 30, 30, 30]]] },
    });
    expect(read).toEqual({
      ok: true,
      geometry: {
        type: 'multiPolygon',
        polygons: [{ points: [[0, 0], [9, 0], [9, 9]] }, { points: [[20, 20], [40, 20], [40, 40], [20, 40]], holes: [[[25, 25], [25, 30], [30, 30]]] }],
      },
    });
  });

  it('says what is wrong with a malformed ellipse, box or polygon', () => {
    expect(readCocoGeometry({ mejirushi: { shape: 'ellipse', ellipse: { center: [1, 1], radii: [0, 3], rotation: 0 } } })).toEqual({
      ok: false,
      fault: 'badSegmentation',
      detail: 'mejirushi.ellipse is not { center, radii, rotation }',
    });
    expect(readCocoGeometry({ bbox: [0, 0, 5, 0] })).toEqual({ ok: false, fault: 'badBbox', detail: 'bbox has width 5 and height 0; both must be positive' });
    expect(readCocoGeometry({ bbox: 'x' })).toEqual({ ok: false, fault: 'badBbox', detail: 'bbox is not [x, y, width, height]' });
    expect(readCocoGeometry({ segmentation: [[0, 0, 'a', 1, 2, 2]] })).toEqual({ ok: false, fault: 'badSegmentation', detail: 'segmentation[0] is not a list of numbers' });
    expect(readCocoGeometry({ segmentation: [[0, 0, 5, 5]] })).toEqual({ ok: false, fault: 'badSegmentation', detail: 'segmentation[0] has 2 vertices, a polygon needs 3' });
    expect(readCocoGeometry({ segmentation: 'polygon' })).toEqual({ ok: false, fault: 'badSegmentation', detail: 'segmentation is not a list of polygons' });
  });
});
