import { describe, expect, it } from 'vitest';
import type { Mask } from '../../annotation';
import { decodeRuns, encodeRuns } from '../../mask';
import { humanProvenance, maskRecord } from '../../testing/records';
import { bytesOf, itemsOf, readDicom, textOf } from './dicomFile';
import { exportSegmentation, type SegExportInput } from './segExport';
import { readSegmentation, segmentationToMasks } from './segImport';
import { LOCAL_SCHEME } from './segmentCodes';
import { BLEED_QUESTION, CT_IMAGE_STORAGE, countingUids, dciodvfyErrors, hasDciodvfy, TEST_SOURCE, testSeries } from './__tests__/segFixtures';

const series = testSeries(3);
const PIXELS = 64 * 64;

/** A 64×64 mask of `classCode` on `targetId` with the pixels of `set` (row-major indices) set. */
function mask(targetId: string, classCode: string, set: readonly number[]): Mask {
  const labels = new Uint8Array(PIXELS);
  for (const i of set) labels[i] = 1;
  return maskRecord(targetId, classCode, humanProvenance('alice'), { width: 64, height: 64, runs: encodeRuns(labels), questionId: 'bleed' });
}

const MASKS: readonly Mask[] = [
  mask('slice-1', 'bleed', [0, 1, 64, 4095]),
  mask('slice-3', 'bleed', [100, 101, 102]),
  mask('slice-2', 'other', [7]),
  // Empty: not a frame.
  mask('slice-2', 'bleed', []),
];

function input(masks: readonly Mask[] = MASKS): SegExportInput {
  return {
    series,
    source: TEST_SOURCE,
    question: BLEED_QUESTION,
    masks,
    seriesDescription: 'Bleed outlines',
    now: new Date('2024-05-01T08:00:00Z'),
    newUid: countingUids(),
  };
}

function exported(masks: readonly Mask[] = MASKS) {
  const result = exportSegmentation(input(masks));
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
}

