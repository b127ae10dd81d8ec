import { describe, expect, it } from 'vitest';
import { countSet, decodeRuns, encodeRuns, normalizeRuns } from './mask';

/** Deterministic pseudo-random labelmap (LCG) with blobs, so runs have many lengths. */
function randomMask(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  let bit = 0;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    if (s % 7 === 0) bit = 1 - bit;
    out[i] = bit;
  }
  return out;
}

describe('encodeRuns / decodeRuns', () => {
  it('encodes a small labelmap row-major, starting with a run of 0s', () => {
    // 4 × 3:  0 0 0 0 / 0 1 1 0 / 0 0 0 0
    const labels = Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(encodeRuns(labels)).toEqual([5, 2, 5]);
  });

  it('starts with a zero-length run when the first pixel is set', () => {
    expect(encodeRuns(Uint8Array.from([1, 1, 0]))).toEqual([0, 2, 1]);
  });

  it('round-trips an empty (all-zero) labelmap', () => {
    const labels = new Uint8Array(512 * 512);
    const runs = encodeRuns(labels);
    expect(runs).toEqual([512 * 512]);
    expect(decodeRuns(runs, labels.length)).toEqual(labels);
  });

  it('round-trips an all-ones labelmap', () => {
    const labels = new Uint8Array(100).fill(1);
    const runs = encodeRuns(labels);
    expect(runs).toEqual([0, 100]);
    expect(decodeRuns(runs, 100)).toEqual(labels);
  });

  it('round-trips a zero-pixel labelmap', () => {
    expect(encodeRuns(new Uint8Array(0))).toEqual([0]);
    expect(decodeRuns([0], 0)).toEqual(new Uint8Array(0));
  });

  it.each([1, 2, 3, 42])('round-trips random labelmaps (seed %i)', (seed) => {
    const labels = randomMask(64 * 48, seed);
    const runs = encodeRuns(labels);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(labels.length);
    expect(runs.slice(1).every((r) => r > 0)).toBe(true);
    expect(decodeRuns(runs, labels.length)).toEqual(labels);
    expect(countSet(runs)).toBe(labels.reduce((a, b) => a + b, 0));
  });

  it('treats any non-zero value as set (binary labelmap)', () => {
    expect(encodeRuns(Uint8Array.from([0, 3, 255, 0]))).toEqual([1, 2, 1]);
  });

  it('refuses runs that do not cover the labelmap exactly', () => {
    expect(() => decodeRuns([5, 2, 4], 12)).toThrow('runs cover 11 pixels, expected 12');
    expect(() => decodeRuns([5, 2, 6], 12)).toThrow('runs cover more than 12 pixels');
    expect(() => decodeRuns([5, -2, 9], 12)).toThrow('run 1 is -2');
    expect(() => decodeRuns([5, 1.5, 5.5], 12)).toThrow('run 1 is 1.5');
  });
});

describe('normalizeRuns', () => {
  it.each([
    [[5, 2, 5], [5, 2, 5]],
    [[5, 0, 3, 2, 2], [8, 2, 2]],
    [[0, 2, 0, 3, 1], [0, 5, 1]],
    [[4, 0], [4]],
    [[0, 0, 6], [6]],
    [[], [0]],
  ])('%j → %j', (runs, expected) => {
    expect(normalizeRuns(runs)).toEqual(expected);
  });

  it('gives the same runs as encoding the decoded labelmap', () => {
    const messy = [3, 0, 2, 4, 0, 0, 1, 6];
    const total = messy.reduce((a, b) => a + b, 0);
    expect(normalizeRuns(messy)).toEqual(encodeRuns(decodeRuns(messy, total)));
  });
});
