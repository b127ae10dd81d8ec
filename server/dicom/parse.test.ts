import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';
import { readDicomInstance, type DicomInstanceMeta } from './parse';
import { TINY, tinyCt } from './testFixtures';
import type { DicomElement } from './write';
import { CT_IMAGE_STORAGE, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, SEGMENTATION_STORAGE } from './uids';

const CT = CT_IMAGE_STORAGE;

// ---------------------------------------------------------------------------------------------
// Every file in <sample data>/radiology: parsed with the fields we rely on, or refused for the
// reason we expect. A file not listed here fails the suite, so new samples get a decision.
// ---------------------------------------------------------------------------------------------

const GE_SERIES = '1.2.826.0.1.3680043.9.4245.3115138630835728997848661150714813892';
const GE_TILT = [1, 0, 0, 0, 0.9483237, -0.3173047];
const CHEST_SERIES = '1.2.840.113619.2.30.1.1762295590.1623.978668949.890';
/** The SOPInstanceUID of the original chest slice; lossy re-encodings were given new ones. */
const CHEST_SOP = '1.2.840.113619.2.30.1.1762295590.1623.978668950.109';

type Expectation = { readonly meta: Partial<DicomInstanceMeta> } | { readonly refused: string };

const chest = (transferSyntaxUid: string, sopInstanceUid = CHEST_SOP, bitsAllocated = 16): Expectation => ({
  meta: {
    sopClassUid: CT,
    sopInstanceUid,
    seriesInstanceUid: CHEST_SERIES,
    seriesDescription: 'HELICAL CHEST',
    modality: 'CT',
    transferSyntaxUid,
    instanceNumber: 1,
    imagePosition: [-161.399994, -148.800003, 4.7],
    imageOrientation: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [0.675781, 0.675781],
    rows: 512,
    columns: 512,
    numberOfFrames: 1,
    photometricInterpretation: 'MONOCHROME2',
    bitsAllocated,
  },
});

