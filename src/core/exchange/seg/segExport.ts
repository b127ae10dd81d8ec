/**
 * A binary DICOM Segmentation (PS3.3 A.51) of one document's masks of one region question on a
 * CT/MR series: one segment per class that has a non-empty mask, coded from the label set; one
 * frame per non-empty mask, referencing its source slice (Derivation Image) and placed by the
 * slice's own position; new Study-level UIDs are never made: the SEG joins the source's study.
 */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import type { Mask } from '../../annotation';
import type { SeriesItem } from '../../item';
import type { LabelClass, Question } from '../../labelSet';
import { decodeRuns } from '../../mask';
import { sliceSpacings } from '../../seriesOrder';
import { fail, ok, type Result } from '../../result';
import { writeDicom } from './dicomFile';
import { packFrames } from './frameBits';
import { slicePlanes } from './geometry';
import { segmentCodingOf } from './segmentCodes';
import { codeItem, createdAt, equipmentOf, type DerivedObject } from './dicomAttributes';
import type { SourceHeader } from './segSource';
import { labFromHex } from './cieLab';

export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/** Software Versions of the equipment module: this writer's, raised when what it writes changes. */
export const SEG_WRITER_VERSION = 'seg-writer 1';

export interface SegExportInput {
  readonly series: SeriesItem;
  readonly source: SourceHeader;
  readonly question: Question;
  /** The document's masks; those of other questions, or empty, are left out. */
  readonly masks: readonly Mask[];
  /** Series Description of the SEG (say whose reading it is, never a patient's name). */
  readonly seriesDescription: string;
  readonly now: Date;
  readonly newUid: () => string;
}

/** Its warnings name classes written under a local code. */
export interface SegExport extends DerivedObject {
  readonly segmentCount: number;
  readonly frameCount: number;
}

interface Frame {
  readonly segmentNumber: number;
  readonly sliceIndex: number;
  readonly labels: Uint8Array;
}

/**
 * The classes a SEG of `question` writes as segments when `drawn` classes have non-empty masks,
 * in segment-number order (segment n is the n-th): what an SR refers to when it names a segment.
 */
export function segmentClasses(question: Question, drawn: ReadonlySet<string>): LabelClass[] {
  return question.classes.filter((c) => drawn.has(c.code));
}

