import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Mask } from '../../annotation';
import type { Question } from '../../labelSet';
import { encodeRuns } from '../../mask';
import { humanProvenance, maskRecord } from '../../testing/records';
import { hasSampleData, sampleDataDir } from '../../../../server/testing/sampleData';
import { writeDicom } from './dicomFile';
import { labelSources, planLabelImport, readLabelObject, type LabelImportOptions, type LabelObject } from './labelObjectImport';
import { RT_STRUCTURE_SET_STORAGE } from './rtstructImport';
import { exportSegmentation } from './segExport';
import { BLEED_QUESTION, CT_IMAGE_STORAGE, countingUids, TEST_SOURCE, testSeries } from './__tests__/segFixtures';

const series = testSeries(3);

function mask(targetId: string, classCode: string, set: readonly number[]): Mask {
  const labels = new Uint8Array(64 * 64);
  for (const i of set) labels[i] = 1;
  return maskRecord(targetId, classCode, humanProvenance('alice'), { width: 64, height: 64, runs: encodeRuns(labels), questionId: 'bleed' });
}

/** A SEG of ours on the test series: `bleed` (SCT-coded) on slices 1 and 3, `other` (local code) on slice 2. */
function segBytes(): Uint8Array {
  const masks = [mask('slice-1', 'bleed', [0, 1, 64]), mask('slice-3', 'bleed', [100, 101]), mask('slice-2', 'other', [7])];
  const made = exportSegmentation({ series, source: TEST_SOURCE, question: BLEED_QUESTION, masks, seriesDescription: 'Bleed', now: new Date('2024-05-01T08:00:00Z'), newUid: countingUids() });
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.value.bytes;
}

function read(bytes: Uint8Array): LabelObject {
  const object = readLabelObject(bytes);
  if (!object.ok) throw new Error(JSON.stringify(object.refusal));
  return object.value;
}

/** BLEED_QUESTION with `other` renamed `misc`: our local code `other` names nothing in it. */
const RENAMED: Question = { ...BLEED_QUESTION, classes: [BLEED_QUESTION.classes[0]!, { ...BLEED_QUESTION.classes[1]!, code: 'misc', name: { en: 'Misc', ja: 'その他' } }] };

const options = (question: Question, choices: ReadonlyMap<number, string | null> = new Map()): LabelImportOptions => ({
  series,
  question,
  choices,
  as: 'masks',
  fileName: 'bleed-seg.dcm',
  provenance: humanProvenance('bob'),
});

describe('reading a label object', () => {
  it('refuses what is not DICOM, and DICOM that is neither SEG nor RTSTRUCT, naming its SOP class', () => {
    expect(readLabelObject(new TextEncoder().encode('{"type": "FeatureCollection"}'))).toEqual({
      ok: false,
      refusal: { kind: 'notDicom', detail: 'not a DICOM file: no DICM header and no data set at its start' },
    });
    const ct = writeDicom({ SOPClassUID: CT_IMAGE_STORAGE, SOPInstanceUID: '2.25.5', Modality: 'CT' });
    expect(readLabelObject(ct)).toEqual({ ok: false, refusal: { kind: 'notLabelObject', sopClassUid: CT_IMAGE_STORAGE } });
  });
});

describe('the plan of a SEG import', () => {
  it('matches segments to classes by code and lists, per class, the slices its masks land on', () => {
    const object = read(segBytes());
    expect(labelSources(object, BLEED_QUESTION)).toEqual([
      { number: 1, label: 'bleed', classCode: 'bleed' },
      { number: 2, label: 'other', classCode: 'other' },
    ]);
    const plan = planLabelImport(object, options(BLEED_QUESTION));
    if (!plan.ok) throw new Error(JSON.stringify(plan.refusal));
    expect(plan.value.classes).toEqual([
      { classCode: 'bleed', sliceIndices: [0, 2], records: 2 },
      { classCode: 'other', sliceIndices: [1], records: 1 },
    ]);
    expect(plan.value.slicesOf).toEqual(
      new Map([
        [1, [0, 2]],
        [2, [1]],
      ]),
    );
    expect(plan.value.refusals).toEqual([]);
    expect(plan.value.records.map((r) => r.provenance.imported?.file)).toEqual(['bleed-seg.dcm', 'bleed-seg.dcm', 'bleed-seg.dcm']);
  });

  it('suggests a class by the segment’s label, refuses an unmapped segment, imports a mapped one and leaves a skipped one out', () => {
    const object = read(segBytes());
    const misc: Question = { ...RENAMED, classes: [RENAMED.classes[0]!, { ...RENAMED.classes[1]!, name: { en: 'Other', ja: 'その他' } }] };
    expect(labelSources(object, misc)[1]).toEqual({ number: 2, label: 'other', classCode: 'misc' });
    expect(labelSources(object, RENAMED)[1]).toEqual({ number: 2, label: 'other', classCode: null });

    const unmapped = planLabelImport(object, options(RENAMED));
    expect(unmapped.ok && unmapped.value.refusals).toEqual([
      { number: 2, label: 'other', reason: `its type (99MEJIRUSHI other "other") is the code of no class of question "bleed": map it to a class` },
    ]);
    expect(unmapped.ok && unmapped.value.classes.map((c) => c.classCode)).toEqual(['bleed']);

    const mapped = planLabelImport(object, options(RENAMED, new Map([[2, 'misc']])));
    expect(mapped.ok && mapped.value.classes).toEqual([
      { classCode: 'bleed', sliceIndices: [0, 2], records: 2 },
      { classCode: 'misc', sliceIndices: [1], records: 1 },
    ]);

    const skipped = planLabelImport(object, options(RENAMED, new Map([[2, null]])));
    expect(skipped.ok && [skipped.value.refusals, skipped.value.skipped, skipped.value.records.length]).toEqual([[], [{ number: 2, label: 'other', classCode: null }], 2]);
  });

  it('refuses a SEG of another series, naming the series and study it needs', () => {
    const plan = planLabelImport(read(segBytes()), { ...options(BLEED_QUESTION), series: { ...series, seriesInstanceUid: '9.9' } });
    expect(plan).toEqual({ ok: false, refusal: { kind: 'otherSeries', seriesUids: ['1.2.3'], studyUid: '1.2' } });
  });

  it('refuses a SEG whose frames are not the size of the slices', () => {
    const plan = planLabelImport(read(segBytes()), { ...options(BLEED_QUESTION), series: { ...series, rows: 32 } });
    expect(plan).toEqual({ ok: false, refusal: { kind: 'notOnSeries', detail: "the SEG's frames are 64×64, this series' slices 64×32" } });
  });
});

