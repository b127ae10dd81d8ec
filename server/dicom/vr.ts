/** DICOM value representations used by the reader and the writer (PS3.5 §6.2). */

export type DicomVr =
  | 'AE' | 'AS' | 'AT' | 'CS' | 'DA' | 'DS' | 'DT' | 'FD' | 'FL' | 'IS' | 'LO' | 'LT' | 'OB' | 'OD'
  | 'OF' | 'OL' | 'OV' | 'OW' | 'PN' | 'SH' | 'SL' | 'SQ' | 'SS' | 'ST' | 'SV' | 'TM' | 'UC' | 'UI'
  | 'UL' | 'UN' | 'UR' | 'US' | 'UT' | 'UV';

/** VRs whose explicit-VR length field is 4 bytes, after 2 reserved bytes. */
export const LONG_LENGTH_VRS: ReadonlySet<string> = new Set<DicomVr>([
  'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV',
]);
