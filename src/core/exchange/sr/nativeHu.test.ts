import { describe, expect, it } from 'vitest';
import { EXPLICIT_VR_LITTLE_ENDIAN, readDicomFile, writeDicom } from '../seg/dicomFile';
import { nativeHu } from './nativeHu';

/** A 2×2 signed 16-bit CT image of two frames, stored values -1…6, slope 2, intercept -1000, written and read back. */
function ctFile(overrides: Record<string, unknown> = {}) {
  const stored = new Int16Array([-1, 0, 1, 2, 3, 4, 5, 6]);
  const written = writeDicom({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    SOPInstanceUID: '2.25.1',
    Rows: 2,
    Columns: 2,
    SamplesPerPixel: 1,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    RescaleSlope: 2,
    RescaleIntercept: -1000,
    NumberOfFrames: 2,
    PixelData: [stored.buffer],
    _vrMap: { PixelData: 'OW' },
    ...overrides,
  });
  return readDicomFile(written);
}

describe('nativeHu', () => {
  it('applies slope and intercept to the stored values of the frame asked for', () => {
    const { dataSet, transferSyntaxUid } = ctFile();
    expect(transferSyntaxUid).toBe(EXPLICIT_VR_LITTLE_ENDIAN);
    expect([...nativeHu(dataSet, transferSyntaxUid)!]).toEqual([-1002, -1000, -998, -996]);
    expect([...nativeHu(dataSet, transferSyntaxUid, 2)!]).toEqual([-994, -992, -990, -988]);
  });

  it('gives null for compressed pixels, a frame past the end or colour', () => {
    const { dataSet } = ctFile();
    expect(nativeHu(dataSet, '1.2.840.10008.1.2.4.70')).toBeNull();
    expect(nativeHu(dataSet, EXPLICIT_VR_LITTLE_ENDIAN, 3)).toBeNull();
    expect(nativeHu({ ...dataSet, SamplesPerPixel: 3 }, EXPLICIT_VR_LITTLE_ENDIAN)).toBeNull();
  });
});
