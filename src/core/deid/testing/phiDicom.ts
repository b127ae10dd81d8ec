/**
 * PHI-laden DICOM files for tests, built with dcmjs: a small CT series whose every identifying
 * attribute carries a distinctive string (PHI_STRINGS), including a Japanese name (ISO_IR 192),
 * a private attribute, and a name and a UID nested in a sequence. Tests look for each of those
 * strings wherever data may land.
 */
import dcmjs, { type DcmjsDataSet } from 'dcmjs';

const ORIGINAL_ROOT = '1.2.826.0.1.3680043.10.777';
export const PHI_UIDS = {
  study: `${ORIGINAL_ROOT}.1`,
  series: `${ORIGINAL_ROOT}.2`,
  frameOfReference: `${ORIGINAL_ROOT}.3`,
  referencedImage: `${ORIGINAL_ROOT}.4`,
  instance: (index: number) => `${ORIGINAL_ROOT}.100${index}`,
} as const;

/** Every identifying string the files hold; none may reach the server once de-identified. */
export const PHI_STRINGS = [
  'PHIFAMILY',
  'PHIGIVEN',
  '山田',
  '花子',
  'PHIID-4711',
  '19450817',
  'PHIACC-0099',
  'PHI Memorial Hospital',
  'PHIDOCTOR',
  'PHIOTHERID',
  'PHIPRIVATE-SECRET',
  'PHINESTED',
  'PHIOPERATOR',
  'PHISTATION',
  PHI_UIDS.study,
  PHI_UIDS.series,
  PHI_UIDS.referencedImage,
] as const;

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const SIZE = 16;

const text = (vr: string, ...values: unknown[]) => ({ vr, Value: values });

/** Slice `index` (0-based) of the PHI series: 16 × 16 signed 16-bit pixels; `edit` changes its data set before it is written. */
export function phiCtSlice(index: number, edit?: (dataSet: DcmjsDataSet) => void): Uint8Array<ArrayBuffer> {
  const pixels = new Int16Array(SIZE * SIZE).map((_, i) => i - 100 + index);
  const meta: DcmjsDataSet = {
    '00020001': text('OB', new Uint8Array([0, 1]).buffer),
    '00020002': text('UI', CT_IMAGE_STORAGE),
    '00020003': text('UI', PHI_UIDS.instance(index)),
    '00020010': text('UI', EXPLICIT_VR_LITTLE_ENDIAN),
    '00020012': text('UI', '1.2.826.0.1.3680043.10.777.9'),
    '00020016': text('AE', 'PHISTATION'),
  };
  const file = new dcmjs.data.DicomDict(meta);
  file.dict = {
    '00080005': text('CS', 'ISO_IR 192'),
    '00080016': text('UI', CT_IMAGE_STORAGE),
    '00080018': text('UI', PHI_UIDS.instance(index)),
    '00080020': text('DA', '20240115'),
    '00080030': text('TM', '101500'),
    '00080050': text('SH', 'PHIACC-0099'),
    '00080060': text('CS', 'CT'),
    '00080080': text('LO', 'PHI Memorial Hospital'),
    '00080090': text('PN', { Alphabetic: 'PHIDOCTOR^Referring' }),
    '00081010': text('SH', 'PHISTATION'),
    '00081030': text('LO', 'Head CT of PHIFAMILY'),
    '0008103E': text('LO', 'Axial brain'),
    '00081070': text('PN', { Alphabetic: 'PHIOPERATOR^Op' }),
    '00081140': text('SQ', {
      '00081150': text('UI', CT_IMAGE_STORAGE),
      '00081155': text('UI', PHI_UIDS.referencedImage),
      '00100010': text('PN', { Alphabetic: 'PHINESTED^Name' }),
    }),
    '00090010': text('LO', 'ACME PHI 1.0'),
    '00091001': text('LO', 'PHIPRIVATE-SECRET'),
    '00100010': text('PN', { Alphabetic: 'PHIFAMILY^PHIGIVEN', Ideographic: '山田^花子' }),
    '00100020': text('LO', 'PHIID-4711'),
    '00100030': text('DA', '19450817'),
    '00100040': text('CS', 'F'),
    '00101010': text('AS', '078Y'),
    '00101002': text('SQ', { '00100020': text('LO', 'PHIOTHERID'), '00100022': text('CS', 'TEXT') }),
    '0020000D': text('UI', PHI_UIDS.study),
    '0020000E': text('UI', PHI_UIDS.series),
    '00200010': text('SH', 'PHIACC-0099'),
    '00200013': text('IS', index + 1),
    '00200032': text('DS', -8, -8, index * 5),
    '00200037': text('DS', 1, 0, 0, 0, 1, 0),
    '00200052': text('UI', PHI_UIDS.frameOfReference),
    '00280002': text('US', 1),
    '00280004': text('CS', 'MONOCHROME2'),
    '00280010': text('US', SIZE),
    '00280011': text('US', SIZE),
    '00280030': text('DS', 0.5, 0.5),
    '00280100': text('US', 16),
    '00280101': text('US', 16),
    '00280102': text('US', 15),
    '00280103': text('US', 1),
    '7FE00010': text('OW', pixels.buffer),
  };
  edit?.(file.dict);
  return new Uint8Array(file.write());
}
