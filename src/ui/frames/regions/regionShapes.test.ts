import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../../core/recordStore';
import { FRAME_TEST_RECORDS } from '../../../core/testing/frameSetDocument';
import { DOC_KEY } from '../../../core/testing/records';
import { regionsOn, svgPath } from './regionShapes';

describe('regions of a frame', () => {
  it('are the shown outlines of the region question on that frame: no masks, labels or rejected proposals', () => {
    const store = new RecordStore({ ...DOC_KEY, itemId: 'video-1' }, FRAME_TEST_RECORDS);
    expect(regionsOn(store, 'frame-4', 'lesion').map((shape) => shape.id).sort()).toEqual(['oval', 'proposed']);
    expect(regionsOn(store, 'frame-1', 'lesion').map((shape) => shape.id)).toEqual(['box']);
    expect(regionsOn(store, 'frame-1', 'mayo')).toEqual([]);
  });

  it('leave out pending proposals scoring under their question’s confidence, never a person’s outline', () => {
    const store = new RecordStore({ ...DOC_KEY, itemId: 'video-1' }, FRAME_TEST_RECORDS);
    // The proposal scores 0.9 (modelProvenance).
    expect(regionsOn(store, 'frame-4', 'lesion', { lesion: 0.9 }).map((shape) => shape.id).sort()).toEqual(['oval', 'proposed']);
    expect(regionsOn(store, 'frame-4', 'lesion', { lesion: 0.95 }).map((shape) => shape.id)).toEqual(['oval']);
    expect(regionsOn(store, 'frame-4', 'lesion', { mayo: 0.95 }).map((shape) => shape.id).sort()).toEqual(['oval', 'proposed']);
  });

  it('draw as SVG paths in image px: rings closed, a polygon being drawn left open', () => {
    expect(svgPath({ type: 'rectangle', topLeft: [10, 20], bottomRight: [110, 70.125] })).toBe('M10 20 L110 20 L110 70.13 L10 70.13 Z');
    expect(svgPath({ type: 'polygon', points: [[0, 0], [4, 0], [4, 4]], holes: [[[1, 1], [2, 1], [2, 2]]] })).toBe('M0 0 L4 0 L4 4 Z M1 1 L2 1 L2 2 Z');
    expect(svgPath({ type: 'polyline', points: [[0, 0], [4, 0]] })).toBe('M0 0 L4 0');
  });
});
