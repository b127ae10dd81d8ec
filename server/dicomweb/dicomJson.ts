/**
 * The DICOM JSON model (PS3.18 §F.2): attributes keyed by their tag as 8 upper-case hex digits,
 * each `{ vr, Value }`, binary values as a BulkDataURI or InlineBinary, person names as
 * `{ Alphabetic }`. Built here from what the database keeps of an instance (QIDO-RS) and from a
 * whole data set as dcmjs reads it (WADO-RS metadata).
 */

export interface DicomJsonAttribute {
  readonly vr: string;
  readonly Value?: readonly unknown[];
  readonly BulkDataURI?: string;
  readonly InlineBinary?: string;
}

export type DicomJson = Record<string, DicomJsonAttribute>;

/** One attribute; no values (`attribute('DA')`) is an attribute known to be empty. */
export function attribute(vr: string, ...values: readonly unknown[]): DicomJsonAttribute {
  const present = values.filter((value) => value !== null && value !== undefined && value !== '');
  return present.length === 0 ? { vr } : { vr, Value: present };
}

/** The attributes this server can match on or return, by keyword (PS3.6). */
export const TAGS = {
  SpecificCharacterSet: '00080005',
  StudyDate: '00080020',
  StudyTime: '00080030',
  AccessionNumber: '00080050',
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  Modality: '00080060',
  ModalitiesInStudy: '00080061',
  ReferringPhysicianName: '00080090',
  RetrieveURL: '00081190',
  StudyDescription: '00081030',
  SeriesDescription: '0008103E',
  AvailableTransferSyntaxUID: '00083002',
  PatientName: '00100010',
  PatientID: '00100020',
  PatientBirthDate: '00100030',
  PatientSex: '00100040',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  StudyID: '00200010',
  SeriesNumber: '00200011',
  InstanceNumber: '00200013',
  ImagePositionPatient: '00200032',
  ImageOrientationPatient: '00200037',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
  PhotometricInterpretation: '00280004',
  NumberOfFrames: '00280008',
  Rows: '00280010',
  Columns: '00280011',
  PixelSpacing: '00280030',
  BitsAllocated: '00280100',
} as const;

export type Keyword = keyof typeof TAGS;

/** A QIDO key as a tag: its keyword, or the tag itself in hex; null for one this server does not know. */
export function tagOf(key: string): string | null {
  if (key in TAGS) return TAGS[key as Keyword];
  return /^[0-9A-Fa-f]{8}$/.test(key) ? key.toUpperCase() : null;
}

/**
 * Keeps the attributes a level returns by default (PS3.18 Table 10.6.3-3…5) plus those named by
 * `includefield` (`all` keeps every attribute known).
 */
export function selectFields(all: DicomJson, defaults: ReadonlySet<string>, includeFields: readonly string[]): DicomJson {
  if (includeFields.includes('all')) return all;
  const wanted = new Set(defaults);
  for (const field of includeFields) for (const key of field.split(',')) {
    const tag = tagOf(key.trim());
    if (tag) wanted.add(tag);
  }
  return Object.fromEntries(Object.entries(all).filter(([tag]) => wanted.has(tag)));
}

/** Binary VRs: never inline in metadata but for the few short ones (PS3.18 §F.2.7). */
const BINARY_VRS: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

/** Binary values up to this length are written inline (base64); longer ones are left out. */
const INLINE_BINARY_BYTES = 1024;

/** One attribute of a data set as dcmjs reads it (`DicomMessage.readFile(...).dict`). */
export interface DcmjsAttribute {
  readonly vr: string;
  readonly Value?: readonly unknown[];
}

/**
 * A data set read by dcmjs, as DICOM JSON. Long binary values are left out (PS3.18 allows it; the
 * pixel data is added as a BulkDataURI by the caller, who knows the frames' URL).
 */
export function dataSetToDicomJson(dict: Readonly<Record<string, DcmjsAttribute>>): DicomJson {
  const json: DicomJson = {};
  for (const [tag, element] of Object.entries(dict)) {
    const key = tag.toUpperCase();
    const { vr } = element;
    const values = element.Value ?? [];
    if (vr === 'SQ') {
      json[key] = values.length === 0 ? { vr } : { vr, Value: values.map((item) => dataSetToDicomJson(item as Record<string, DcmjsAttribute>)) };
    } else if (BINARY_VRS.has(vr)) {
      const bytes = binaryLength(values);
      if (bytes <= INLINE_BINARY_BYTES) json[key] = bytes === 0 ? { vr } : { vr, InlineBinary: inlineBinary(values) };
    } else if (vr === 'PN') {
      json[key] = attribute(vr, ...values.map(personName));
    } else {
      json[key] = attribute(vr, ...values);
    }
  }
  return json;
}

/** dcmjs gives person names as strings or as `{ Alphabetic, Ideographic, Phonetic }`. */
function personName(value: unknown): unknown {
  return typeof value === 'string' ? (value === '' ? null : { Alphabetic: value }) : value;
}

function binaryLength(values: readonly unknown[]): number {
  return values.reduce<number>((sum, value) => sum + (value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? value.byteLength : 0), 0);
}

function inlineBinary(values: readonly unknown[]): string {
  const buffers = values.map((value) => (value instanceof ArrayBuffer ? Buffer.from(value) : ArrayBuffer.isView(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.alloc(0)));
  return Buffer.concat(buffers).toString('base64');
}
