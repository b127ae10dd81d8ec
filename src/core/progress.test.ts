import { describe, expect, it } from 'vitest';
import type { AnnotationDocument, AnnotationRecord } from './annotation';
import { labelledTargets, progressOf } from './progress';

const prov = { authorId: 'u1', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', source: { kind: 'human' } } as const;

function doc(records: AnnotationRecord[]): AnnotationDocument {
  return {
    itemId: 'i1',
    annotatorId: 'u1',
    labelSetId: 'sah-slice',
    labelSetVersion: 1,
    records: Object.fromEntries(records.map((r) => [r.id, r])),
  };
}

const label = (targetId: string, codes: string[] = ['sah.absent']): AnnotationRecord => ({
  type: 'label',
  id: `label:${targetId}`,
  targetId,
  classCodes: codes,
  provenance: prov,
});

describe('progressOf', () => {
  it('is 0 of N with no document yet', () => {
    expect(progressOf(null, ['a', 'b', 'c'])).toEqual({ labelled: 0, total: 3 });
  });

  it('counts targets with a label, ignoring shapes, masks and empty labels', () => {
    const d = doc([
      label('a'),
      label('b', []),
      { type: 'shape', id: 's1', targetId: 'c', classCode: 'sah.present', geometry: { type: 'point', point: [1, 2] }, provenance: prov },
      { type: 'mask', id: 'm1', targetId: 'c', classCode: 'sah.present', width: 1, height: 1, runs: [1], provenance: prov },
    ]);
    expect(progressOf(d, ['a', 'b', 'c'])).toEqual({ labelled: 1, total: 3 });
  });

  it('ignores labels on targets that are not part of the item', () => {
    expect(progressOf(doc([label('a'), label('gone')]), ['a', 'b'])).toEqual({ labelled: 1, total: 2 });
  });

  it('counts each target once even if listed twice', () => {
    expect(progressOf(doc([label('a')]), ['a', 'a', 'b'])).toEqual({ labelled: 1, total: 2 });
  });

  it('is complete when every target is labelled', () => {
    const ids = Array.from({ length: 28 }, (_, i) => `s${i}`);
    expect(progressOf(doc(ids.map((id) => label(id))), ids)).toEqual({ labelled: 28, total: 28 });
  });

  it('labelledTargets lists the labelled target ids', () => {
    expect([...labelledTargets(doc([label('x'), label('y', [])]))]).toEqual(['x']);
  });
});
