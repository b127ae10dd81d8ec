import { describe, expect, it } from 'vitest';
import { jsonEqual } from './jsonEqual';

describe('jsonEqual', () => {
  it.each([
    [1, 1],
    ['a', 'a'],
    [null, null],
    [[1, [2, 3]], [1, [2, 3]]],
    [{ a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 }],
    [{ a: 1, x: undefined }, { a: 1 }],
    [Number.NaN, Number.NaN],
  ])('%j equals %j', (a, b) => {
    expect(jsonEqual(a, b)).toBe(true);
    expect(jsonEqual(b, a)).toBe(true);
  });

  it.each([
    [1, 2],
    [1, '1'],
    [null, {}],
    [[], {}],
    [[1, 2], [2, 1]],
    [[1], [1, 1]],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: { b: 1 } }, { a: { b: 2 } }],
    [{ a: undefined, b: 1 }, { a: 1 }],
    [0, null],
  ])('%j differs from %j', (a, b) => {
    expect(jsonEqual(a, b)).toBe(false);
    expect(jsonEqual(b, a)).toBe(false);
  });

  it('sees a record equal to its JSON round trip', () => {
    const record = {
      type: 'shape',
      id: 's',
      geometry: { type: 'polygon', points: [[0.1, 0.2], [3, 4], [5, 6]] },
      provenance: { authorId: 'u', createdAt: 'x', updatedAt: 'y', source: { kind: 'human' } },
    };
    expect(jsonEqual(record, JSON.parse(JSON.stringify(record)))).toBe(true);
  });
});
