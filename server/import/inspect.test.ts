import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dcmdump } from '../dicom/dcmdump';
import { INFLATE_MARGIN_BYTES, inflateDataSet } from '../dicom/deflatedDataSet';
import { INFLATE_CHUNK_BYTES } from '../dicom/inflate';
import { readDicomInstance } from '../dicom/parse';
import { isValidUid } from '../dicom/stableUid';
import { EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from '../dicom/uids';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';
import { inspectDicomFile, type Inspection } from './inspect';
import { oddDicom } from '../testing/oddDicom';

function accepted(inspection: Inspection): Extract<Inspection, { ok: true }> {
  if (!inspection.ok) throw new Error(`refused: ${inspection.reason}`);
  return inspection;
}

/** The stored bytes read back: by our reader and by DCMTK, which must agree on the UIDs. */
function reread(bytes: Uint8Array): { studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string } {
  const read = readDicomInstance(bytes);
  if (!read.ok) throw new Error(`stored file unreadable: ${read.reason}`);
  expect(read.warnings).toEqual([]);
  const dump = dcmdump(bytes);
  if (dump.missing) throw new Error(dump.missing);
  expect(dump.problems).toEqual([]);
  for (const uid of [read.meta.studyInstanceUid, read.meta.seriesInstanceUid, read.meta.sopInstanceUid]) {
    expect(dump.output).toContain(`[${uid}]`);
  }
  return read.meta;
}

describe('inspectDicomFile: files accepted after a repair', () => {
  it('wraps a bare data set (no preamble, DICM, File Meta) in a Part-10 file, implicit or explicit VR', async () => {
    for (const [name, syntax] of [
      ['no_meta_implicit.dcm', IMPLICIT_VR_LITTLE_ENDIAN],
      ['no_meta_explicit.dcm', EXPLICIT_VR_LITTLE_ENDIAN],
    ] as const) {
      const bare = oddDicom(name);
      const inspection = accepted(await inspectDicomFile(bare));
      expect(inspection.warnings).toEqual([{ code: 'fileMetaAdded', transferSyntaxUid: syntax }]);
      const stored = inspection.repaired!;
      expect(new TextDecoder().decode(stored.subarray(128, 132))).toBe('DICM');
      // The data set itself is kept byte for byte after the new header.
      expect(Buffer.compare(Buffer.from(stored.subarray(stored.length - bare.length)), Buffer.from(bare))).toBe(0);
      expect(reread(stored)).toMatchObject({ sopInstanceUid: '2.25.4242.3.5', seriesInstanceUid: '2.25.4242.2.5' });
      expect(dcmdump(stored).output).toContain(syntax === IMPLICIT_VR_LITTLE_ENDIAN ? '=LittleEndianImplicit' : '=LittleEndianExplicit');
    }
  });

  it('replaces UIDs over 64 characters with stable 2.25 UIDs, written into the stored file', async () => {
    const file = oddDicom('uids_too_long.dcm');
    const first = accepted(await inspectDicomFile(file));
    expect(first.warnings.map((w) => w.code === 'uidReplaced' && [w.attribute, w.problem])).toEqual([
      ['StudyInstanceUID', 'invalid'],
      ['SeriesInstanceUID', 'invalid'],
      ['SOPInstanceUID', 'invalid'],
    ]);
    for (const uid of [first.meta.studyInstanceUid, first.meta.seriesInstanceUid, first.meta.sopInstanceUid]) {
      expect(uid).toMatch(/^2\.25\.\d+$/);
      expect(isValidUid(uid)).toBe(true);
    }
    expect(reread(first.repaired!)).toMatchObject({
      studyInstanceUid: first.meta.studyInstanceUid,
      seriesInstanceUid: first.meta.seriesInstanceUid,
      sopInstanceUid: first.meta.sopInstanceUid,
    });
    const again = accepted(await inspectDicomFile(oddDicom('uids_too_long.dcm')));
    expect(again.meta).toEqual(first.meta);
    expect(Buffer.compare(Buffer.from(again.repaired!), Buffer.from(first.repaired!))).toBe(0);
  });

  it('makes up missing Study and Series UIDs from what the file says, the same in either VR encoding', async () => {
    const explicit = accepted(await inspectDicomFile(oddDicom('uids_missing.dcm')));
    const implicit = accepted(await inspectDicomFile(oddDicom('uids_missing_implicit.dcm')));
    expect(explicit.warnings.map((w) => w.code === 'uidReplaced' && [w.attribute, w.problem])).toEqual([
      ['StudyInstanceUID', 'missing'],
      ['SeriesInstanceUID', 'missing'],
    ]);
    expect(explicit.meta.sopInstanceUid).toBe('2.25.4242.3.7');
    // Same study and series facts in both files: the same made-up UIDs, so they would group together.
    expect(implicit.meta.studyInstanceUid).toBe(explicit.meta.studyInstanceUid);
    expect(implicit.meta.seriesInstanceUid).toBe(explicit.meta.seriesInstanceUid);
    expect(reread(explicit.repaired!)).toMatchObject({ seriesInstanceUid: explicit.meta.seriesInstanceUid });
    expect(reread(implicit.repaired!)).toMatchObject({ seriesInstanceUid: explicit.meta.seriesInstanceUid });
  });
});

describe('inspectDicomFile: float pixel data', () => {
  it('accepts FloatPixelData (7FE0,0008) as an image, stored as it came', async () => {
    const inspection = accepted(await inspectDicomFile(oddDicom('float_pixels.dcm')));
    expect(inspection.meta).toMatchObject({ rows: 16, columns: 16, bitsAllocated: 32, numberOfFrames: 1 });
    expect(inspection.warnings).toEqual([]);
    expect(inspection.repaired).toBeNull();
  });
});

describe('inspectDicomFile: files refused with a reason', () => {
  it('routes a VL Whole Slide Microscopy file and TIFF slides away, never as a stack of tiles', async () => {
    expect(await inspectDicomFile(oddDicom('wsi_tiles.dcm'))).toEqual({ ok: false, code: 'wholeSlide', reason: 'whole-slide image: open it as a slide' });
    const tiff = new Uint8Array(64);
    tiff.set([0x49, 0x49, 0x2a, 0x00]);
    expect(await inspectDicomFile(tiff)).toMatchObject({ ok: false, code: 'wholeSlide' });
  });

  it('refuses the deflate bomb (1 MB → 1 GiB) after inflating little more than the image its header declares', async () => {
    const bomb = oddDicom('deflate_bomb_1gib.dcm');
    expect(await inspectDicomFile(bomb)).toMatchObject({ ok: false, code: 'inflatedTooLarge', reason: expect.stringMatching(/deflate bomb/) });
    const metaEnd = 132 + 12 + new DataView(bomb.buffer, bomb.byteOffset).getUint32(140, true);
    const inflated = inflateDataSet(bomb.subarray(metaEnd));
    expect(inflated.ok).toBe(false);
    // 512 × 512 × 2 bytes declared; the header before the pixel data is under 1 KB.
    const declared = 512 * 512 * 2;
    expect(inflated.inflatedBytes).toBeGreaterThan(declared);
    expect(inflated.inflatedBytes).toBeLessThanOrEqual(1024 + declared + INFLATE_MARGIN_BYTES + INFLATE_CHUNK_BYTES);
  });

  it('refuses NumberOfFrames 2,000,000 against the bytes present, native or encapsulated', async () => {
    expect(await inspectDicomFile(oddDicom('frames_2000000_native.dcm'))).toEqual({
      ok: false,
      code: 'framesMissing',
      reason: 'it declares 2,000,000 frames (NumberOfFrames) but holds image data for at most 2',
    });
    expect(await inspectDicomFile(oddDicom('frames_2000000_jpeg.dcm'))).toEqual({
      ok: false,
      code: 'framesMissing',
      reason: 'it declares 2,000,000 frames (NumberOfFrames) but holds image data for at most 1',
    });
  });

  it('refuses a file whose frame does not decode, saying so without decoder jargon', async () => {
    expect(await inspectDicomFile(oddDicom('jpeg_undecodable.dcm'))).toEqual({
      ok: false,
      code: 'undecodable',
      reason: 'its image could not be decoded (JPEG Baseline (Process 1)): the compressed image data is damaged',
    });
  });
});

if (!hasSampleData()) console.log(`sample data not found at ${sampleDataDir()}: decode-on-import sample suite did not run`);

describe.runIf(hasSampleData())('inspectDicomFile decodes a frame of every sample image', () => {
  const dirs = ['dicom-encodings/ct-chest-ge-all-syntaxes', 'dicom-singles'].map((dir) => join(sampleDataDir(), 'radiology', dir));
  const files = hasSampleData() ? dirs.flatMap((dir) => readdirSync(dir).map((name) => join(dir, name))) : [];

  it('finds the 13 transfer syntaxes and the 8 singles', () => {
    expect(files).toHaveLength(21);
  });

  it.each(files)('%s', async (path) => {
    const inspection = accepted(await inspectDicomFile(new Uint8Array(readFileSync(path))));
    expect(inspection.warnings).toEqual([]);
    expect(inspection.repaired).toBeNull();
  });

  it('refuses a sample whose first frame is damaged, for every compressed syntax', async () => {
    const dir = dirs[0]!;
    for (const name of readdirSync(dir)) {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const read = readDicomInstance(bytes);
      const pixel = read.ok ? read.dataSet.elements.x7fe00010 : undefined;
      const fragment = pixel?.fragments?.[0];
      if (!fragment) continue;
      // Overwrite the fragment's stream (markers, headers and data) with a repeating pattern.
      for (let i = 0; i < fragment.length; i++) bytes[fragment.position + i] = (i * 37 + 11) & 0xff;
      expect(await inspectDicomFile(bytes), name).toMatchObject({ ok: false, code: 'undecodable' });
    }
  });
});
