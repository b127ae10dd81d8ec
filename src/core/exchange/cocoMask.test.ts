import { describe, expect, it } from 'vitest';
import { encodeRuns } from '../mask';
import { readCocoRle, toCocoRle } from './cocoMask';

/** A 3 wide, 2 high labelmap: row 0 is 1 0 1, row 1 is 0 1 1. */
const pixels = Uint8Array.from([1, 0, 1, 0, 1, 1]);
const mask = { width: 3, height: 2, runs: encodeRuns(pixels) };

describe('COCO RLE', () => {
  it('writes runs column by column from a run of 0s, size as [height, width]', () => {
    // Columns top to bottom: (1, 0), (0, 1), (1, 1).
    expect(toCocoRle(mask)).toEqual({ segmentation: { counts: [0, 1, 2, 3], size: [2, 3] }, area: 4, bbox: [0, 0, 3, 2] });
    expect(toCocoRle({ width: 3, height: 2, runs: [6] })).toBeNull();
  });

  it('reads its own runs back row by row', () => {
    expect(readCocoRle({ counts: [0, 1, 2, 3], size: [2, 3] })).toEqual({ ok: true, labelmap: mask });
  });

  it('says why it cannot read compressed counts, a bad size or counts that do not cover it', () => {
    expect(readCocoRle({ counts: 'PPYo0', size: [2, 3] })).toEqual({ ok: false, detail: 'compressed RLE (a counts string) is not read; uncompressed counts are' });
    expect(readCocoRle({ counts: [6], size: [2] })).toEqual({ ok: false, detail: 'RLE size is not [height, width]' });
    expect(readCocoRle({ counts: [6, -1], size: [2, 3] })).toEqual({ ok: false, detail: 'RLE counts are not whole numbers' });
    expect(readCocoRle({ counts: [5], size: [2, 3] })).toEqual({ ok: false, detail: 'RLE counts cover 5 pixels, size 2×3 has 6' });
  });
});