const ENCODINGS = 'dicom-encodings/ct-chest-ge-all-syntaxes';
const EXPECTED: Readonly<Record<string, Expectation>> = {
  ...Object.fromEntries(
    Array.from({ length: 28 }, (_, i) => [
      `ct-head-series-ge/${String(i + 1).padStart(2, '0')}.dcm`,
      {
        meta: {
          sopClassUid: CT,
          seriesInstanceUid: GE_SERIES,
          modality: 'CT',
          transferSyntaxUid: '1.2.840.10008.1.2.1',
          instanceNumber: i + 1,
          imageOrientation: GE_TILT,
          pixelSpacing: [0.4882812, 0.4882812],
          rows: 512,
          columns: 512,
          numberOfFrames: 1,
          photometricInterpretation: 'MONOCHROME2',
          bitsAllocated: 16,
        },
      } as Expectation,
    ]),
  ),
  [`${ENCODINGS}/ct_deflated_explicit_le.dcm`]: chest('1.2.840.10008.1.2.1.99'),
  [`${ENCODINGS}/ct_explicit_be.dcm`]: chest('1.2.840.10008.1.2.2'),
  [`${ENCODINGS}/ct_explicit_le.dcm`]: chest('1.2.840.10008.1.2.1'),
  [`${ENCODINGS}/ct_implicit_le.dcm`]: chest('1.2.840.10008.1.2'),
  [`${ENCODINGS}/ct_j2k_lossless.dcm`]: chest('1.2.840.10008.1.2.4.90'),
  [`${ENCODINGS}/ct_j2k_lossy.dcm`]: chest('1.2.840.10008.1.2.4.91', '1.2.826.0.1.3680043.2.1143.4125370814499755226971558133553910467'),
  [`${ENCODINGS}/ct_jpeg_baseline_8bit.dcm`]: chest('1.2.840.10008.1.2.4.50', '1.2.276.0.7230010.3.1.4.0.13710.1630658018.416119', 8),
  [`${ENCODINGS}/ct_jpeg_extended_12bit.dcm`]: chest('1.2.840.10008.1.2.4.51', '1.2.276.0.7230010.3.1.4.8323329.29254.1531935570.276939'),
  [`${ENCODINGS}/ct_jpeg_lossless_p14.dcm`]: chest('1.2.840.10008.1.2.4.57'),
  [`${ENCODINGS}/ct_jpeg_lossless_sv1.dcm`]: chest('1.2.840.10008.1.2.4.70'),
  [`${ENCODINGS}/ct_jpegls_lossless.dcm`]: chest('1.2.840.10008.1.2.4.80'),
  [`${ENCODINGS}/ct_jpegls_near_lossless.dcm`]: chest('1.2.840.10008.1.2.4.81', '1.2.826.0.1.3680043.2.1143.9856094484110805525796666806741274699'),
  [`${ENCODINGS}/ct_rle_lossless.dcm`]: chest('1.2.840.10008.1.2.5'),
  'dicom-singles/cr_monochrome1_j2k_lossy.dcm': {
    meta: { modality: 'CR', transferSyntaxUid: '1.2.840.10008.1.2.4.91', rows: 1760, columns: 1760, photometricInterpretation: 'MONOCHROME1', bitsAllocated: 16, imagePosition: null, pixelSpacing: null },
  },
  'dicom-singles/ct_small_128px.dcm': {
    meta: { modality: 'CT', sopClassUid: CT, rows: 128, columns: 128, imagePosition: [-158.135803, -179.035797, -75.699997], pixelSpacing: [0.661468, 0.661468], bitsAllocated: 16 },
  },
  'dicom-singles/mr_enhanced_multiframe_10f.dcm': {
    // Functional groups were stripped: no geometry, and none may be required to show the frames.
    meta: { modality: 'MR', sopClassUid: '1.2.840.10008.5.1.4.1.1.4.1', rows: 64, columns: 64, numberOfFrames: 10, imagePosition: null, imageOrientation: null, pixelSpacing: null },
  },
  'dicom-singles/mr_j2k_lossy_1024px.dcm': {
    meta: { modality: 'MR', transferSyntaxUid: '1.2.840.10008.1.2.4.91', rows: 1024, columns: 1024, imagePosition: [-180.058222, -97.147766, 112.82799] },
  },
  'dicom-singles/us_j2k_lossless_ybr_rct.dcm': {
    meta: { modality: 'US', transferSyntaxUid: '1.2.840.10008.1.2.4.90', rows: 480, columns: 640, photometricInterpretation: 'YBR_RCT', bitsAllocated: 8 },
  },
  'dicom-singles/us_multiframe_30f_jpeg_baseline_ybr422.dcm': {
    meta: { modality: 'US', transferSyntaxUid: '1.2.840.10008.1.2.4.50', rows: 240, columns: 320, numberOfFrames: 30, photometricInterpretation: 'YBR_FULL_422', instanceNumber: 16117 },
  },
  'dicom-singles/us_palette_color.dcm': {
    meta: { modality: 'US', transferSyntaxUid: '1.2.840.10008.1.2.1', rows: 350, columns: 800, photometricInterpretation: 'PALETTE COLOR', bitsAllocated: 8 },
  },
  'dicom-singles/us_rgb_uncompressed.dcm': {
    meta: { modality: 'US', transferSyntaxUid: '1.2.840.10008.1.2.1', rows: 240, columns: 320, photometricInterpretation: 'RGB', bitsAllocated: 8 },
  },
  'dicom-labels/rtstruct_no_meta.dcm': { refused: 'no pixel data (RT Structure Set)' },
  'dicom-labels/seg_liver_binary_3frame.dcm': {
    refused: 'Segmentation objects are label data, not images (importing DICOM SEG is not supported yet)',
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

if (!hasSampleData()) console.log(`sample data not found at ${sampleDataDir()}: DICOM sample suite did not run`);

describe.runIf(hasSampleData())('readDicomInstance on every radiology sample', () => {
  const root = join(sampleDataDir(), 'radiology');
  const files = hasSampleData() ? filesUnder(root).map((path) => relative(root, path)).sort() : [];
  const read = (name: string) => readDicomInstance(readFileSync(join(root, name)));
  const metaOf = (name: string) => {
    const result = read(name);
    if (!result.ok) throw new Error(`${name} refused: ${result.reason}`);
    return result.meta;
  };

  it('has a decision for every file present, and every decided file is present', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED).sort())('%s', (name) => {
    const expectation = EXPECTED[name] as Expectation;
    const result = read(name);
    if ('refused' in expectation) {
      expect(result).toEqual({ ok: false, reason: expectation.refused });
    } else {
      expect(result.ok, result.ok ? '' : result.reason).toBe(true);
      expect(result.ok && result.meta).toMatchObject(expectation.meta);
    }
  });

  it('reads the GE head series as one series whose positions climb with InstanceNumber', () => {
    const metas = files.filter((name) => name.startsWith('ct-head-series-ge/')).map(metaOf);
    expect(metas).toHaveLength(28);
    expect(new Set(metas.map((m) => m.seriesInstanceUid))).toEqual(new Set([GE_SERIES]));
    expect(new Set(metas.map((m) => m.sopInstanceUid)).size).toBe(28);
    const byNumber = [...metas].sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0));
    const z = byNumber.map((m) => m.imagePosition?.[2] ?? Number.NaN);
    expect(z[0]).toBeCloseTo(5.8360586, 6);
    expect(z[27]).toBeCloseTo(157.7760586, 6);
    for (let i = 1; i < z.length; i++) expect(z[i]).toBeGreaterThan(z[i - 1] as number);
    for (const m of metas) expect(m.imagePosition?.slice(0, 2)).toEqual([-125, -123.5404569]);
  });

  it('reads the 18.5° gantry tilt from ImageOrientationPatient', () => {
    const orientation = metaOf('ct-head-series-ge/01.dcm').imageOrientation;
    expect(orientation).toEqual(GE_TILT);
    const tiltDegrees = (Math.acos(orientation?.[4] ?? 1) * 180) / Math.PI;
    expect(tiltDegrees).toBeCloseTo(18.5, 1);
  });

  it('finds the 13 encodings in one series; 9 keep the original SOPInstanceUID, 4 lossy ones have their own', () => {
    const metas = files.filter((name) => name.startsWith(ENCODINGS)).map(metaOf);
    expect(metas).toHaveLength(13);
    expect(new Set(metas.map((m) => m.seriesInstanceUid))).toEqual(new Set([CHEST_SERIES]));
    expect(metas.filter((m) => m.sopInstanceUid === CHEST_SOP)).toHaveLength(9);
    expect(new Set(metas.map((m) => m.sopInstanceUid)).size).toBe(5);
    expect(new Set(metas.map((m) => m.transferSyntaxUid)).size).toBe(13);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input built here: these always run.
// ---------------------------------------------------------------------------------------------

function seededBytes(length: number, seed: number): Uint8Array {
  let state = seed >>> 0;
  return Uint8Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  });
}

/** Offset just after the File Meta group of a file written by writeDicom. */
function metaEnd(bytes: Uint8Array): number {
  return 132 + 12 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(132 + 8, true);
}

/** The same file with its File Meta transfer syntax replaced (or removed) and the group length fixed. */
function withTransferSyntax(bytes: Uint8Array, uid: string | null, dataSet?: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const parts: Uint8Array[] = [];
  let at = 132 + 12;
  const end = metaEnd(bytes);
  while (at < end) {
    const element = view.getUint16(at + 2, true);
    const vr = String.fromCharCode(bytes[at + 4] ?? 0, bytes[at + 5] ?? 0);
    const headerLength = vr === 'OB' ? 12 : 8;
    const length = vr === 'OB' ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    if (element !== 0x0010) parts.push(bytes.subarray(at, at + headerLength + length));
    else if (uid !== null) {
      const value = uid.length % 2 ? `${uid}\0` : uid;
      const encoded = new Uint8Array(8 + value.length);
      encoded.set([0x02, 0x00, 0x10, 0x00, 0x55, 0x49, value.length & 0xff, value.length >> 8]);
      encoded.set([...value].map((c) => c.charCodeAt(0)), 8);
      parts.push(encoded);
    }
    at += headerLength + length;
  }
  const metaLength = parts.reduce((sum, part) => sum + part.length, 0);
  const body = dataSet ?? bytes.subarray(end);
  const out = new Uint8Array(132 + 12 + metaLength + body.length);
  out.set(bytes.subarray(0, 132 + 12));
  new DataView(out.buffer).setUint32(132 + 8, metaLength, true);
  let offset = 132 + 12;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  out.set(body, offset);
  return out;
}

/** Explicit VR LE data set re-encoded as Implicit VR LE (flat data sets only). */
function toImplicit(explicitDataSet: Uint8Array): Uint8Array {
  const view = new DataView(explicitDataSet.buffer, explicitDataSet.byteOffset, explicitDataSet.byteLength);
  const parts: number[] = [];
  for (let at = 0; at < explicitDataSet.length; ) {
    const vr = String.fromCharCode(explicitDataSet[at + 4] ?? 0, explicitDataSet[at + 5] ?? 0);
    const long = ['OB', 'OW', 'OF', 'UT', 'UN'].includes(vr);
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const start = at + (long ? 12 : 8);
    parts.push(...explicitDataSet.subarray(at, at + 4), length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24);
    parts.push(...explicitDataSet.subarray(start, start + length));
    at = start + length;
  }
  return Uint8Array.from(parts);
}

function indexOfBytes(haystack: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const refusal = (bytes: Uint8Array) => {
  const result = readDicomInstance(bytes);
  return result.ok ? 'parsed' : result.reason;
};

describe('readDicomInstance on bad input', () => {
  it('refuses an empty file', () => {
    expect(readDicomInstance(new Uint8Array())).toEqual({ ok: false, reason: 'empty file (0 bytes)' });
  });

  it('refuses random bytes as not DICOM', () => {
    for (const [i, length] of [1, 2, 127, 128, 131, 132, 500, 4096, 100_000].entries()) {
      expect(refusal(seededBytes(length, i + 1)), `${length} random bytes`).toBe('not a DICOM file (no DICM prefix at byte 128)');
    }
  });

  it('refuses random bytes after a DICM prefix without throwing', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const bytes = seededBytes(132 + ((seed * 97) % 3000), seed);
      bytes.set([0x44, 0x49, 0x43, 0x4d], 128);
      const result = readDicomInstance(bytes);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).not.toBe('');
    }
  });

  it('refuses every cut-short copy of a valid file, and parses the whole file', () => {
    const bytes = tinyCt();
    expect(readDicomInstance(bytes).ok).toBe(true);
    for (let length = 0; length < bytes.length; length++) {
      const result = readDicomInstance(bytes.subarray(0, length));
      expect(result.ok, `cut at ${length} of ${bytes.length}`).toBe(false);
    }
  });

  it('says where a file was cut short', () => {
    const bytes = tinyCt();
    const cut = (length: number) => refusal(bytes.subarray(0, length));
    const description = indexOfBytes(bytes, [...'Tiny test series'].map((c) => c.charCodeAt(0)));
    expect(cut(130)).toBe('truncated: file ends inside the DICM prefix (130 bytes)');
    expect(cut(150)).toBe('truncated: file ends inside the File Meta header');
    expect(cut(157)).toBe('truncated: file ends inside the File Meta header (element (0002,0001))');
    expect(cut(metaEnd(bytes))).toBe('truncated: file ends inside or right after the File Meta header (no data set)');
    expect(cut(metaEnd(bytes) + 3)).toMatch(/^truncated: /);
    expect(cut(description + 5)).toBe('truncated: element (0008,103E) declares 16 bytes but only 5 remain');
    expect(cut(bytes.length - 100)).toBe('truncated pixel data: expected 512 bytes, found 412');
    expect(cut(bytes.length - 1)).toBe('truncated pixel data: expected 512 bytes, found 511');
  });

  it('refuses an element whose length runs far past the end of the file', () => {
    const bytes = tinyCt(new Map([[0x0040a160, { tag: 0x0040a160, vr: 'UT', value: 'note' }]]));
    const at = indexOfBytes(bytes, [0x40, 0x00, 0x60, 0xa1, 0x55, 0x54]);
    new DataView(bytes.buffer).setUint32(at + 8, 0xfffffff0, true);
    expect(refusal(bytes)).toMatch(/^truncated: element \(0040,A160\) declares 4294967280 bytes but only \d+ remain$/);

    const pixelLength = tinyCt();
    const pixel = indexOfBytes(pixelLength, [0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57]);
    new DataView(pixelLength.buffer).setUint32(pixel + 8, 0x7ffffffe, true);
    expect(refusal(pixelLength)).toBe('truncated: element (7FE0,0010) declares 2147483646 bytes but only 512 remain');
  });

  it('refuses pixel data shorter than the image it declares', () => {
    const short = tinyCt(new Map([[0x7fe00010, { tag: 0x7fe00010, vr: 'OW', value: new Int16Array(100) }]]));
    expect(refusal(short)).toBe('truncated pixel data: expected 512 bytes, found 200');
    const frames = tinyCt(new Map([[0x00280008, { tag: 0x00280008, vr: 'IS', value: 3 }]]));
    expect(refusal(frames)).toBe('it declares 3 frames (NumberOfFrames) but holds image data for at most 1');
  });

  it('refuses a missing or malformed SOP class and image size', () => {
    const noSopClass = tinyCt(new Map([[0x00080016, { tag: 0x00080016, vr: 'UI', value: '1.2.x' }]]), '1.2.x');
    expect(refusal(noSopClass)).toBe("invalid SOPClassUID (0008,0016): '1.2.x'");
    expect(refusal(tinyCt(new Map([[0x00280010, { tag: 0x00280010, vr: 'US', value: 0 }]])))).toBe('image has no size: Rows 0, Columns 16');
    expect(refusal(tinyCt(new Map([[0x00280011, null]])))).toBe('image has no size: Rows 16, Columns 0');
    expect(refusal(tinyCt(new Map([[0x00280100, null]])))).toBe('missing BitsAllocated (0028,0100)');
    expect(refusal(tinyCt(new Map([[0x00280008, { tag: 0x00280008, vr: 'IS', value: '0' }]])))).toBe(
      "invalid NumberOfFrames (0028,0008): '0'",
    );
  });

  it('refuses an image whose one frame would decode to more than 256 MiB before anything decodes it', () => {
    const huge = tinyCt(new Map([[0x00280010, { tag: 0x00280010, vr: 'US', value: 65535 }], [0x00280011, { tag: 0x00280011, vr: 'US', value: 65535 }]]));
    expect(refusal(huge)).toBe('its image is larger than one frame may be (8192 MiB decoded; at most 256 MiB)');
  });

  it('names the SOP class of files that are not images', () => {
    expect(refusal(tinyCt(new Map(), SEGMENTATION_STORAGE))).toBe(
      'Segmentation objects are label data, not images (importing DICOM SEG is not supported yet)',
    );
    const noPixels = new Map([[0x7fe00010, null]]);
    expect(refusal(tinyCt(noPixels, '1.2.840.10008.5.1.4.1.1.88.11'))).toBe('no pixel data (Basic Text SR)');
    expect(refusal(tinyCt(noPixels, '1.2.840.10008.5.1.4.1.1.481.3'))).toBe('no pixel data (RT Structure Set)');
    expect(refusal(tinyCt(noPixels))).toBe(`no pixel data (SOP class ${CT})`);
    expect(refusal(tinyCt(new Map(), '1.2.840.10008.5.1.4.1.1.104.1'))).toBe('not an image (Encapsulated PDF)');
  });

  it('accepts Float and Double Float Pixel Data (parametric maps) as images', () => {
    for (const [tag, vr, bits] of [[0x7fe00008, 'OF', 32], [0x7fe00009, 'OD', 64]] as const) {
      const floats = tinyCt(
        new Map<number, DicomElement | null>([
          [0x7fe00010, null],
          [tag, { tag, vr, value: Array.from({ length: 16 * 16 }, (_, i) => i / 8) }],
          // A float sample fills its BitsAllocated (32 or 64).
          [0x00280100, { tag: 0x00280100, vr: 'US', value: bits }],
          [0x00280101, { tag: 0x00280101, vr: 'US', value: bits }],
          [0x00280102, { tag: 0x00280102, vr: 'US', value: bits - 1 }],
        ]),
        '1.2.840.10008.5.1.4.1.1.30',
      );
      const result = readDicomInstance(floats);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });

  it('refuses transfer syntaxes the viewer cannot decode, and a File Meta without one', () => {
    expect(refusal(withTransferSyntax(tinyCt(), '1.2.840.10008.1.2.4.100'))).toBe(
      'unsupported transfer syntax 1.2.840.10008.1.2.4.100 (MPEG2 Main Profile): the viewer has no decoder for it',
    );
    expect(refusal(withTransferSyntax(tinyCt(), '1.2.3.4'))).toBe(
      'unsupported transfer syntax 1.2.3.4: the viewer has no decoder for it',
    );
    expect(refusal(withTransferSyntax(tinyCt(), null))).toBe('no transfer syntax (0002,0010) in the File Meta header');
  });

  it('inflates Deflated Explicit VR Little Endian and refuses a broken deflate stream', () => {
    const plain = tinyCt();
    const deflated = withTransferSyntax(plain, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, deflateRawSync(plain.subarray(metaEnd(plain))));
    const read = readDicomInstance(deflated);
    expect(read.ok && read.meta).toMatchObject({
      transferSyntaxUid: DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
      sopInstanceUid: TINY.sopInstanceUid,
      rows: 16,
      imagePosition: [-10.5, 20.25, 3],
    });
    expect(refusal(deflated.subarray(0, deflated.length - 40))).toMatch(/^truncated: deflated data set ends early/);
    const garbage = withTransferSyntax(plain, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, new Uint8Array(32).fill(0x07) /* deflate block type 3: invalid */);
    expect(refusal(garbage)).toMatch(/^corrupt deflated data set: /);
  });

  it('reads a bare data set (no preamble, DICM or File Meta), explicit or implicit VR, or gives the real reason', () => {
    const plain = tinyCt();
    const bareExplicit = plain.subarray(metaEnd(plain));
    for (const [bare, syntax] of [[bareExplicit, EXPLICIT_VR_LITTLE_ENDIAN], [toImplicit(bareExplicit), IMPLICIT_VR_LITTLE_ENDIAN]] as const) {
      const read = readDicomInstance(bare);
      expect(read.ok && read.meta).toMatchObject({ transferSyntaxUid: syntax, sopInstanceUid: TINY.sopInstanceUid, rows: 16 });
      expect(read.ok && read.warnings).toEqual([{ code: 'fileMetaAdded', transferSyntaxUid: syntax }]);
    }
    const rtstruct = tinyCt(new Map([[0x7fe00010, null]]), '1.2.840.10008.5.1.4.1.1.481.3');
    expect(refusal(toImplicit(rtstruct.subarray(metaEnd(rtstruct))))).toBe('no pixel data (RT Structure Set)');
  });
});
