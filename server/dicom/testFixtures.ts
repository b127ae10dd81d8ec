/** Small, valid DICOM files built with the writer, for tests that need real bytes to break. */
import { CT_IMAGE_STORAGE } from './uids';
import { writeDicom, type DicomElement } from './write';

export const TINY = {
  rows: 16,
  columns: 16,
  sopInstanceUid: '2.25.1001',
  studyInstanceUid: '2.25.1002',
  seriesInstanceUid: '2.25.1003',
} as const;

/** A 16 × 16 signed 16-bit CT slice whose pixel value is row * 16 + column - 100. */
export function tinyCtElements(): DicomElement[] {
  const pixels = new Int16Array(TINY.rows * TINY.columns).map((_, i) => i - 100);
  return [
    { tag: 0x00080060, vr: 'CS', value: 'CT' },
    { tag: 0x0008103e, vr: 'LO', value: 'Tiny test series' },
    { tag: 0x0020000d, vr: 'UI', value: TINY.studyInstanceUid },
    { tag: 0x0020000e, vr: 'UI', value: TINY.seriesInstanceUid },
    { tag: 0x00200013, vr: 'IS', value: 7 },
    { tag: 0x00200032, vr: 'DS', value: [-10.5, 20.25, 3] },
    { tag: 0x00200037, vr: 'DS', value: [1, 0, 0, 0, 1, 0] },
    { tag: 0x00280002, vr: 'US', value: 1 },
    { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
    { tag: 0x00280010, vr: 'US', value: TINY.rows },
    { tag: 0x00280011, vr: 'US', value: TINY.columns },
    { tag: 0x00280030, vr: 'DS', value: [0.5, 0.75] },
    { tag: 0x00280100, vr: 'US', value: 16 },
    { tag: 0x00280101, vr: 'US', value: 16 },
    { tag: 0x00280102, vr: 'US', value: 15 },
    { tag: 0x00280103, vr: 'US', value: 1 },
    { tag: 0x7fe00010, vr: 'OW', value: pixels },
  ];
}

/** The tiny CT with some elements replaced (same tag) or removed (value `null`). */
export function tinyCt(changes: ReadonlyMap<number, DicomElement | null> = new Map(), sopClassUid: string = CT_IMAGE_STORAGE): Uint8Array {
  const elements = tinyCtElements()
    .filter((element) => changes.get(element.tag) !== null)
    .map((element) => changes.get(element.tag) ?? element);
  for (const [tag, element] of changes) {
    if (element && !elements.some((e) => e.tag === tag)) elements.push(element);
  }
  return writeDicom(elements, { sopClassUid, sopInstanceUid: TINY.sopInstanceUid });
}
