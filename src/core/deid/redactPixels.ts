/**
 * Blacks out rectangles in native pixel data, in every frame: burned-in text on ultrasound cine
 * and endoscopy video sits in the same place frame after frame. "Black" is what the photometric
 * interpretation shows darkest: the lowest stored value for MONOCHROME2, the highest for
 * MONOCHROME1, zero for RGB, and Y = 0 with neutral chroma for YBR_FULL.
 */
import type { PixelLayout } from './nativePixels';
import { frameBytes } from './nativePixels';

/** A region to black out, in image px (origin top-left, x along columns), integers. */
export interface RedactionBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The box cut to the image; null when nothing of it is inside. */
export function clampBox(box: RedactionBox, layout: Pick<PixelLayout, 'rows' | 'columns'>): RedactionBox | null {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(layout.columns, Math.ceil(box.x + box.width));
  const y1 = Math.min(layout.rows, Math.ceil(box.y + box.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** The stored value of "black" for each sample of a pixel. */
export function blackSamples(layout: PixelLayout): number[] {
  const { bitsStored, signed, photometric } = layout;
  const lowest = signed ? -(2 ** (bitsStored - 1)) : 0;
  const highest = signed ? 2 ** (bitsStored - 1) - 1 : 2 ** bitsStored - 1;
  switch (photometric) {
    case 'MONOCHROME1':
      return [highest];
    case 'MONOCHROME2':
      return [lowest];
    case 'RGB':
      return [0, 0, 0];
    case 'YBR_FULL':
      return [0, 2 ** (bitsStored - 1), 2 ** (bitsStored - 1)];
  }
}

/** Writes black into every box of every frame of `data` (changed in place); returns the boxes as cut to the image. */
export function redactPixels(data: Uint8Array, layout: PixelLayout, boxes: readonly RedactionBox[]): RedactionBox[] {
  const cut = boxes.map((box) => clampBox(box, layout)).filter((box): box is RedactionBox => box !== null);
  const bytesPerSample = layout.bitsAllocated / 8;
  const pixelsPerFrame = layout.rows * layout.columns;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const black = blackSamples(layout);
  // Stored values are little endian, in bitsAllocated bits (two's complement when signed).
  const write = (offset: number, value: number) => (bytesPerSample === 1 ? view.setUint8(offset, value & 0xff) : view.setUint16(offset, value & 0xffff, true));
  for (let frame = 0; frame < layout.frames; frame++) {
    const frameStart = frame * frameBytes(layout);
    for (const box of cut) {
      for (let row = box.y; row < box.y + box.height; row++) {
        for (let column = box.x; column < box.x + box.width; column++) {
          const pixel = row * layout.columns + column;
          for (let sample = 0; sample < layout.samplesPerPixel; sample++) {
            const index = layout.planarConfiguration === 1 ? sample * pixelsPerFrame + pixel : pixel * layout.samplesPerPixel + sample;
            write(frameStart + index * bytesPerSample, black[sample]!);
          }
        }
      }
    }
  }
  return cut;
}
