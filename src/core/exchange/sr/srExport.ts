/**
 * A DICOM Comprehensive SR holding a TID 1500 Imaging Measurement Report of one reading of a CT
 * or MR series, or of its readers' consensus: who read it and who verified it (observers, and the
 * Verification Flag with its Verifying Observer Sequence), the slices it refers to (Image Library), each
 * slice's coded finding (TID 1501) and each segment's volume and mean density (TID 1411), joined
 * to the source's study like the SEG. Comprehensive SR is enough: nothing here has 3D coordinates.
 */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import type { SeriesItem } from '../../item';
import { fail, ok, type Result } from '../../result';
import { createdAt, dicomDateTime, equipmentOf, type DerivedObject } from '../seg/dicomAttributes';
import { writeDicom } from '../seg/dicomFile';
import { SEGMENTATION_STORAGE } from '../seg/segExport';
import { segmentCodingOf, type CodedConcept } from '../seg/segmentCodes';
import type { SourceHeader } from '../seg/segSource';
import { codeValue, container, imageValue, numValue, personName, personValue, rootContainer, textValue, uidValue, type InstanceReference } from './contentItems';
import type { SegmentFigure } from './segmentFigures';
import type { SliceFinding } from './sliceFindings';
import { SR_CODES as C } from './srCodes';

export const COMPREHENSIVE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.33';

const WRITER_VERSION = 'sr-writer 1';

/** A person in the observation context: their display name (never a patient's) and login name. */
export interface SrObserver {
  readonly name: string;
  readonly loginName: string;
}

/** Who verified the reading (a reviewer who approved it, a WG lead who settled a consensus), and when. */
export interface SrVerifier extends SrObserver {
  readonly at: Date;
}

export interface SrExportInput {
  readonly series: SeriesItem;
  readonly source: SourceHeader;
  readonly findings: readonly SliceFinding[];
  /** The segments of a region question's masks (empty: no volumetric measurements). */
  readonly segments: readonly SegmentFigure[];
  /** The SEG of those masks, when there is one: each measurement then names its segment. */
  readonly segmentation: { readonly sopInstanceUid: string; readonly seriesInstanceUid: string } | null;
  /** Who performed the reading: its reader, or every reader a consensus was made from. */
  readonly readers: readonly SrObserver[];
  /** Who verified it; empty while nobody has (Verification Flag UNVERIFIED). */
  readonly verifiers: readonly SrVerifier[];
  /** The organization the verifiers verified it for (Verifying Organization). */
  readonly organization: string;
  /** The reader handed the reading in (Completion Flag COMPLETE), else PARTIAL. */
  readonly complete: boolean;
  readonly seriesDescription: string;
  readonly now: Date;
  readonly newUid: () => string;
}

/** Its warnings name classes written under a local code and mean densities left out. */
export interface SrExport extends DerivedObject {
  readonly findingCount: number;
  readonly segmentCount: number;
}

/** The SR of `input`, or why none can be made (nothing to report). */
export function exportStructuredReport(input: SrExportInput): Result<SrExport> {
  const { series, source, findings, segments, now, newUid } = input;
  if (findings.length === 0 && segments.length === 0) {
    return fail(['nothing to report: no slice carries a coded finding and no segment is drawn']);
  }
  const sliceIndex = new Map(series.slices.map((slice, index) => [slice.targetId, index]));
  const sliceReference = (index: number): InstanceReference => {
    const slice = series.slices[index]!;
    return { sopClassUid: source.sopClassUid, sopInstanceUid: slice.sopInstanceUid, ...(slice.frame === undefined ? {} : { frame: slice.frame }) };
  };
  const segmentSlices = segments.flatMap((segment) => segment.targetIds.map((id) => sliceIndex.get(id))).filter((i) => i !== undefined);
  const referenced = [...new Set([...findings.map((f) => f.sliceIndex), ...segmentSlices])].sort((a, b) => a - b);

  const warnings: string[] = [];
  const sopInstanceUid = newUid();
  const seriesInstanceUid = newUid();
  const content = rootContainer(C.imagingMeasurementReport, '1500', [
    codeValue('HAS CONCEPT MOD', C.language, C.english),
    ...input.readers.flatMap((reader) => observer(reader, C.performing)),
    ...input.verifiers.flatMap((verifier) => observer(verifier, C.verifying)),
    codeValue('HAS CONCEPT MOD', C.procedureReported, procedureOf(series.modality)),
    container('CONTAINS', C.imageLibrary, [container('CONTAINS', C.imageLibraryGroup, referenced.map((i) => imageValue('CONTAINS', null, sliceReference(i))))]),
    container('CONTAINS', C.imagingMeasurements, [
      ...findings.map((finding) =>
        container('CONTAINS', C.measurementGroup, [
          textValue('CONTAINS', C.trackingIdentifier, `${finding.labelClass.name.en} on slice ${finding.sliceIndex + 1}`),
          uidValue('CONTAINS', C.trackingUid, newUid()),
          codeValue('CONTAINS', C.finding, { scheme: finding.coding.scheme, value: finding.coding.code, meaning: finding.coding.meaning }),
          imageValue('CONTAINS', C.sourceOfMeasurement, sliceReference(finding.sliceIndex)),
        ]),
      ),
      ...segments.map((segment) => volumetricGroup(input, segment, newUid(), warnings)),
    ]),
  ]);

  const evidence = referenced.map(sliceReference).filter((r, i, all) => all.findIndex((o) => o.sopInstanceUid === r.sopInstanceUid) === i);
  const evidenceSeries = [{ SeriesInstanceUID: series.seriesInstanceUid, ReferencedSOPSequence: evidence.map(evidenceItem) }];
  if (input.segmentation && segments.length > 0) {
    const seg = { sopClassUid: SEGMENTATION_STORAGE, sopInstanceUid: input.segmentation.sopInstanceUid };
    evidenceSeries.push({ SeriesInstanceUID: input.segmentation.seriesInstanceUid, ReferencedSOPSequence: [evidenceItem(seg)] });
  }
  const dataSet: DcmjsNaturalDataSet = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: COMPREHENSIVE_SR_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    ...createdAt(now),
    Modality: 'SR',
    ...equipmentOf(WRITER_VERSION),
    SeriesDescription: input.seriesDescription,
    ...source.patientAndStudy,
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: 901,
    InstanceNumber: 1,
    ReferencedPerformedProcedureStepSequence: [],
    CompletionFlag: input.complete ? 'COMPLETE' : 'PARTIAL',
    ...verification(input),
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: [{ StudyInstanceUID: source.patientAndStudy.StudyInstanceUID, ReferencedSeriesSequence: evidenceSeries }],
    ...content,
  };
  return ok({ bytes: writeDicom(dataSet), sopInstanceUid, seriesInstanceUid, warnings, findingCount: findings.length, segmentCount: segments.length });
}

