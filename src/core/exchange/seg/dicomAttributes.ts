/** Attribute values every derived object we write (SEG, SR) spells the same way. */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import type { CodedConcept } from './segmentCodes';

/** A Code Sequence item (PS3.3 8.8) of `concept`. */
export function codeItem(concept: CodedConcept): DcmjsNaturalDataSet {
  // Code Value is at most 16 characters; a longer local code goes in Long Code Value.
  const value = concept.value.length > 16 ? { LongCodeValue: concept.value } : { CodeValue: concept.value };
  return { ...value, CodingSchemeDesignator: concept.scheme, CodeMeaning: concept.meaning };
}

/** A DICOM object one of our writers made, with what a reader of the file should know. */
export interface DerivedObject {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** Local codes used, values left out. */
  readonly warnings: readonly string[];
}

/** DA of an instant, in UTC (YYYYMMDD). */
const dicomDate = (at: Date): string => at.toISOString().slice(0, 10).replace(/-/g, '');
/** TM of an instant, in UTC (HHMMSS). */
const dicomTime = (at: Date): string => at.toISOString().slice(11, 19).replace(/:/g, '');

/** DT of an instant, in UTC with its offset said (YYYYMMDDHHMMSS+0000). */
export const dicomDateTime = (at: Date): string => `${dicomDate(at)}${dicomTime(at)}+0000`;

/** Series, content and instance creation date and time of an object written at `now`. */
export function createdAt(now: Date): DcmjsNaturalDataSet {
  const [date, time] = [dicomDate(now), dicomTime(now)];
  return { SeriesDate: date, SeriesTime: time, ContentDate: date, ContentTime: time, InstanceCreationDate: date, InstanceCreationTime: time };
}

/** General Equipment of our writers: `version` names the writer and is raised when what it writes changes. */
export function equipmentOf(version: string): DcmjsNaturalDataSet {
  return { Manufacturer: 'Mejirushi', ManufacturerModelName: 'Mejirushi', DeviceSerialNumber: '0', SoftwareVersions: version };
}
