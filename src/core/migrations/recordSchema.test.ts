import { describe, expect, it } from 'vitest';
import { TEST_LABEL_SET, seriesItem, T0 } from '../testing/records';
import { ItemTargets } from '../targets';
import { validateAnnotationRecord } from '../validation/annotation';
import { upgradeRecord } from './recordSchema';

const T1 = '2024-05-02T09:00:00.000Z';
const humanV1 = { authorId: 'u1', createdAt: T0, updatedAt: T1, source: { kind: 'human' } };
const modelV1 = { authorId: 'u1', createdAt: T0, updatedAt: T1, source: { kind: 'model', name: 'sah-net', version: '1.2.0' } };
const context = { labelSet: TEST_LABEL_SET, targets: new ItemTargets(seriesItem(4)) };

function expectValid(record: unknown): void {
  expect(validateAnnotationRecord(record, context)).toEqual({ ok: true, value: record });
}

describe('upgradeRecord from schema 1', () => {
  it('gives a label its question and the per-question id, and a human its authors', () => {
    const v1 = { type: 'label', id: 'label:slice-1', targetId: 'slice-1', classCodes: ['sah.present'], provenance: humanV1 };
    const v2 = upgradeRecord(v1, 1, 'sah');
    expect(v2).toEqual({
      type: 'label',
      id: 'label:sah:slice-1',
      questionId: 'sah',
      targetId: 'slice-1',
      classCodes: ['sah.present'],
      provenance: { origin: { kind: 'human' }, createdAt: T0, updatedAt: T1, authors: ['u1'] },
    });
    expectValid(v2);
  });

  it('keeps a shape’s id and upgrades a mask’s shared id', () => {
    const shape = { type: 'shape', id: 'shape-9', targetId: 'slice-2', classCode: 'lesion', geometry: { type: 'point', point: [1, 2] }, provenance: humanV1 };
    expect(upgradeRecord(shape, 1, 'lesion')).toEqual({ ...shape, questionId: 'lesion', provenance: { origin: { kind: 'human' }, createdAt: T0, updatedAt: T1, authors: ['u1'] } });
    expectValid(upgradeRecord(shape, 1, 'lesion'));

    const mask = { type: 'mask', id: 'mask:slice-2:lesion', targetId: 'slice-2', classCode: 'lesion', width: 64, height: 64, runs: [4096], provenance: humanV1 };
    const upgraded = upgradeRecord(mask, 1, 'lesion');
    expect(upgraded.id).toBe('mask:lesion:slice-2:lesion');
    expectValid(upgraded);
    // A mask id of another form is kept as it was.
    expect(upgradeRecord({ ...mask, id: 'm-1' }, 1, 'lesion').id).toBe('m-1');
  });

  it('turns an accepted model record into an accepted proposal with unknown hash and run', () => {
    const v1 = { type: 'label', id: 'label:slice-3', targetId: 'slice-3', classCodes: ['sah.absent'], provenance: { ...modelV1, acceptedBy: 'u2' } };
    const v2 = upgradeRecord(v1, 1, 'sah');
    expect(v2.provenance).toEqual({
      origin: { kind: 'model', modelId: 'sah-net', version: '1.2.0', contentHash: 'unknown', runId: 'unknown' },
      createdAt: T0,
      updatedAt: T1,
      authors: ['u2'],
      decision: 'accepted',
      decidedBy: 'u2',
    });
    expectValid(v2);
  });

  it('turns a model record nobody accepted into a pending proposal', () => {
    const v1 = { type: 'shape', id: 'p1', targetId: 'slice-1', classCode: 'lesion', geometry: { type: 'point', point: [1, 2] }, provenance: modelV1 };
    const v2 = upgradeRecord(v1, 1, 'lesion');
    expect(v2.provenance).toMatchObject({ authors: [], decision: 'pending' });
    expect(v2.provenance).not.toHaveProperty('decidedBy');
    expectValid(v2);
  });
});

describe('upgradeRecord', () => {
  it('passes a current record through unchanged', () => {
    const current = { type: 'label', id: 'label:sah:slice-1', questionId: 'sah', targetId: 'slice-1', classCodes: ['sah.absent'], provenance: { origin: { kind: 'human' }, createdAt: T0, updatedAt: T0, authors: ['u1'] } };
    expect(upgradeRecord(current, 2, 'ignored')).toBe(current);
  });

  it.each([0, 3, 99])('throws on schema %s, which this code does not know', (schema) => {
    expect(() => upgradeRecord({ type: 'shape' }, schema, 'lesion')).toThrow(`record schema ${schema} of a shape is not known here (current: 2)`);
  });

  it.each([[null], [{ type: 'arrow' }], [{ type: 'constructor' }], ['label']])('throws on a body that is not a record: %j', (body) => {
    expect(() => upgradeRecord(body, 1, 'sah')).toThrow(/^not an annotation record/);
  });
});
