import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, sortKeyFor } from './items';

describe('item listing helpers', () => {
  it('orders titles naturally', () => {
    const titles = ['Series 10', 'series 2', 'Series 1'];
    expect([...titles].sort((a, b) => (sortKeyFor(a) < sortKeyFor(b) ? -1 : 1))).toEqual(['Series 1', 'series 2', 'Series 10']);
  });

  it('round-trips cursors and refuses foreign ones', () => {
    expect(decodeCursor(encodeCursor('ct 1', 'abc'))).toEqual(['ct 1', 'abc']);
    for (const bad of ['', 'garbage', Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(/cursor/);
    }
  });
});
