/**
 * Run-length encoding of binary labelmaps, row-major: alternating run lengths starting with a
 * run of 0s (possibly of length 0 when the first pixel is set). This is `Mask.runs`.
 */

export function encodeRuns(labels: Uint8Array): number[] {
  const runs: number[] = [];
  let current = 0;
  let length = 0;
  for (const value of labels) {
    const bit = value === 0 ? 0 : 1;
    if (bit === current) {
      length += 1;
    } else {
      runs.push(length);
      current = bit;
      length = 1;
    }
  }
  runs.push(length);
  return runs;
}

/** Expands runs into `length` pixels (0 or 1); throws if the runs do not cover exactly `length`. */
export function decodeRuns(runs: readonly number[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  runs.forEach((run, i) => {
    if (!Number.isInteger(run) || run < 0) throw new RangeError(`run ${i} is ${run}, expected an integer ≥ 0`);
    if (offset + run > length) throw new RangeError(`runs cover more than ${length} pixels`);
    if (i % 2 === 1) out.fill(1, offset, offset + run);
    offset += run;
  });
  if (offset !== length) throw new RangeError(`runs cover ${offset} pixels, expected ${length}`);
  return out;
}

/**
 * The canonical form of some runs: zero-length runs inside merged away, so two encodings of the
 * same labelmap compare equal. Only the first run may be 0.
 */
export function normalizeRuns(runs: readonly number[]): number[] {
  const out: number[] = [];
  runs.forEach((run, i) => {
    const isOnes = i % 2 === 1;
    const lastIsOnes = out.length % 2 === 0;
    if (run === 0 && i > 0) return;
    if (out.length > 0 && lastIsOnes === isOnes) out[out.length - 1]! += run;
    else out.push(run);
  });
  return out.length === 0 ? [0] : out;
}

/** Number of set pixels. */
export function countSet(runs: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < runs.length; i += 2) n += runs[i]!;
  return n;
}