/** SR Document General's Verification Flag and, once verified, who verified it (PS3.3 C.17.2). */
function verification({ verifiers, organization }: SrExportInput): DcmjsNaturalDataSet {
  if (verifiers.length === 0) return { VerificationFlag: 'UNVERIFIED' };
  return {
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: verifiers.map((verifier) => ({
      VerifyingObserverName: [{ Alphabetic: personName(verifier.name) }],
      VerifyingObserverIdentificationCodeSequence: [],
      VerifyingOrganization: organization.slice(0, 64),
      VerificationDateTime: dicomDateTime(verifier.at),
    })),
  };
}

/** TID 1002 rows of one person observer: type, name, login name and role in this reading. */
function observer(person: SrObserver, role: CodedConcept): DcmjsNaturalDataSet[] {
  return [
    codeValue('HAS OBS CONTEXT', C.observerType, C.person),
    personValue('HAS OBS CONTEXT', C.personObserverName, person.name),
    textValue('HAS OBS CONTEXT', C.personObserverLoginName, person.loginName),
    codeValue('HAS OBS CONTEXT', C.roleInProcedure, role),
  ];
}

function procedureOf(modality: string): CodedConcept {
  if (modality === 'CT') return C.computedTomography;
  if (modality === 'MR') return C.magneticResonanceImaging;
  return C.imagingProcedure;
}

/** TID 1411: one segment's volume and mean HU, on its SEG segment when there is a SEG, else on the source series. */
function volumetricGroup(input: SrExportInput, segment: SegmentFigure, trackingUid: string, warnings: string[]): DcmjsNaturalDataSet {
  const coding = segmentCodingOf({ id: segment.questionId }, segment.labelClass);
  if (coding.warning) warnings.push(coding.warning);
  const name = segment.labelClass.name.en;
  if (segment.meanHu === null) warnings.push(`the mean HU of "${name}" is left out: a slice under it could not be read in HU`);
  return container('CONTAINS', C.measurementGroup, [
    textValue('CONTAINS', C.trackingIdentifier, name),
    uidValue('CONTAINS', C.trackingUid, trackingUid),
    codeValue('CONTAINS', C.finding, coding.type),
    ...(input.segmentation
      ? [imageValue('CONTAINS', C.referencedSegment, { sopClassUid: SEGMENTATION_STORAGE, sopInstanceUid: input.segmentation.sopInstanceUid, segmentNumber: segment.segmentNumber })]
      : []),
    uidValue('CONTAINS', C.sourceSeriesForSegmentation, input.series.seriesInstanceUid),
    numValue('CONTAINS', C.volume, segment.volumeMl, C.millilitre),
    ...(segment.meanHu === null
      ? []
      : [numValue('CONTAINS', C.attenuationCoefficient, segment.meanHu, C.hounsfieldUnit, [codeValue('HAS CONCEPT MOD', C.derivation, C.mean)])]),
  ]);
}

function evidenceItem(reference: Pick<InstanceReference, 'sopClassUid' | 'sopInstanceUid'>): DcmjsNaturalDataSet {
  return { ReferencedSOPClassUID: reference.sopClassUid, ReferencedSOPInstanceUID: reference.sopInstanceUid };
}
