/**
 * WADO-RS metadata of a stored instance (PS3.18 §8.7.2.2): every attribute of its data set as
 * DICOM JSON, pixel data as a BulkDataURI naming its frames. Read with dcmjs, which knows the VR
 * of every attribute of an implicit-VR file from its dictionary.
 */
import dcmjs from 'dcmjs';
import type { DicomInstanceMeta } from '../dicom/parse';
import { NATIVE_TRANSFER_SYNTAXES } from '../dicom/uids';
import { dataSetToDicomJson, type DcmjsAttribute, type DicomJson } from './dicomJson';

const PIXEL_DATA = '7FE00010';

export function instanceMetadata(file: Uint8Array, meta: DicomInstanceMeta, instanceUrl: string): DicomJson {
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
  // Stops before the pixel data: the frames are fetched on their own, never read here.
  const { dict } = dcmjs.data.DicomMessage.readFile(buffer, { untilTag: PIXEL_DATA, includeUntilTagValue: false, ignoreErrors: true });
  const { [PIXEL_DATA]: pixel, ...rest } = dict as Record<string, DcmjsAttribute>;
  const json = dataSetToDicomJson(rest);
  if (pixel !== undefined) {
    const frames = Array.from({ length: meta.numberOfFrames }, (_, i) => i + 1).join(',');
    const vr = NATIVE_TRANSFER_SYNTAXES.has(meta.transferSyntaxUid) && meta.bitsAllocated > 8 ? 'OW' : 'OB';
    json[PIXEL_DATA] = { vr, BulkDataURI: `${instanceUrl}/frames/${frames}` };
  }
  return json;
}
