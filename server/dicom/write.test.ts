import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { dcmdump } from './dcmdump';
import { readDicomInstance } from './parse';
import { TINY, tinyCt, tinyCtElements } from './testFixtures';
import { CT_IMAGE_STORAGE, EXPLICIT_VR_LITTLE_ENDIAN } from './uids';
import { IMPLEMENTATION_CLASS_UID, writeDicom, type DicomElement } from './write';

interface RawElement {
  tag: number;
  vr: string;
  length: number;
  headerLength: number;
  offset: number;
}

/** Walks explicit VR LE elements from `start`: an independent check of the writer's layout. */
function walk(bytes: Uint8Array, start: number): RawElement[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: RawElement[] = [];
  let at = start;
  while (at < bytes.length) {
    const tag = ((view.getUint16(at, true) << 16) | view.getUint16(at + 2, true)) >>> 0;
    const vr = String.fromCharCode(bytes[at + 4] ?? 0, bytes[at + 5] ?? 0);
    const long = ['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV'].includes(vr);
    if (long) expect(view.getUint16(at + 6, true), `reserved bytes of ${tag.toString(16)}`).toBe(0);
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const headerLength = long ? 12 : 8;
    out.push({ tag, vr, length, headerLength, offset: at + headerLength });
    at += headerLength + length;
  }
  expect(at).toBe(bytes.length);
  return out;
}

const ascii = (bytes: Uint8Array, element: RawElement) =>
  String.fromCharCode(...bytes.subarray(element.offset, element.offset + element.length));

