/**
 * Checks NumberOfFrames against the bytes present before anything works frame by frame: a 69 KB
 * file claiming 2,000,000 frames is refused here, not expanded into a 2,000,000-slice item.
 * Native pixel data must hold exactly the declared frames (plus one byte of even-length padding);
 * encapsulated pixel data needs at least one fragment per frame, and an offset table, when it has
 * one, must list every frame.
 */
import type { DataSet, Element } from 'dicom-parser';
import type { ImportRefusalCode } from '../../src/core/api';
import { NATIVE_TRANSFER_SYNTAXES } from './uids';
import { nativeFrameBytes, nativePixelBytes, pixelDataElement } from './values';

export type FrameRefusal = { readonly ok: false; readonly reason: string; readonly code?: ImportRefusalCode };

/** One frame decoded may take no more than this (a 16k × 8k 16-bit image); larger ones are slides. */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

export function checkFrames(ds: DataSet, transferSyntaxUid: string, frames: number): FrameRefusal | null {
  const pixel = pixelDataElement(ds);
  if (!pixel) return null;
  const frameBytes = nativeFrameBytes(ds);
  if (frameBytes !== null && frameBytes > MAX_FRAME_BYTES) {
    return { ok: false, reason: `its image is larger than one frame may be (${Math.round(frameBytes / 2 ** 20)} MiB decoded; at most ${MAX_FRAME_BYTES / 2 ** 20} MiB)` };
  }
  return NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUid) ? checkNative(ds, pixel.length, frames) : checkEncapsulated(pixel, frames);
}

function checkNative(ds: DataSet, found: number, frames: number): FrameRefusal | null {
  const expected = nativePixelBytes(ds);
  const frameBytes = nativeFrameBytes(ds);
  if (expected === null || frameBytes === null) return null;
  if (found < expected) {
    const whole = Math.floor(found / frameBytes);
    if (frames > 1 && whole >= 1) return framesMissing(frames, whole);
    return { ok: false, reason: `truncated pixel data: expected ${expected} bytes, found ${found}` };
  }
  if (found > expected + (expected % 2)) {
    return {
      ok: false,
      reason: `its pixel data holds ${found} bytes, but ${plural(frames, 'frame')} of the declared size take ${expected}: the frames cannot be found`,
      code: 'framesMissing',
    };
  }
  return null;
}

function checkEncapsulated(pixel: Element, frames: number): FrameRefusal | null {
  const fragments = pixel.fragments?.length ?? 0;
  if (fragments === 0) return { ok: false, reason: 'its compressed pixel data holds no image', code: 'framesMissing' };
  if (frames > fragments) return framesMissing(frames, fragments);
  const offsets = pixel.basicOffsetTable?.length ?? 0;
  if (offsets > 0 && offsets !== frames) {
    return {
      ok: false,
      reason: `it declares ${plural(frames, 'frame')} but its offset table lists ${plural(offsets, 'frame')}`,
      code: 'framesMissing',
    };
  }
  return null;
}

function framesMissing(declared: number, present: number): FrameRefusal {
  return {
    ok: false,
    reason: `it declares ${plural(declared, 'frame')} (NumberOfFrames) but holds image data for at most ${present}`,
    code: 'framesMissing',
  };
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
