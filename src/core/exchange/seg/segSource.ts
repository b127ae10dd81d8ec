/**
 * What a derived object (SEG, SR) copies from its source series: the patient and study it belongs
 * to, the frame of reference and the source's SOP class, read from one source instance's header.
 */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import { numbersOf, readDicom, textOf } from './dicomFile';

/** Patient and General Study attributes a derived object carries as its source does. */
const COPIED = [
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'ReferringPhysicianName',
  'StudyID',
  'AccessionNumber',
] as const;

export interface SourceHeader {
  /** The copied patient and study attributes, naturalized (absent ones empty, as type 2 allows). */
  readonly patientAndStudy: DcmjsNaturalDataSet;
  readonly sopClassUid: string;
  readonly frameOfReferenceUid: string;
  readonly positionReferenceIndicator: string;
  /** SliceThickness (mm), null when the source does not say. */
  readonly sliceThickness: number | null;
}

export function sourceHeaderOf(dataSet: DcmjsNaturalDataSet): SourceHeader {
  const patientAndStudy: DcmjsNaturalDataSet = {};
  for (const keyword of COPIED) patientAndStudy[keyword] = dataSet[keyword] ?? null;
  const thickness = numbersOf(dataSet.SliceThickness)[0];
  return {
    patientAndStudy,
    sopClassUid: textOf(dataSet.SOPClassUID),
    frameOfReferenceUid: textOf(dataSet.FrameOfReferenceUID),
    positionReferenceIndicator: textOf(dataSet.PositionReferenceIndicator),
    sliceThickness: thickness !== undefined && Number.isFinite(thickness) && thickness > 0 ? thickness : null,
  };
}

/** The source header of one instance's bytes (a whole file, or its start up to the pixel data). */
export function readSourceHeader(bytes: Uint8Array): SourceHeader {
  return sourceHeaderOf(readDicom(bytes));
}
