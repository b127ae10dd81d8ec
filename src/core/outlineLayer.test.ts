import { describe, expect, it } from 'vitest';
import { decodeOutlineLayer, encodeOutlineLayer, type PackedPolygons } from './outlineLayer';

const CLASSES = [
  { code: 'nucleus', color: '#3050c0' },
  { code: 'atypical', color: '#c03050' },
];

/** A triangle, then a pentagon of class 1, then a square. */
function sample(): PackedPolygons {
  return {
    coords: new Float32Array([0, 0, 10, 0, 5, 8.5, 100.25, 100, 110, 104, 108, 112, 98, 111, 95, 104, 1e6, 2e5, 1e6 + 9, 2e5, 1e6 + 9, 2e5 + 9, 1e6, 2e5 + 9]),
    starts: new Uint32Array([0, 3, 8, 12]),
    classIndex: new Uint8Array([0, 1, 0]),
    classes: CLASSES,
  };
}

describe('outline layer codec', () => {
  it('round-trips every coordinate, start, class index and class', () => {
    const original = sample();
    const decoded = decodeOutlineLayer(encodeOutlineLayer(original));
    expect(Array.from(decoded.coords)).toEqual(Array.from(original.coords));
    expect(Array.from(decoded.starts)).toEqual([0, 3, 8, 12]);
    expect(Array.from(decoded.classIndex)).toEqual([0, 1, 0]);
    expect(decoded.classes).toEqual(CLASSES);
  });

  it('writes little-endian with the magic first and is read from an unaligned offset too', () => {
    const bytes = encodeOutlineLayer(sample());
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('MJOL');
    expect(bytes[8]).toBe(3); // polygon count, low byte first
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(Array.from(decodeOutlineLayer(shifted.subarray(1)).starts)).toEqual([0, 3, 8, 12]);
  });

  it('round-trips an empty layer', () => {
    const empty: PackedPolygons = { coords: new Float32Array(0), starts: new Uint32Array([0]), classIndex: new Uint8Array(0), classes: [] };
    const decoded = decodeOutlineLayer(encodeOutlineLayer(empty));
    expect(decoded.starts.length).toBe(1);
    expect(decoded.coords.length).toBe(0);
  });

  it('refuses bytes that are not a layer, a truncated layer and another version', () => {
    const bytes = encodeOutlineLayer(sample());
    expect(() => decodeOutlineLayer(new TextEncoder().encode('GIF89a and more bytes here'))).toThrow(/wrong magic/);
    expect(() => decodeOutlineLayer(bytes.subarray(0, bytes.length - 4))).toThrow(/header declares/);
    const future = bytes.slice();
    future[4] = 9;
    expect(() => decodeOutlineLayer(future)).toThrow(/version 9/);
  });

  it('refuses inconsistent polygons when encoding', () => {
    const bad = { ...sample(), classIndex: new Uint8Array([0, 5, 0]) };
    expect(() => encodeOutlineLayer(bad)).toThrow(/class 5/);
    const degenerate = { ...sample(), starts: new Uint32Array([0, 2, 8, 12]) };
    expect(() => encodeOutlineLayer(degenerate)).toThrow(/fewer than 3/);
  });
});