describe('the plan of an RTSTRUCT import', () => {
  /** Two ROIs: "Bleed" (a 10 mm square on slice 2) and "Cord" (a 4 mm square on slice 1), the series named. */
  const structureSet = () =>
    writeDicom({
      SOPClassUID: RT_STRUCTURE_SET_STORAGE,
      SOPInstanceUID: '2.25.78',
      StudyInstanceUID: '1.2',
      Modality: 'RTSTRUCT',
      ReferencedFrameOfReferenceSequence: [{ FrameOfReferenceUID: '1.2.4', RTReferencedStudySequence: [{ RTReferencedSeriesSequence: [{ SeriesInstanceUID: '1.2.3' }] }] }],
      StructureSetROISequence: [
        { ROINumber: 1, ROIName: 'Bleed' },
        { ROINumber: 2, ROIName: 'Cord' },
      ],
      ROIContourSequence: [
        { ReferencedROINumber: 1, ContourSequence: [{ ContourGeometricType: 'CLOSED_PLANAR', NumberOfContourPoints: 4, ContourData: [10, 10, 5, 20, 10, 5, 20, 20, 5, 10, 20, 5] }] },
        { ReferencedROINumber: 2, ContourSequence: [{ ContourGeometricType: 'CLOSED_PLANAR', NumberOfContourPoints: 4, ContourData: [0, 0, 0, 4, 0, 0, 4, 4, 0, 0, 4, 0] }] },
      ],
    });

  it('matches ROIs by name, and makes outlines or masks as chosen on the slices their contours lie on', () => {
    const object = read(structureSet());
    expect(labelSources(object, BLEED_QUESTION)).toEqual([
      { number: 1, label: 'Bleed', classCode: 'bleed' },
      { number: 2, label: 'Cord', classCode: null },
    ]);
    const outlines = planLabelImport(object, { ...options(BLEED_QUESTION, new Map([[2, 'other']])), as: 'outlines' });
    expect(outlines.ok && outlines.value.records.map((r) => [r.type, r.targetId, r.classCode, r.provenance.imported?.format])).toEqual([
      ['shape', 'slice-2', 'bleed', 'rtStruct'],
      ['shape', 'slice-1', 'other', 'rtStruct'],
    ]);
    const masks = planLabelImport(object, options(BLEED_QUESTION));
    expect(masks.ok && masks.value.records.map((r) => [r.type, r.targetId])).toEqual([['mask', 'slice-2']]);
    expect(masks.ok && masks.value.refusals.map((r) => r.number)).toEqual([2]);
  });

  it('refuses a structure set of another series, naming the series and study it needs', () => {
    const plan = planLabelImport(read(structureSet()), { ...options(BLEED_QUESTION), series: { ...series, seriesInstanceUid: '9.9' } });
    expect(plan).toEqual({ ok: false, refusal: { kind: 'otherSeries', seriesUids: ['1.2.3'], studyUid: '1.2' } });
  });
});

describe.skipIf(!hasSampleData())('the shared sample SEG', () => {
  it('is refused on our series, naming the series it segments', () => {
    const object = read(readFileSync(join(sampleDataDir(), 'radiology/dicom-labels/seg_liver_binary_3frame.dcm')));
    const plan = planLabelImport(object, options(BLEED_QUESTION));
    expect(plan.ok === false && plan.refusal).toMatchObject({ kind: 'otherSeries', seriesUids: ['1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1'] });
  });
});
