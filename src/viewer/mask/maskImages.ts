/**
 * Tinted images of masks for the overlay, decoded from runs only for what is drawn and kept in a
 * small least-recently-used cache: paging back and forth redraws without decoding again, and a
 * series with hundreds of outlined slices never holds more than `capacity` decoded images
 * (a full labelmap per slice and class would double the series' memory).
 */

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

/**
 * A labelmap being edited (a stroke's working copy), tinted: repainted on every pointer move into
 * one kept canvas and pixel buffer, so a stroke allocates nothing per move.
 */
export class LabelsImage {
  private canvas: HTMLCanvasElement | null = null;
  private pixels: ImageData | null = null;

  of(labels: Uint8Array, width: number, height: number, color: string): HTMLCanvasElement {
    if (!this.canvas || !this.pixels || this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas = document.createElement('canvas');
      this.canvas.width = width;
      this.canvas.height = height;
      this.pixels = new ImageData(width, height);
    }
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas context');
    paint(this.pixels.data, color, (write) => {
      for (let i = 0; i < labels.length; i++) if (labels[i]) write(i);
    });
    context.putImageData(this.pixels, 0, 0);
    return this.canvas;
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
