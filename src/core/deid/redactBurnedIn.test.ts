import dcmjs from 'dcmjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstText, itemsOf } from './dataSet';
import { deidentifyDicom, type DeidReport } from './deidentify';
import { type DeidKey, importDeidKey } from './keyedHash';
import { nativePixelsOf } from './nativePixels';
import { BASIC_PROFILE_ONLY } from './policy';
import { redactDataSet, redactDeidentified, RedactionRefused } from './redactBurnedIn';
import { parseDeidReport } from './report';
import { JPEG_BASELINE, pixelDicom } from './testing/pixelDicom';

let key: DeidKey;
beforeAll(async () => {
  key = importDeidKey(new Uint8Array(32).fill(7));
});

const read = (bytes: Uint8Array) => dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);

/** 5 × 4 RGB, 2 frames, every sample 180. */
const cine = () => pixelDicom({ rows: 4, columns: 5, frames: 2, samplesPerPixel: 3, burnedInAnnotation: 'YES', pixels: new Uint8Array(5 * 4 * 3 * 2).fill(180) });

describe('redactDeidentified', () => {
  it('blacks out the boxes in every frame, says NO to Burned In Annotation, adds Clean Pixel Data and reports the boxes', async () => {
    const deidentified = await deidentifyDicom(cine(), BASIC_PROFILE_ONLY, key);
    const { bytes, report } = redactDeidentified(deidentified.bytes, deidentified.report, 'ultrasound', [{ x: 1, y: 0, width: 2, height: 1 }]);
    const file = read(bytes);
    const pixels = nativePixelsOf(file.dict, firstText(file.meta, '00020010'));
    if (!pixels.ok) throw new Error(pixels.reason);
    const black = Array.from(pixels.data.slice(0, 120)).flatMap((value, i) => (value === 0 ? [i] : []));
    // Pixels (1,0) and (2,0) of both frames: samples 3–8 and 63–68.
    expect(black).toEqual([3, 4, 5, 6, 7, 8, 63, 64, 65, 66, 67, 68]);
    expect(firstText(file.dict, '00280301')).toBe('NO');
    expect(itemsOf(file.dict['00120064']!).map((item) => firstText(item, '00080100'))).toEqual(['113100', '113101']);
    expect(report.methodCodes).toEqual(['113100', '113101']);
    expect(report.burnedIn).toEqual({ reason: 'ultrasound', status: 'redacted', boxes: [{ x: 1, y: 0, width: 2, height: 1 }], frames: 2 });
    expect(parseDeidReport(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('with no box confirmed, leaves the pixels and Burned In Annotation as they were', async () => {
    const deidentified = await deidentifyDicom(cine(), BASIC_PROFILE_ONLY, key);
    const { bytes, report } = redactDeidentified(deidentified.bytes, deidentified.report, 'ultrasound', []);
    expect(firstText(read(bytes).dict, '00280301')).toBe('YES');
    expect(report.burnedIn).toEqual({ reason: 'ultrasound', status: 'noneFound', boxes: [], frames: 2 });
    expect(report.methodCodes).toEqual(['113100']);
  });

  it('refuses compressed pixel data, naming its transfer syntax', () => {
    const file = read(pixelDicom({ rows: 2, columns: 2, transferSyntax: JPEG_BASELINE, pixels: new Uint8Array(4) }));
    expect(() => redactDataSet(file.dict, JPEG_BASELINE, 'ultrasound', [{ x: 0, y: 0, width: 1, height: 1 }])).toThrow(RedactionRefused);
    expect(() => redactDataSet(file.dict, JPEG_BASELINE, 'ultrasound', [])).toThrow(/1\.2\.840\.10008\.1\.2\.4\.50.*Explicit VR Little Endian/);
  });

  it('runs as de-identification’s pixel step (the CLI’s confirmation file) with the same result', async () => {
    const { bytes, report } = await deidentifyDicom(cine(), BASIC_PROFILE_ONLY, key, async (dataSet, syntax) => redactDataSet(dataSet, syntax, 'ultrasound', [{ x: 0, y: 3, width: 5, height: 1 }]));
    const file = read(bytes);
    expect(firstText(file.dict, '00280301')).toBe('NO');
    expect(report.methodCodes).toEqual(['113100', '113101']);
    expect(report.burnedIn?.boxes).toEqual([{ x: 0, y: 3, width: 5, height: 1 }]);
  });
});

describe('parseDeidReport with burned-in boxes', () => {
  const base: DeidReport = { sopInstanceUid: '2.25.1', methodCodes: ['113100'], dayShift: null, entries: [] };
  it('refuses text where only numbers belong, and a redaction without boxes', () => {
    expect(parseDeidReport({ ...base, burnedIn: { reason: 'ultrasound', status: 'redacted', boxes: [{ x: 0, y: 0, width: 2, height: 2, text: 'YAMADA' }], frames: 1 } })?.burnedIn).toEqual({
      reason: 'ultrasound',
      status: 'redacted',
      boxes: [{ x: 0, y: 0, width: 2, height: 2 }],
      frames: 1,
    });
    expect(parseDeidReport({ ...base, burnedIn: { reason: 'ultrasound', status: 'redacted', boxes: [{ x: 'YAMADA', y: 0, width: 2, height: 2 }], frames: 1 } })).toBeNull();
    expect(parseDeidReport({ ...base, burnedIn: { reason: 'YAMADA', status: 'noneFound', boxes: [], frames: 1 } })).toBeNull();
    expect(parseDeidReport({ ...base, burnedIn: { reason: 'ultrasound', status: 'redacted', boxes: [], frames: 1 } })).toBeNull();
  });
});
