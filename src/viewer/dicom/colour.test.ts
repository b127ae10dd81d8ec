import { describe, expect, it } from 'vitest';
import { paletteToRgb, ybrFull422ToRgb } from './colour';

describe('ybrFull422ToRgb', () => {
  it('gives both pixels of a pair their own luma and the shared chroma', () => {
    // Grey (no chroma), then pure-ish red: Y 76, Cb 85, Cr 255.
    const packed = Uint8Array.from([0, 255, 128, 128, 76, 76, 85, 255]);
    expect([...ybrFull422ToRgb(packed, 1, 4)]).toEqual([0, 0, 0, 255, 255, 255, 254, 0, 0, 254, 0, 0]);
  });

  it('refuses an odd width or too few bytes', () => {
    expect(() => ybrFull422ToRgb(new Uint8Array(6), 1, 3)).toThrow(/even number of columns/);
    expect(() => ybrFull422ToRgb(new Uint8Array(4), 2, 2)).toThrow(/needs 8 bytes/);
  });
});

describe('paletteToRgb', () => {
  const tables = {
    red: Uint16Array.from([0, 0x1234, 0xffff]),
    green: Uint16Array.from([0xff00, 0, 0]),
    blue: Uint16Array.from([0, 0x80ff, 0x0100]),
    firstMapped: 10,
    entryBits: 16,
  };

  it('looks each index up from the first mapped value, drawing 16-bit entries by their high byte', () => {
    expect([...paletteToRgb([10, 11, 12], tables)]).toEqual([0, 255, 0, 0x12, 0, 0x80, 255, 0, 1]);
  });

  it('clamps indices outside the table to its first and last entries', () => {
    expect([...paletteToRgb([0, 500], tables)]).toEqual([0, 255, 0, 255, 0, 1]);
  });

  it('keeps 8-bit entries as they are', () => {
    expect([...paletteToRgb([0], { ...tables, firstMapped: 0, entryBits: 8, red: Uint16Array.from([200]), green: Uint16Array.from([255]) })]).toEqual([200, 255, 0]);
  });
});
