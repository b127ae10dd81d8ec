/**
 * A large multi-frame DICOM file written to disk frame by frame, never held whole: a Multi-frame
 * Grayscale Word Secondary Capture (16-bit, explicit VR little endian) with a patient's name, IDs
 * and dates to de-identify. The header is written by dcmjs; the Pixel Data element (OW, its length
 * known from the frame count) is appended as bytes, frame after frame.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import dcmjs from 'dcmjs';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../../src/core/deid/nativePixels';

const MULTIFRAME_GRAYSCALE_WORD_SC = '1.2.840.10008.5.1.4.1.1.7.3';
const text = (vr: string, ...values: unknown[]) => ({ vr, Value: values });

export interface LargeDicom {
  readonly bytes: number;
  readonly frames: number;
}

/** Frames of `side`² 16-bit samples, as many as fit in about `megabytes` MB. */
export async function writeLargeMultiFrame(path: string, megabytes: number, side = 512): Promise<LargeDicom> {
  const frameBytes = side * side * 2;
  const frames = Math.max(1, Math.round((megabytes * 1e6) / frameBytes));
  const uid = '1.2.826.0.1.3680043.10.778.500';
  const file = new dcmjs.data.DicomDict({
    '00020001': text('OB', new Uint8Array([0, 1]).buffer),
    '00020002': text('UI', MULTIFRAME_GRAYSCALE_WORD_SC),
    '00020003': text('UI', uid),
    '00020010': text('UI', EXPLICIT_VR_LITTLE_ENDIAN),
    '00020012': text('UI', '1.2.826.0.1.3680043.10.778.9'),
  });
  file.dict = {
    '00080016': text('UI', MULTIFRAME_GRAYSCALE_WORD_SC),
    '00080018': text('UI', uid),
    '00080020': text('DA', '20240315'),
    '00080060': text('CS', 'OT'),
    '00080064': text('CS', 'WSD'),
    '00080030': text('TM', '101500'),
    '00080050': text('SH', 'PHIACC-0099'),
    '00080070': text('LO', 'Mejirushi bench'),
    '00080080': text('LO', 'PHI Memorial Hospital'),
    '00080090': text('PN', { Alphabetic: 'REFERRER^PHI' }),
    '00100010': text('PN', { Alphabetic: 'YAMADA^TARO' }),
    '00100020': text('LO', 'PHIID-4711'),
    '00100030': text('DA', '19600101'),
    '00100040': text('CS', 'M'),
    '0020000D': text('UI', '1.2.826.0.1.3680043.10.778.501'),
    '0020000E': text('UI', '1.2.826.0.1.3680043.10.778.502'),
    '00200010': text('SH', 'PHISTUDY'),
    '00200011': text('IS', 1),
    '00200013': text('IS', 1),
    '00200020': { vr: 'CS', Value: [] },
    '00200060': { vr: 'CS', Value: [] },
    '00280002': text('US', 1),
    '00280004': text('CS', 'MONOCHROME2'),
    '00280008': text('IS', frames),
    // Frames told apart by a label each (the SC multi-frame module's pointer, PS3.3 C.8.6.3).
    '00280009': text('AT', 0x00182002),
    '00182002': { vr: 'SH', Value: Array.from({ length: frames }, (_, f) => `F${f + 1}`) },
    '00280301': text('CS', 'NO'),
    '00281052': text('DS', 0),
    '00281053': text('DS', 1),
    '00281054': text('LO', 'US'),
    '20500020': text('CS', 'IDENTITY'),
    '00280010': text('US', side),
    '00280011': text('US', side),
    '00280100': text('US', 16),
    '00280101': text('US', 12),
    '00280102': text('US', 11),
    '00280103': text('US', 0),
  };
  const header = new Uint8Array(file.write());
  // (7FE0,0010) OW, two reserved bytes, a 32-bit length: explicit VR little endian (PS3.5 7.1.2).
  const element = Buffer.alloc(12);
  element.writeUInt16LE(0x7fe0, 0);
  element.writeUInt16LE(0x0010, 2);
  element.write('OW', 4, 'latin1');
  element.writeUInt32LE(frames * frameBytes, 8);

  const out = createWriteStream(path);
  const write = async (chunk: Uint8Array) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(header);
  await write(element);
  const frame = new Uint16Array(side * side);
  for (let f = 0; f < frames; f += 1) {
    // A ramp shifted per frame: frames differ, values stay within 12 bits.
    for (let i = 0; i < frame.length; i += 1) frame[i] = (i + f * 17) & 0x0fff;
    await write(new Uint8Array(frame.buffer.slice(0)));
  }
  out.end();
  await once(out, 'finish');
  return { bytes: header.byteLength + element.byteLength + frames * frameBytes, frames };
}
