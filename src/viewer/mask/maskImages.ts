/**
 * Tinted images of masks for the overlay, decoded from runs only for what is drawn and kept in a
 * small least-recently-used cache: paging back and forth redraws without decoding again, and a
 * series with hundreds of outlined slices never holds more than `capacity` decoded images
 * (a full labelmap per slice and class would double the series' memory).
 */
import type { PixelRect } from '../../core/masks/labelmap';

/** `#rrggbb` → [r, g, b]. */
function rgb(color: string): readonly [number, number, number] {
  const value = Number.parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Writes `color` into `data` (RGBA) where the runs or `labels` are set; clears it elsewhere. */
function paint(data: Uint8ClampedArray, color: string, set: (write: (index: number) => void) => void): void {
  const [r, g, b] = rgb(color);
  data.fill(0);
  set((i) => {
    data[i * 4] = r;
    data[i * 4 + 1] = g;
    data[i * 4 + 2] = b;
    data[i * 4 + 3] = 255;
  });
}

function canvasOf(width: number, height: number, color: string, set: (write: (index: number) => void) => void): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas context');
  const image = context.createImageData(width, height);
  paint(image.data, color, set);
  context.putImageData(image, 0, 0);
  return canvas;
}

/** `color` opaque, as one 32-bit pixel of an ImageData's buffer (in the platform's byte order). */
function packedPixel(color: string): number {
  const [r, g, b] = rgb(color);
  return new Uint32Array(Uint8ClampedArray.of(r, g, b, 255).buffer)[0]!;
}

/**
 * A labelmap being edited (a stroke's working copy), tinted, into one canvas and pixel buffer kept
 * for the stroke, so a stroke allocates nothing per move. The labelmap is written in place during
 * the stroke: once this array has been drawn whole, a move repaints and uploads only the rectangle
 * the stroke has touched (`touched`), not the whole slice. Between strokes `release` lets them go.
 */
export class LabelsImage {
  private canvas: HTMLCanvasElement | null = null;
  private pixels: ImageData | null = null;
  /** What the canvas shows whole: the labelmap array and its colour. */
  private drawn: { readonly labels: Uint8Array; readonly color: string } | null = null;

  /** `touched`: where `labels` may have changed since it was last drawn here (absent: anywhere). */
  of(labels: Uint8Array, width: number, height: number, color: string, touched?: PixelRect | null): HTMLCanvasElement {
    if (!this.canvas || !this.pixels || this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas = document.createElement('canvas');
      this.canvas.width = width;
      this.canvas.height = height;
      this.pixels = new ImageData(width, height);
      this.drawn = null;
    }
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas context');
    const whole = touched === undefined || this.drawn?.labels !== labels || this.drawn.color !== color;
    const rect = whole ? { left: 0, top: 0, right: width - 1, bottom: height - 1 } : touched;
    if (!rect) return this.canvas;
    const words = new Uint32Array(this.pixels.data.buffer);
    const pixel = packedPixel(color);
    for (let row = rect.top; row <= rect.bottom; row++) {
      for (let i = row * width + rect.left, end = row * width + rect.right; i <= end; i++) words[i] = labels[i] ? pixel : 0;
    }
    context.putImageData(this.pixels, 0, 0, rect.left, rect.top, rect.right - rect.left + 1, rect.bottom - rect.top + 1);
    this.drawn = { labels, color };
    return this.canvas;
  }

  /**
   * Lets go of the canvas, the RGBA buffer and the last stroke's labelmap (2.25 MiB for a 512²
   * slice, half of it canvas memory). The next stroke brings a new labelmap array, which `of`
   * draws whole anyway: only the allocation comes back.
   */
  release(): void {
    this.canvas = null;
    this.pixels = null;
    this.drawn = null;
  }
}

export class MaskImageCache {
  /** Keyed by the record's runs: a record's runs never change in place, a new version brings new ones. */
  private readonly entries = new Map<readonly number[], { readonly color: string; readonly image: HTMLCanvasElement }>();

  constructor(private readonly capacity = 4) {}

  get size(): number {
    return this.entries.size;
  }

  image(runs: readonly number[], width: number, height: number, color: string): HTMLCanvasElement {
    const cached = this.entries.get(runs);
    if (cached && cached.color === color) {
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      this.entries.delete(runs);
      this.entries.set(runs, cached);
      return cached.image;
    }
    const image = canvasOf(width, height, color, (write) => {
      let offset = 0;
      runs.forEach((run, i) => {
        if (i % 2 === 1) for (let j = offset; j < offset + run; j++) write(j);
        offset += run;
      });
    });
    this.entries.set(runs, { color, image });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return image;
  }
}
