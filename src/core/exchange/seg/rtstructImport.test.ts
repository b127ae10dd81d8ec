import { describe, expect, it } from 'vitest';
import type { Mask, Shape } from '../../annotation';
import { ringArea } from '../../geometry/measure';
import { countSet, decodeRuns } from '../../mask';
import { humanProvenance, seriesItem, TEST_LABEL_SET } from '../../testing/records';
import { ItemTargets } from '../../targets';
import { validateAnnotationRecord } from '../../validation/annotation';
import { readDicom, writeDicom } from './dicomFile';
import { readStructureSet, RT_STRUCTURE_SET_STORAGE, structureSetToRecords, type RtImportOptions } from './rtstructImport';
import { BLEED_QUESTION, testSeries } from './__tests__/segFixtures';

const series = testSeries(3);

/** A square contour of side `side` mm at (x, y) on plane z (mm), as Contour Data. */
function square(x: number, y: number, side: number, z: number): number[] {
  return [x, y, z, x + side, y, z, x + side, y + side, z, x, y + side, z];
}

/** An RT Structure Set on the test series (0.5 mm pixels, slices at z = 0, 5, 10), as a planning system would write it. */
function structureSet(): Uint8Array {
  const contour = (data: number[], sop?: string) => ({
    ContourGeometricType: data.length === 3 ? 'POINT' : 'CLOSED_PLANAR',
    NumberOfContourPoints: data.length / 3,
    ContourData: data,
    ...(sop ? { ContourImageSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.2', ReferencedSOPInstanceUID: sop }] } : {}),
  });
  return writeDicom({
    SOPClassUID: RT_STRUCTURE_SET_STORAGE,
    SOPInstanceUID: '2.25.77',
    Modality: 'RTSTRUCT',
    ReferencedFrameOfReferenceSequence: [
      { FrameOfReferenceUID: '1.2.4', RTReferencedStudySequence: [{ ReferencedSOPClassUID: '1.2.840.10008.3.1.2.3.1', ReferencedSOPInstanceUID: '1.2', RTReferencedSeriesSequence: [{ SeriesInstanceUID: '1.2.3' }] }] },
    ],
    StructureSetROISequence: [
      { ROINumber: 1, ReferencedFrameOfReferenceUID: '1.2.4', ROIName: 'Bleed', ROIGenerationAlgorithm: 'MANUAL' },
      { ROINumber: 2, ReferencedFrameOfReferenceUID: '1.2.4', ROIName: 'Brainstem', ROIGenerationAlgorithm: 'MANUAL' },
      { ROINumber: 3, ReferencedFrameOfReferenceUID: '1.2.4', ROIName: 'Iso', ROIGenerationAlgorithm: 'MANUAL' },
    ],
    ROIContourSequence: [
      {
        ReferencedROINumber: 1,
        ContourSequence: [
          // On slice 2 (named), a 10 mm square with a 2 mm square hole; on slice 3 by position; one far off the series.
          contour(square(10, 10, 10, 5), '1.2.3.2'),
          contour(square(14, 14, 2, 5), '1.2.3.2'),
          contour(square(0, 0, 4, 10)),
          contour(square(0, 0, 4, 100)),
        ],
      },
      { ReferencedROINumber: 2, ContourSequence: [contour(square(1, 1, 2, 0))] },
      { ReferencedROINumber: 3, ContourSequence: [contour([0, 0, 0])] },
    ],
  });
}

const OPTIONS: RtImportOptions = {
  series,
  question: BLEED_QUESTION,
  as: 'outlines',
  fileName: 'plan.dcm',
  provenance: humanProvenance('carol'),
  newId: (() => {
    let n = 0;
    return () => `shape-${(n += 1)}`;
  })(),
};

function imported(options: Partial<RtImportOptions> = {}) {
  const set = readStructureSet(readDicom(structureSet()));
  if (!set.ok) throw new Error(set.errors.join('; '));
  const result = structureSetToRecords(set.value, { ...OPTIONS, ...options });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
}

describe('RT Structure Set import', () => {
  it('turns closed contours into outlines in image px on their slices, inner contours as holes, with provenance', () => {
    const { records } = imported();
    const shapes = records as Shape[];
    expect(shapes.map((s) => [s.targetId, s.classCode, s.geometry.type])).toEqual([
      ['slice-2', 'bleed', 'polygon'],
      ['slice-3', 'bleed', 'polygon'],
    ]);
    const outline = shapes[0]!.geometry;
    if (outline.type !== 'polygon') throw new Error('polygon expected');
    // 10 mm at 0.5 mm/px is 20 px, from image px 20.5 (ImagePositionPatient is the first pixel's centre).
    expect(Math.min(...outline.points.map((p) => p[0]))).toBe(20.5);
    expect(Math.max(...outline.points.map((p) => p[1]))).toBe(40.5);
    expect(Math.abs(ringArea(outline.points))).toBe(400);
    expect(outline.holes?.map((h) => Math.abs(ringArea(h)))).toEqual([16]);
    expect(shapes[0]!.provenance).toEqual({ ...humanProvenance('carol'), imported: { format: 'rtStruct', file: 'plan.dcm', sopInstanceUid: '2.25.77', number: 1, label: 'Bleed' } });
  });

  it('refuses ROIs that name no class, point ROIs and contours off the series, each with its reason', () => {
    expect(imported().refusals).toEqual([
      { roiNumber: 1, name: 'Bleed', reason: '1 of its 4 contours lie on no slice of this series' },
      { roiNumber: 2, name: 'Brainstem', reason: 'its name "Brainstem" names no class of question "bleed": map it to a class' },
      { roiNumber: 3, name: 'Iso', reason: 'its contours are POINT, not closed planar outlines' },
    ]);
    const mapped = imported({ mapping: { 2: 'other' } });
    expect(mapped.records.map((r) => `${r.targetId}:${r.classCode}`)).toEqual(['slice-2:bleed', 'slice-3:bleed', 'slice-1:other']);
  });

  it('rasterises to masks instead when asked: pixels whose centres lie inside, the hole left out', () => {
    const masks = imported({ as: 'masks' }).records as Mask[];
    expect(masks.map((m) => [m.id, countSet(m.runs)])).toEqual([
      ['mask:bleed:slice-2:bleed', 20 * 20 - 4 * 4],
      ['mask:bleed:slice-3:bleed', 8 * 8],
    ]);
    const labels = decodeRuns(masks[0]!.runs, 64 * 64);
    expect([labels[20 * 64 + 20], labels[19 * 64 + 20], labels[28 * 64 + 28], labels[39 * 64 + 39], labels[40 * 64 + 40]]).toEqual([1, 0, 0, 1, 0]);
  });

  it('makes records the record validator accepts on the item, as outlines and as masks', () => {
    const labelSet = { ...TEST_LABEL_SET, questions: [...TEST_LABEL_SET.questions, BLEED_QUESTION] };
    const targets = new ItemTargets(seriesItem(3));
    const records = [...imported({ mapping: { 2: 'other' } }).records, ...imported({ as: 'masks' }).records];
    const errors = records.flatMap((record) => {
      const checked = validateAnnotationRecord(record, { labelSet, targets });
      return checked.ok ? [] : checked.errors;
    });
    expect(errors).toEqual([]);
  });

  it('refuses a structure set of another series', () => {
    const set = readStructureSet(readDicom(structureSet()));
    if (!set.ok) throw new Error('unreadable');
    expect(structureSetToRecords(set.value, { ...OPTIONS, series: { ...series, seriesInstanceUid: '9.9' } })).toEqual({
      ok: false,
      errors: ["the structure set outlines series 1.2.3, not this item's series (9.9)"],
    });
  });
});
