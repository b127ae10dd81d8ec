/**
 * Small images as DICOM Part 10 for pixel tests, built with dcmjs: any native layout (8/16 bits,
 * one or three samples, either planar configuration, several frames), an odd number of bytes
 * padded as the standard says, or a compressed transfer syntax named (its bytes are not real).
 */
import dcmjs from 'dcmjs';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../nativePixels';

export const US_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.6.1';
export const US_MULTIFRAME_STORAGE = '1.2.840.10008.5.1.4.1.1.3.1';
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

export interface PixelDicomSpec {
  readonly rows: number;
  readonly columns: number;
  readonly frames?: number;
  readonly samplesPerPixel?: 1 | 3;
  readonly planarConfiguration?: 0 | 1;
  readonly bitsAllocated?: 8 | 16;
  readonly signed?: boolean;
  readonly photometric?: string;
  readonly modality?: string;
  readonly sopClass?: string;
  readonly burnedInAnnotation?: 'YES' | 'NO';
  readonly transferSyntax?: string;
  /** Stored values in file order (frames, then planes or interleaved samples). */
  readonly pixels: Uint8Array | Uint16Array | Int16Array;
  readonly patientName?: string;
}

const text = (vr: string, ...values: unknown[]) => ({ vr, Value: values });

export function pixelDicom(spec: PixelDicomSpec): Uint8Array<ArrayBuffer> {
  const samples = spec.samplesPerPixel ?? 1;
  const bits = spec.bitsAllocated ?? 8;
  const sopClass = spec.sopClass ?? US_IMAGE_STORAGE;
  const uid = '1.2.826.0.1.3680043.10.778.1';
  const raw = new Uint8Array(spec.pixels.buffer, spec.pixels.byteOffset, spec.pixels.byteLength);
  // Odd lengths are padded to even with one zero byte (PS3.5 7.1.1).
  const padded = new Uint8Array(raw.byteLength + (raw.byteLength % 2));
  padded.set(raw);
  const file = new dcmjs.data.DicomDict({
    '00020001': text('OB', new Uint8Array([0, 1]).buffer),
    '00020002': text('UI', sopClass),
    '00020003': text('UI', uid),
    '00020010': text('UI', spec.transferSyntax ?? EXPLICIT_VR_LITTLE_ENDIAN),
    '00020012': text('UI', '1.2.826.0.1.3680043.10.778.9'),
  });
  file.dict = {
    '00080016': text('UI', sopClass),
    '00080018': text('UI', uid),
    '00080060': text('CS', spec.modality ?? 'US'),
    '00100010': text('PN', { Alphabetic: spec.patientName ?? 'PIXEL^PATIENT' }),
    '00100020': text('LO', 'PIXELID-1'),
    '0020000D': text('UI', '1.2.826.0.1.3680043.10.778.2'),
    '0020000E': text('UI', '1.2.826.0.1.3680043.10.778.3'),
    '00280002': text('US', samples),
    '00280004': text('CS', spec.photometric ?? (samples === 3 ? 'RGB' : 'MONOCHROME2')),
    ...(samples === 3 ? { '00280006': text('US', spec.planarConfiguration ?? 0) } : {}),
    ...(spec.frames !== undefined ? { '00280008': text('IS', spec.frames) } : {}),
    '00280010': text('US', spec.rows),
    '00280011': text('US', spec.columns),
    '00280100': text('US', bits),
    '00280101': text('US', bits),
    '00280102': text('US', bits - 1),
    '00280103': text('US', spec.signed ? 1 : 0),
    ...(spec.burnedInAnnotation ? { '00280301': text('CS', spec.burnedInAnnotation) } : {}),
    '7FE00010': text(bits === 8 ? 'OB' : 'OW', padded.buffer),
  };
  return new Uint8Array(file.write());
}
