/**
 * Reading and writing whole DICOM objects with dcmjs. Some files in the wild carry no preamble
 * and no File Meta group (a bare implicit-VR little-endian data set from byte 0, as old RT
 * systems write them); dcmjs reads only Part 10, so such a file gets a meta group put in front.
 */
import dcmjs, { type DcmjsDataSet, type DcmjsNaturalDataSet } from 'dcmjs';

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** Our implementation's class UID, under the 2.25 (UUID) root. */
const IMPLEMENTATION_CLASS_UID = '2.25.293845609251287283542146327061098402551';

function hasPart10Header(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && String.fromCharCode(bytes[128]!, bytes[129]!, bytes[130]!, bytes[131]!) === 'DICM';
}

/**
 * A bare data set looks like one when it starts with a group 0008 tag (little endian), as every
 * composite object's first attributes (Specific Character Set, Image Type, SOP Class…) are.
 */
function looksLikeBareDataSet(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x08 && bytes[1] === 0x00;
}

function metaOf(sopClassUid: string, sopInstanceUid: string, transferSyntax: string): DcmjsDataSet {
  return dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: transferSyntax,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: 'MEJIRUSHI',
  });
}

/** The data set of a DICOM file (Part 10, or a bare implicit-VR data set), naturalized; throws on anything else. */
export function readDicom(bytes: Uint8Array): DcmjsNaturalDataSet {
  return readDicomFile(bytes).dataSet;
}

/** `readDicom`'s data set with the transfer syntax its bytes are in (what says whether pixels are native). */
export function readDicomFile(bytes: Uint8Array): { readonly dataSet: DcmjsNaturalDataSet; readonly transferSyntaxUid: string } {
  let part10: Uint8Array = bytes;
  if (!hasPart10Header(bytes)) {
    if (!looksLikeBareDataSet(bytes)) throw new Error('not a DICOM file: no DICM header and no data set at its start');
    const header = new Uint8Array(new dcmjs.data.DicomDict(metaOf('', '', IMPLICIT_VR_LITTLE_ENDIAN)).write());
    part10 = new Uint8Array(header.length + bytes.length);
    part10.set(header);
    part10.set(bytes, header.length);
  }
  const buffer = part10.buffer.slice(part10.byteOffset, part10.byteOffset + part10.byteLength) as ArrayBuffer;
  const file = dcmjs.data.DicomMessage.readFile(buffer);
  const meta = dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.meta);
  return { dataSet: dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict), transferSyntaxUid: textOf(meta.TransferSyntaxUID) };
}

/** A Part 10 file (explicit VR little endian) of a naturalized data set, which must name its SOP class and instance. */
export function writeDicom(dataSet: DcmjsNaturalDataSet): Uint8Array<ArrayBuffer> {
  const dict = new dcmjs.data.DicomDict(metaOf(String(dataSet.SOPClassUID), String(dataSet.SOPInstanceUID), EXPLICIT_VR_LITTLE_ENDIAN));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataSet);
  return new Uint8Array(dict.write());
}

/** The items of a sequence as naturalized (dcmjs gives one item as the item itself). */
export function itemsOf(value: unknown): DcmjsNaturalDataSet[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as DcmjsNaturalDataSet[];
}

/** The numbers of a multi-valued numeric attribute (DS/IS come as numbers or strings). */
export function numbersOf(value: unknown): number[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(Number);
}

/** A single text value, trimmed; '' when absent. */
export function textOf(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' || typeof first === 'number' ? String(first).trim() : '';
}

/** The bytes of an OB/OW attribute (dcmjs gives them as one ArrayBuffer in an array), or null. */
export function bytesOf(value: unknown): Uint8Array | null {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return first instanceof ArrayBuffer ? new Uint8Array(first) : null;
}
