import { describe, expect, it } from 'vitest';
import { TileLedger } from './tileLedger';

describe('tile ledger (offline tile eviction)', () => {
  it('keeps at most the bound and evicts the oldest first', () => {
    const ledger = new TileLedger(3);
    expect(ledger.stored('a')).toEqual([]);
    expect(ledger.stored('b')).toEqual([]);
    expect(ledger.stored('c')).toEqual([]);
    expect(ledger.stored('d')).toEqual(['a']);
    expect(ledger.stored('e')).toEqual(['b']);
    expect(ledger.size).toBe(3);
    expect(ledger.has('a')).toBe(false);
    expect(ledger.has('e')).toBe(true);
  });

  it('counts a tile stored again as new, so tiles viewed lately outlive old ones', () => {
    const ledger = new TileLedger(3);
    for (const key of ['a', 'b', 'c']) ledger.stored(key);
    ledger.stored('a');
    expect(ledger.stored('d')).toEqual(['b']);
    expect(ledger.stored('e')).toEqual(['c']);
  });

  it('makes room on a quota error by dropping the oldest tenth, never the tile being written', () => {
    const ledger = new TileLedger(1000);
    for (let i = 0; i < 25; i++) ledger.stored(`t${i}`);
    expect(ledger.makeRoom('t24')).toEqual(['t0', 't1', 't2']);
    expect(ledger.size).toBe(22);
    const single = new TileLedger(10);
    single.stored('only');
    expect(single.makeRoom('only')).toEqual([]);
    expect(single.makeRoom()).toEqual(['only']);
  });

  it('forgets a tile the cache no longer has', () => {
    const ledger = new TileLedger(2);
    ledger.stored('a');
    ledger.stored('b');
    ledger.forget('a');
    expect(ledger.stored('c')).toEqual([]);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new TileLedger(0)).toThrow(RangeError);
    expect(() => new TileLedger(2.5)).toThrow(RangeError);
  });
});
