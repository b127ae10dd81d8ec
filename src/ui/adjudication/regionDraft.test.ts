import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../core/annotation';
import { humanProvenance, shapeRecord } from '../../core/testing/records';
import { asPolygons, draftGeometries, draftRecords, unitShapes } from './regionDraft';

const unit = { questionId: 'lesion', targetKey: 'slide-1/lesion.carcinoma' };
const ring = (x: number) => [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10]] as const;
const square = (x: number): Geometry => ({ type: 'polygon', points: ring(x) });
const ann = humanProvenance('ann');
const lead = humanProvenance('lead');

describe('region draft', () => {
  const records = [
    shapeRecord('b', 'slide-1', square(20), 'lesion.carcinoma', ann),
    shapeRecord('a', 'slide-1', square(0), 'lesion.carcinoma', ann),
    shapeRecord('other-class', 'slide-1', square(40), 'lesion.adenoma', ann),
    shapeRecord('other-target', 'slide-2', square(40), 'lesion.carcinoma', ann),
    shapeRecord('rejected', 'slide-1', square(60), 'lesion.carcinoma', { ...ann, origin: { kind: 'model', modelId: 'm', version: '1', contentHash: 'h', runId: 'r' }, decision: 'rejected', decidedBy: 'ann' }),
  ];

  it('reads the unit’s live shapes of its class on its target only', () => {
    expect(unitShapes(records, unit).map((s) => s.id)).toEqual(['b', 'a']);
    expect(unitShapes(records, { questionId: 'lesion', targetKey: 'slide-1' })).toEqual([]);
  });

  it('splits a multiPolygon into polygons, rings a rectangle, drops points', () => {
    const multi: Geometry = { type: 'multiPolygon', polygons: [{ points: ring(0) }, { points: [[50, 50], [60, 50], [60, 60]], holes: [] }] };
    expect(asPolygons([multi, { type: 'rectangle', topLeft: [1, 2], bottomRight: [3, 4] }, { type: 'point', point: [1, 1] }])).toEqual([
      square(0),
      { type: 'polygon', points: [[50, 50], [60, 50], [60, 60]], holes: [] },
      { type: 'polygon', points: [[1, 2], [3, 2], [3, 4], [1, 4]] },
    ]);
  });

  it('copies a reader’s drawing into the lead’s draft records, and hands back the draft’s polygons in id order', () => {
    const draft = draftRecords(unit, unitShapes(records, unit), lead);
    expect(draft.map((r) => [r.id, r.classCode, r.targetId, r.provenance.authors])).toEqual([
      ['draft-1', 'lesion.carcinoma', 'slide-1', ['lead']],
      ['draft-2', 'lesion.carcinoma', 'slide-1', ['lead']],
    ]);
    expect(draftGeometries([...draft].reverse(), unit)).toEqual([square(20), square(0)]);
    expect(draftRecords(unit, [], lead)).toEqual([]);
  });
});
