import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage';
import { forgetKinds, knownKind, rememberKind } from './knownKinds';

/** As the app stores the kinds. */
const stored = (value: string) => memoryStorage({ 'mejirushi.itemKinds': value });

describe('known item kinds', () => {
  it('answers the kind remembered for an item, null for one never opened', () => {
    const storage = memoryStorage();
    rememberKind(storage, 'ct-1', 'series');
    rememberKind(storage, 'svs-1', 'slide');
    expect(knownKind(storage, 'ct-1')).toBe('series');
    expect(knownKind(storage, 'svs-1')).toBe('slide');
    expect(knownKind(storage, 'other')).toBeNull();
  });

  it('keeps one entry per item, the latest kind, moved to the end', () => {
    const storage = memoryStorage();
    rememberKind(storage, 'a', 'series');
    rememberKind(storage, 'b', 'slide');
    rememberKind(storage, 'a', 'frameSet');
    expect(JSON.parse(storage.values.get('mejirushi.itemKinds') ?? '')).toEqual([
      ['b', 'slide'],
      ['a', 'frameSet'],
    ]);
  });

  it('drops the oldest entries past its limit', () => {
    const storage = memoryStorage();
    for (let n = 0; n < 501; n += 1) rememberKind(storage, `item-${n}`, 'series');
    expect(knownKind(storage, 'item-0')).toBeNull();
    expect(knownKind(storage, 'item-1')).toBe('series');
    expect(knownKind(storage, 'item-500')).toBe('series');
  });

  it('treats a damaged value as nothing known, and skips entries that are not item kinds', () => {
    expect(knownKind(stored('{not json'), 'a')).toBeNull();
    expect(knownKind(stored('{"a":"series"}'), 'a')).toBeNull();
    const mixed = stored(JSON.stringify([['a', 'video'], ['b', 'series'], [3, 'slide']]));
    expect(knownKind(mixed, 'a')).toBeNull();
    expect(knownKind(mixed, 'b')).toBe('series');
  });

  it('forgets nothing it knew when the storage refuses a write', () => {
    const storage = memoryStorage();
    rememberKind(storage, 'a', 'series');
    const full = { ...storage, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => rememberKind(full, 'b', 'slide')).not.toThrow();
    expect(knownKind(full, 'a')).toBe('series');
  });

  it('forgets every remembered kind and nothing else the storage holds', () => {
    const storage = memoryStorage();
    storage.setItem('mejirushi.language', 'ja');
    rememberKind(storage, 'a', 'series');
    rememberKind(storage, 'b', 'slide');
    forgetKinds(storage);
    expect(knownKind(storage, 'a')).toBeNull();
    expect(knownKind(storage, 'b')).toBeNull();
    expect([...storage.values.keys()]).toEqual(['mejirushi.language']);
  });
});
