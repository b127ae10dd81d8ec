/** The coded concepts of a TID 1500 Imaging Measurement Report (PS3.16) that our SR writes. */
import type { CodedConcept } from '../seg/segmentCodes';

const dcm = (value: string, meaning: string): CodedConcept => ({ scheme: 'DCM', value, meaning });
const sct = (value: string, meaning: string): CodedConcept => ({ scheme: 'SCT', value, meaning });

export const SR_CODES = {
  /** CID 7021 document title. */
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  language: dcm('121049', 'Language of Content Item and Descendants'),
  english: { scheme: 'RFC5646', value: 'en', meaning: 'English' },
  // TID 1002 / 1003: observation context of a person.
  observerType: dcm('121005', 'Observer Type'),
  person: dcm('121006', 'Person'),
  personObserverName: dcm('121008', 'Person Observer Name'),
  personObserverLoginName: dcm('128774', "Person Observer's Login Name"),
  roleInProcedure: dcm('121011', "Person Observer's Role in this Procedure"),
  /** CID 7453: the reader performs the reading, the reviewer verifies it. */
  performing: dcm('121094', 'Performing'),
  verifying: dcm('121098', 'Verifying'),
  procedureReported: dcm('121058', 'Procedure reported'),
  imagingProcedure: sct('363679005', 'Imaging procedure'),
  computedTomography: sct('77477000', 'Computed tomography'),
  magneticResonanceImaging: sct('113091000', 'Magnetic resonance imaging'),
  // TID 1600 Image Library.
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  source: sct('260753009', 'Source'),
  // TID 1500 / 1501 / 1411.
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUid: dcm('112040', 'Tracking Unique Identifier'),
  finding: dcm('121071', 'Finding'),
  sourceOfMeasurement: dcm('121112', 'Source of Measurement'),
  referencedSegment: dcm('121191', 'Referenced Segment'),
  sourceSeriesForSegmentation: dcm('121232', 'Source series for segmentation'),
  volume: sct('118565006', 'Volume'),
  attenuationCoefficient: dcm('112031', 'Attenuation Coefficient'),
  derivation: dcm('121401', 'Derivation'),
  mean: sct('373098007', 'Mean'),
  // UCUM units.
  millilitre: { scheme: 'UCUM', value: 'ml', meaning: 'milliliter' },
  hounsfieldUnit: { scheme: 'UCUM', value: "[hnsf'U]", meaning: 'Hounsfield unit' },
} as const satisfies Record<string, CodedConcept>;
