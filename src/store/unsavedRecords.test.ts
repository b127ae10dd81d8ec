import { describe, expect, it } from 'vitest';
import { labelRecord } from '../core/testing/records';
import { UnsavedRecords } from './unsavedRecords';

describe('UnsavedRecords', () => {
  it('holds back remote copies of records until every queued save of them is done', () => {
    const a = labelRecord('s1', ['sah.present']);
    const b = labelRecord('s2', ['sah.absent']);
    const unsaved = new UnsavedRecords();
    const first = unsaved.add({ [a.id]: [null, a] });
    const second = unsaved.add({ [a.id]: [a, null], [b.id]: [null, b] });
    const remote = new Map([
      [a.id, a],
      [b.id, null],
      ['other', null],
    ]);
    expect([...unsaved.without(remote).keys()]).toEqual(['other']);
    unsaved.remove(second);
    expect([...unsaved.without(remote).keys()]).toEqual([b.id, 'other']);
    unsaved.remove(first);
    expect([...unsaved.without(remote).keys()]).toEqual([a.id, b.id, 'other']);
  });
});