/** The SEG of `input`, or why none can be made (no geometry, nothing drawn). */
export function exportSegmentation(input: SegExportInput): Result<SegExport> {
  const { series, source, question, now, newUid } = input;
  const planes = slicePlanes(series);
  if (!planes || !series.orientation || !series.pixelSpacing) {
    return fail(['the series has no complete geometry (orientation, pixel spacing and every slice position): a SEG could not place its frames']);
  }
  if (!source.frameOfReferenceUid) return fail(['the source series names no Frame of Reference UID: a SEG could not share its coordinates']);
  const sliceIndex = new Map(series.slices.map((slice, index) => [slice.targetId, index]));
  const pixels = series.rows * series.columns;
  const byClass = new Map<string, Frame[]>();
  const errors: string[] = [];
  for (const mask of input.masks) {
    if (mask.questionId !== question.id) continue;
    const index = sliceIndex.get(mask.targetId);
    if (index === undefined) errors.push(`mask ${mask.id} is on ${mask.targetId}, which is not a slice of this series`);
    else if (mask.width !== series.columns || mask.height !== series.rows) errors.push(`mask ${mask.id} is ${mask.width}×${mask.height}, the slices ${series.columns}×${series.rows}`);
    else {
      const labels = decodeRuns(mask.runs, pixels);
      if (!labels.includes(1)) continue;
      const frames = byClass.get(mask.classCode) ?? [];
      frames.push({ segmentNumber: 0, sliceIndex: index, labels });
      byClass.set(mask.classCode, frames);
    }
  }
  if (errors.length > 0) return fail(errors);
  const classes = segmentClasses(question, new Set(byClass.keys()));
  const unknown = [...byClass.keys()].filter((c) => !question.classes.some((k) => k.code === c));
  if (unknown.length > 0) return fail(unknown.map((c) => `class "${c}" is not a class of question "${question.id}"`));
  if (classes.length === 0) return fail([`nothing is drawn for question "${question.id}": a SEG needs at least one non-empty mask`]);

  const warnings: string[] = [];
  const segments = classes.map((labelClass, i) => segmentOf(question, labelClass, i + 1, warnings));
  // Frames ordered by the dimension index: segment, then slice along the normal.
  const frames = classes.flatMap((labelClass, i) =>
    byClass
      .get(labelClass.code)!
      .map((frame) => ({ ...frame, segmentNumber: i + 1 }))
      .sort((a, b) => a.sliceIndex - b.sliceIndex),
  );
  const sopInstanceUid = newUid();
  const seriesInstanceUid = newUid();
  const dimensionOrganizationUid = newUid();
  const referenced = (index: number): DcmjsNaturalDataSet => {
    const slice = series.slices[index]!;
    return {
      ReferencedSOPClassUID: source.sopClassUid,
      ReferencedSOPInstanceUID: slice.sopInstanceUid,
      ...(slice.frame === undefined ? {} : { ReferencedFrameNumber: slice.frame }),
    };
  };
  const referencedInstances = [...new Set(frames.map((f) => f.sliceIndex))].sort((a, b) => a - b).map(referenced);
  const [rowSpacing, columnSpacing] = series.pixelSpacing;

  const dataSet: DcmjsNaturalDataSet = {
    SpecificCharacterSet: 'ISO_IR 192',
    ImageType: ['DERIVED', 'PRIMARY'],
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    ...createdAt(now),
    Modality: 'SEG',
    ...equipmentOf(SEG_WRITER_VERSION),
    SeriesDescription: input.seriesDescription,
    ...source.patientAndStudy,
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: 900,
    InstanceNumber: 1,
    FrameOfReferenceUID: source.frameOfReferenceUid,
    PositionReferenceIndicator: source.positionReferenceIndicator,
    ReferencedSeriesSequence: [{ SeriesInstanceUID: series.seriesInstanceUid, ReferencedInstanceSequence: referencedInstances }],
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      dimension(dimensionOrganizationUid, 0x0062000b, 0x0062000a, 'ReferencedSegmentNumber'),
      dimension(dimensionOrganizationUid, 0x00200032, 0x00209113, 'ImagePositionPatient'),
    ],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    NumberOfFrames: frames.length,
    Rows: series.rows,
    Columns: series.columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    ContentLabel: 'SEGMENTATION',
    ContentDescription: question.name.en.slice(0, 64),
    ContentCreatorName: null,
    SegmentSequence: segments,
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: [...series.orientation] }],
        PixelMeasuresSequence: [
          {
            PixelSpacing: [rowSpacing, columnSpacing],
            SliceThickness: source.sliceThickness ?? smallestSpacing(series) ?? 1,
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((frame) => ({
      DerivationImageSequence: [
        {
          SourceImageSequence: [
            {
              ...referenced(frame.sliceIndex),
              PurposeOfReferenceCodeSequence: [codeItem({ scheme: 'DCM', value: '121322', meaning: 'Source image for image processing operation' })],
            },
          ],
          DerivationCodeSequence: [codeItem({ scheme: 'DCM', value: '113076', meaning: 'Segmentation' })],
        },
      ],
      FrameContentSequence: [{ DimensionIndexValues: [frame.segmentNumber, frame.sliceIndex + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: [...planes[frame.sliceIndex]!.position] }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: frame.segmentNumber }],
    })),
    PixelData: [packFrames(frames.map((f) => f.labels), pixels).buffer],
    _vrMap: { PixelData: 'OB' },
  };
  return ok({
    bytes: writeDicom(dataSet),
    sopInstanceUid,
    seriesInstanceUid,
    warnings,
    segmentCount: segments.length,
    frameCount: frames.length,
  });
}

function segmentOf(question: Question, labelClass: LabelClass, segmentNumber: number, warnings: string[]): DcmjsNaturalDataSet {
  const coding = segmentCodingOf(question, labelClass);
  if (coding.warning) warnings.push(coding.warning);
  return {
    SegmentNumber: segmentNumber,
    SegmentLabel: labelClass.name.en.slice(0, 64),
    SegmentDescription: labelClass.code.slice(0, 64),
    SegmentAlgorithmType: 'MANUAL',
    RecommendedDisplayCIELabValue: labFromHex(labelClass.color),
    SegmentedPropertyCategoryCodeSequence: [codeItem(coding.category)],
    SegmentedPropertyTypeCodeSequence: [codeItem(coding.type)],
  };
}

function dimension(organization: string, indexPointer: number, groupPointer: number, label: string): DcmjsNaturalDataSet {
  return { DimensionOrganizationUID: organization, DimensionIndexPointer: indexPointer, FunctionalGroupPointer: groupPointer, DimensionDescriptionLabel: label };
}

/** The smallest distance between neighbouring slices along the normal (mm), null for one slice. */
function smallestSpacing(series: SeriesItem): number | null {
  const gaps = (sliceSpacings(series.slices, series.orientation) ?? []).map(Math.abs).filter((gap) => gap > 1e-6);
  return gaps.length === 0 ? null : Math.min(...gaps);
}
