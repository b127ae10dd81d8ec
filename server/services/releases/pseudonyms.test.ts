import { describe, expect, it } from 'vitest';
import { humanBy, label, proposal } from '../../testing/documents';
import { Pseudonyms } from './pseudonyms';

describe('Pseudonyms', () => {
  it('numbers readers in the given order and everyone else as person-N on first sight', () => {
    const names = new Pseudonyms(['u-b', 'u-a']);
    expect(names.of('u-a')).toBe('reader-2');
    expect(names.of('u-x')).toBe('person-1');
    expect(names.of('u-b')).toBe('reader-1');
    expect(names.of('u-x')).toBe('person-1');
    expect(names.readers).toEqual(['reader-1', 'reader-2']);
  });

  it('replaces every user id of a record provenance and nothing else', () => {
    const names = new Pseudonyms(['u-a']);
    const human = label('t1', 'sah.present', { ...humanBy('u-a'), authors: ['u-a', 'u-r'] });
    expect(names.record(human)).toEqual({ ...human, provenance: { ...human.provenance, authors: ['reader-1', 'person-1'] } });
    const decided = label('t2', 'sah.absent', { ...proposal(), decision: 'accepted', decidedBy: 'u-a', authors: ['u-a'] });
    expect(names.record(decided).provenance).toEqual({ ...decided.provenance, decidedBy: 'reader-1', authors: ['reader-1'] });
    expect(JSON.stringify(names.record(decided))).not.toContain('u-a');
  });
});
