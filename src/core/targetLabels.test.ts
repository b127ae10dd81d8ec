import { describe, expect, it } from 'vitest';
import { labelsByTarget, targetLabelId } from './targetLabels';
import { documentOf, labelRecord, shapeRecord } from './testing/records';

describe('targetLabels', () => {
  it('gives one stable id per target', () => {
    expect(targetLabelId('1.2.840.1#3')).toBe('label:1.2.840.1#3');
    expect(targetLabelId('a')).not.toBe(targetLabelId('b'));
  });

  it('indexes label records by target, whatever their id, skipping other records', () => {
    const odd = { ...labelRecord('s2', ['sah.present']), id: 'model-proposal-7' };
    const doc = documentOf([labelRecord('s1', ['sah.absent']), odd, shapeRecord('sh', 's1')]);
    const byTarget = labelsByTarget(doc);
    expect([...byTarget.keys()]).toEqual(['s1', 's2']);
    expect(byTarget.get('s2')).toBe(odd);
  });
});
