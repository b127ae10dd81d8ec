import { describe, expect, it } from 'vitest';
import { fillHoles } from './fillHoles';

const mask = (rows: readonly string[]) => Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));

describe('fillHoles', () => {
  it('fills enclosed holes up to the size cap and leaves larger ones and the border open', () => {
    const input = mask(['#######.', '#.#...#.', '###...#.', '#######.']);
    const filled = fillHoles(input, 8, 4, 4);
    expect(Array.from(filled)).toEqual(Array.from(mask(['#######.', '###...#.', '###...#.', '#######.'])));
    expect(Array.from(fillHoles(input, 8, 4, 6))).toEqual(Array.from(mask(['#######.', '#######.', '#######.', '#######.'])));
  });
});