describe('writeDicom', () => {
  it('writes a zero preamble, DICM and a File Meta group whose (0002,0000) is its byte length', () => {
    const bytes = tinyCt();
    expect(bytes.subarray(0, 128).every((b) => b === 0)).toBe(true);
    expect(String.fromCharCode(...bytes.subarray(128, 132))).toBe('DICM');

    const elements = walk(bytes, 132);
    const [groupLength, ...rest] = elements;
    expect(groupLength).toMatchObject({ tag: 0x00020000, vr: 'UL', length: 4 });
    const declared = new DataView(bytes.buffer).getUint32((groupLength?.offset ?? 0), true);
    const metaElements = rest.filter((e) => e.tag >>> 16 === 0x0002);
    const lastMeta = metaElements[metaElements.length - 1];
    expect(lastMeta && lastMeta.offset + lastMeta.length - (132 + 12)).toBe(declared);

    const meta = new Map(metaElements.map((e) => [e.tag, e]));
    expect(ascii(bytes, meta.get(0x00020010) as RawElement)).toBe(`${EXPLICIT_VR_LITTLE_ENDIAN}\0`);
    expect(ascii(bytes, meta.get(0x00020002) as RawElement)).toBe(`${CT_IMAGE_STORAGE}\0`);
    expect(ascii(bytes, meta.get(0x00020003) as RawElement)).toBe(`${TINY.sopInstanceUid}\0`);
    expect(ascii(bytes, meta.get(0x00020012) as RawElement).replace(/\0$/, '')).toBe(IMPLEMENTATION_CLASS_UID);
  });

  it('sorts data set elements by tag and pads odd values: space for text, NUL for UI and bytes', () => {
    const elements: DicomElement[] = [
      { tag: 0x7fe00010, vr: 'OB', value: new Uint8Array([1, 2, 3]) },
      { tag: 0x00200013, vr: 'IS', value: 7 },
      { tag: 0x0020000e, vr: 'UI', value: '1.2.3' },
      { tag: 0x00100010, vr: 'PN', value: 'DOE^JO' },
      { tag: 0x00081030, vr: 'LO', value: 'ABC' },
    ];
    const bytes = writeDicom(elements, { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: '1.2.4' });
    const dataSet = walk(bytes, 132).filter((e) => e.tag >>> 16 !== 0x0002);
    expect(dataSet.map((e) => e.tag)).toEqual([0x00080016, 0x00080018, 0x00081030, 0x00100010, 0x0020000e, 0x00200013, 0x7fe00010]);
    for (const element of dataSet) expect(element.length % 2, element.tag.toString(16)).toBe(0);
    const byTag = new Map(dataSet.map((e) => [e.tag, e]));
    expect(ascii(bytes, byTag.get(0x00081030) as RawElement)).toBe('ABC ');
    expect(ascii(bytes, byTag.get(0x0020000e) as RawElement)).toBe('1.2.3\0');
    expect(ascii(bytes, byTag.get(0x00080018) as RawElement)).toBe('1.2.4\0');
    expect(ascii(bytes, byTag.get(0x00200013) as RawElement)).toBe('7 ');
    const pixel = byTag.get(0x7fe00010) as RawElement;
    expect([...bytes.subarray(pixel.offset, pixel.offset + pixel.length)]).toEqual([1, 2, 3, 0]);
  });

  it('gives OB, OW, OF, UT and UN 4-byte lengths and other VRs 2-byte lengths', () => {
    const elements: DicomElement[] = [
      { tag: 0x00091001, vr: 'UN', value: new Uint8Array([9, 9]) },
      { tag: 0x00189219, vr: 'OF', value: [1.5, -2] },
      { tag: 0x0040a160, vr: 'UT', value: 'free text' },
      { tag: 0x00420011, vr: 'OB', value: new Uint8Array(4) },
      { tag: 0x00281201, vr: 'OW', value: new Uint16Array([1, 65535]) },
      { tag: 0x00280010, vr: 'US', value: 1 },
    ];
    const bytes = writeDicom(elements, { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: '1.2.4' });
    const headers = new Map(walk(bytes, 132).map((e) => [e.vr, e.headerLength]));
    expect(Object.fromEntries(headers)).toMatchObject({ UN: 12, OF: 12, UT: 12, OB: 12, OW: 12, US: 8, UI: 8 });
  });

  it('round-trips through readDicomInstance', () => {
    const read = readDicomInstance(tinyCt());
    expect(read.ok && read.warnings).toEqual([]);
    expect(read.ok && { ok: read.ok, meta: read.meta }).toEqual({
      ok: true,
      meta: {
        sopClassUid: CT_IMAGE_STORAGE,
        sopInstanceUid: TINY.sopInstanceUid,
        studyInstanceUid: TINY.studyInstanceUid,
        seriesInstanceUid: TINY.seriesInstanceUid,
        seriesDescription: 'Tiny test series',
        seriesNumber: null,
        studyDate: '',
        studyTime: '',
        studyDescription: '',
        accessionNumber: '',
        modality: 'CT',
        transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
        instanceNumber: 7,
        imagePosition: [-10.5, 20.25, 3],
        imageOrientation: [1, 0, 0, 0, 1, 0],
        pixelSpacing: [0.5, 0.75],
        rows: 16,
        columns: 16,
        numberOfFrames: 1,
        photometricInterpretation: 'MONOCHROME2',
        bitsAllocated: 16,
      },
    });
  });

  it('round-trips binary and text values through dicom-parser', () => {
    const elements: DicomElement[] = [
      { tag: 0x00280010, vr: 'US', value: 65535 },
      { tag: 0x00281040, vr: 'SS', value: [-32768, 5] },
      { tag: 0x00081160, vr: 'UL', value: 4000000000 },
      { tag: 0x00189219, vr: 'SL', value: -7 },
      { tag: 0x00189220, vr: 'FL', value: 0.25 },
      { tag: 0x00189221, vr: 'FD', value: Math.PI },
      { tag: 0x00209165, vr: 'AT', value: 0x00200032 },
      { tag: 0x00200032, vr: 'DS', value: [-114.975, 1e-7, 1234567.89012345678] },
      { tag: 0x00100010, vr: 'PN', value: 'PHANTOM^HEAD' },
      { tag: 0x7fe00010, vr: 'OW', value: new Int16Array([-1000, 0, 1000, 32767]) },
    ];
    const ds = dicomParser.parseDicom(writeDicom(elements, { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: '1.2.4' }));
    expect(ds.uint16('x00280010')).toBe(65535);
    expect([ds.int16('x00281040', 0), ds.int16('x00281040', 1)]).toEqual([-32768, 5]);
    expect(ds.uint32('x00081160')).toBe(4000000000);
    expect(ds.int32('x00189219')).toBe(-7);
    expect(ds.float('x00189220')).toBe(0.25);
    expect(ds.double('x00189221')).toBe(Math.PI);
    expect(ds.attributeTag('x00209165')).toBe('x00200032');
    expect([0, 1, 2].map((i) => ds.floatString('x00200032', i))).toEqual([-114.975, 1e-7, 1234567.89]); // DS holds 16 characters
    expect(ds.string('x00100010')).toBe('PHANTOM^HEAD');
    const pixel = ds.elements.x7fe00010;
    const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + (pixel?.dataOffset ?? 0), 8);
    expect([0, 2, 4, 6].map((at) => view.getInt16(at, true))).toEqual([-1000, 0, 1000, 32767]);
  });

  it('is read by dcmdump (DCMTK) without warnings or errors', () => {
    const result = dcmdump(tinyCt());
    expect(result.missing, result.missing ?? '').toBeNull();
    expect(result.problems).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.output).toContain('(0008,103e) LO [Tiny test series]');
    expect(result.output).toContain('(0020,0032) DS [-10.5\\20.25\\3]');
    expect(result.output).toContain('(7fe0,0010) OW ff9c\\ff9d');
  });

  it('refuses to write what it cannot write correctly', () => {
    const meta = { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: '1.2.4' };
    const lo = (value: string): DicomElement => ({ tag: 0x00081030, vr: 'LO', value });
    expect(() => writeDicom([lo('a'), lo('b')], meta)).toThrow(/duplicate element \(0008,1030\)/);
    expect(() => writeDicom([{ tag: 0x00020010, vr: 'UI', value: '1.2' }], meta)).toThrow(/file meta element \(0002,0010\)/);
    expect(() => writeDicom([lo('Ä')], meta)).toThrow(/only ASCII/);
    expect(() => writeDicom([lo('x'.repeat(70_000))], meta)).toThrow(/at most 65535/);
    expect(() => writeDicom([{ tag: 0x00080018, vr: 'UI', value: '9.9' }], meta)).toThrow(/differs from the file meta UID/);
    expect(() => writeDicom([{ tag: 0x00280010, vr: 'US', value: 'sixteen' }], meta)).toThrow(/needs numbers/);
    expect(() => writeDicom([{ tag: 0x7fe00010, vr: 'OB', value: [1, 2] }], meta)).toThrow(/needs a byte array/);
  });

  it('writes every element of the tiny CT fixture exactly once', () => {
    const tags = walk(tinyCt(), 132).map((e) => e.tag).filter((tag) => tag >>> 16 !== 0x0002);
    expect(tags).toEqual([0x00080016, 0x00080018, ...tinyCtElements().map((e) => e.tag)].sort((a, b) => a - b));
  });
});