describe('SEG export', () => {
  it('writes one segment per drawn class and one frame per non-empty mask, warning of local codes', () => {
    const seg = exported();
    expect([seg.segmentCount, seg.frameCount]).toEqual([2, 3]);
    expect(seg.warnings).toEqual([expect.stringContaining(`class "other" of question "bleed" has no standard code: its segment is coded ${LOCAL_SCHEME} "other"`)]);
    const ds = readDicom(seg.bytes);
    const segments = itemsOf(ds.SegmentSequence);
    expect(segments.map((s) => [s.SegmentNumber, s.SegmentLabel, textOf(itemsOf(s.SegmentedPropertyTypeCodeSequence)[0]!.CodeValue)])).toEqual([
      [1, 'bleed', '50960005'],
      [2, 'other', 'other'],
    ]);
    expect(itemsOf(itemsOf(segments[0]!.SegmentedPropertyCategoryCodeSequence)).map((c) => [c.CodingSchemeDesignator, c.CodeValue])).toEqual([['SCT', '49755003']]);
  });

  it('references each frame to its source slice, placed by the slice position, under the shared orientation and spacing', () => {
    const ds = readDicom(exported().bytes);
    const frames = itemsOf(ds.PerFrameFunctionalGroupsSequence).map((f) => {
      const source = itemsOf(itemsOf(itemsOf(f.DerivationImageSequence)[0]!.SourceImageSequence))[0]!;
      return {
        segment: itemsOf(f.SegmentIdentificationSequence)[0]!.ReferencedSegmentNumber,
        sop: source.ReferencedSOPInstanceUID,
        sopClass: source.ReferencedSOPClassUID,
        position: itemsOf(f.PlanePositionSequence)[0]!.ImagePositionPatient,
        index: itemsOf(f.FrameContentSequence)[0]!.DimensionIndexValues,
      };
    });
    expect(frames).toEqual([
      { segment: 1, sop: '1.2.3.1', sopClass: CT_IMAGE_STORAGE, position: [0, 0, 0], index: [1, 1] },
      { segment: 1, sop: '1.2.3.3', sopClass: CT_IMAGE_STORAGE, position: [0, 0, 10], index: [1, 3] },
      { segment: 2, sop: '1.2.3.2', sopClass: CT_IMAGE_STORAGE, position: [0, 0, 5], index: [2, 2] },
    ]);
    const shared = itemsOf(ds.SharedFunctionalGroupsSequence)[0]!;
    expect(itemsOf(shared.PlaneOrientationSequence)[0]!.ImageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(itemsOf(shared.PixelMeasuresSequence)[0]).toMatchObject({ PixelSpacing: [0.5, 0.5], SliceThickness: 5 });
    const referenced = itemsOf(itemsOf(ds.ReferencedSeriesSequence)[0]!.ReferencedInstanceSequence);
    expect(referenced.map((r) => r.ReferencedSOPInstanceUID)).toEqual(['1.2.3.1', '1.2.3.2', '1.2.3.3']);
    expect([ds.StudyInstanceUID, ds.FrameOfReferenceUID, ds.Modality, ds.SegmentationType, ds.BitsAllocated]).toEqual(['1.2', '1.2.4', 'SEG', 'BINARY', 1]);
    expect(ds.SeriesInstanceUID).not.toBe(series.seriesInstanceUid);
  });

  it('refuses a document with nothing drawn, a mask of the wrong size, or a series without geometry', () => {
    expect(exportSegmentation(input([mask('slice-1', 'bleed', [])]))).toEqual({ ok: false, errors: ['nothing is drawn for question "bleed": a SEG needs at least one non-empty mask'] });
    const small = { ...MASKS[0]!, width: 4, height: 3, runs: [5, 2, 5] };
    expect(exportSegmentation(input([small]))).toMatchObject({ ok: false, errors: ['mask mask:bleed:slice-1:bleed is 4×3, the slices 64×64'] });
    const flat = exportSegmentation({ ...input(), series: { ...series, orientation: null } });
    expect(flat).toMatchObject({ ok: false, errors: [expect.stringContaining('no complete geometry')] });
  });

  it.skipIf(!hasDciodvfy)('passes dciodvfy without errors', () => {
    expect(dciodvfyErrors(exported().bytes)).toEqual([]);
  });
});

describe('SEG round trip', () => {
  it('export then import gives the same masks, codes and slices, with the file as provenance', () => {
    const seg = exported();
    const read = readSegmentation(readDicom(seg.bytes));
    if (!read.ok) throw new Error(read.errors.join('; '));
    const provenance = humanProvenance('bob');
    const imported = segmentationToMasks(read.value, { series, question: BLEED_QUESTION, fileName: 'bleed.dcm', provenance });
    if (!imported.ok) throw new Error(imported.errors.join('; '));
    expect(imported.value.refusals).toEqual([]);
    const nonEmpty = MASKS.filter((m) => decodeRuns(m.runs, PIXELS).includes(1));
    const strip = (m: Mask) => ({ id: m.id, targetId: m.targetId, classCode: m.classCode, runs: m.runs });
    expect(imported.value.masks.map(strip).sort((a, b) => a.id.localeCompare(b.id))).toEqual(nonEmpty.map(strip).sort((a, b) => a.id.localeCompare(b.id)));
    expect(imported.value.masks[0]!.provenance).toEqual({
      ...provenance,
      imported: { format: 'dicomSeg', file: 'bleed.dcm', sopInstanceUid: seg.sopInstanceUid, number: 1, label: 'bleed' },
    });
  });

  it('re-exporting the import writes the same pixels and codes', () => {
    const first = readSegmentation(readDicom(exported().bytes));
    if (!first.ok) throw new Error('unreadable');
    const imported = segmentationToMasks(first.value, { series, question: BLEED_QUESTION, fileName: 'a.dcm', provenance: humanProvenance() });
    if (!imported.ok) throw new Error('refused');
    const again = readDicom(exported(imported.value.masks).bytes);
    const before = readDicom(exported().bytes);
    expect(bytesOf(again.PixelData)).toEqual(bytesOf(before.PixelData));
    expect(JSON.stringify(again.SegmentSequence)).toBe(JSON.stringify(before.SegmentSequence));
  });

  it('refuses a segment whose code names no class unless a mapping names one, and places frames by position when they name no instance', () => {
    const read = readSegmentation(readDicom(exported().bytes));
    if (!read.ok) throw new Error('unreadable');
    const segments = read.value.segments.map((s) => (s.number === 2 ? { ...s, type: { scheme: 'SCT', value: '1234', meaning: 'Something' } } : s));
    const frames = read.value.frames.map((f) => ({ ...f, sourceSopInstanceUid: null }));
    const seg = { ...read.value, segments, frames };
    const options = { series, question: BLEED_QUESTION, fileName: 'b.dcm', provenance: humanProvenance() };
    const refused = segmentationToMasks(seg, options);
    expect(refused.ok && refused.value.refusals).toEqual([
      { segmentNumber: 2, label: 'other', reason: 'its type (SCT 1234 "Something") is the code of no class of question "bleed": map it to a class' },
    ]);
    expect(refused.ok && refused.value.masks.map((m) => m.targetId)).toEqual(['slice-1', 'slice-3']);
    const mapped = segmentationToMasks(seg, { ...options, mapping: { 2: 'other' } });
    expect(mapped.ok && mapped.value.masks.map((m) => `${m.targetId}:${m.classCode}`)).toEqual(['slice-1:bleed', 'slice-2:other', 'slice-3:bleed']);
    const wrong = segmentationToMasks(seg, { ...options, mapping: { 2: 'nope' } });
    expect(wrong.ok && wrong.value.refusals[0]!.reason).toBe('the mapping names class "nope", which question "bleed" does not have');
  });

  it('refuses a SEG of another series', () => {
    const read = readSegmentation(readDicom(exported().bytes));
    if (!read.ok) throw new Error('unreadable');
    const other = segmentationToMasks(read.value, { series: { ...series, seriesInstanceUid: '9.9' }, question: BLEED_QUESTION, fileName: 'c.dcm', provenance: humanProvenance() });
    expect(other).toEqual({ ok: false, errors: ["the SEG segments series 1.2.3, which is not this item's series (9.9)"] });
  });
});
