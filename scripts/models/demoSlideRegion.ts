/**
 * A region of the demo slide as a model reads it (RGBA at one pyramid level), stitched from the
 * painter's own tiles, with the nuclei painted into it: the ground truth for the pathology model.
 */
import type { Point } from '../../src/core/annotation';
import type { ModelInput } from '../../src/core/models/modelInput';
import { DEMO_SLIDE_MICRONS_PER_PIXEL, DEMO_SLIDE_TILE } from '../../server/demo/slide/layout';
import { demoNuclei } from '../../server/demo/slide/nuclei';
import { paintDemoTile } from '../../server/demo/slide/render';

export interface DemoRegion {
  readonly input: Extract<ModelInput, { kind: 'rgbaImage' }>;
  /** Centroids (level-0 px) of the nuclei lying wholly inside the region. */
  readonly nuclei: readonly Point[];
}

/** Demo tiles [tileX, tileX + across) × [tileY, tileY + down) of `level`. */
export function demoSlideRegion(level: number, tileX: number, tileY: number, across: number, down: number): DemoRegion {
  const width = across * DEMO_SLIDE_TILE;
  const height = down * DEMO_SLIDE_TILE;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let ty = 0; ty < down; ty += 1) {
    for (let tx = 0; tx < across; tx += 1) {
      const tile = paintDemoTile(level, tileX + tx, tileY + ty);
      for (let y = 0; y < tile.height; y += 1) {
        for (let x = 0; x < tile.width; x += 1) {
          const from = (y * tile.width + x) * 3;
          rgba.set([tile.data[from]!, tile.data[from + 1]!, tile.data[from + 2]!, 255], ((ty * DEMO_SLIDE_TILE + y) * width + tx * DEMO_SLIDE_TILE + x) * 4);
        }
      }
    }
  }
  const scale = 2 ** level;
  const origin: Point = [tileX * DEMO_SLIDE_TILE * scale, tileY * DEMO_SLIDE_TILE * scale];
  const { coords, starts } = demoNuclei().polygons;
  const nuclei: Point[] = [];
  for (let n = 0; n + 1 < starts.length; n += 1) {
    let [minX, minY, maxX, maxY, sumX, sumY] = [Infinity, Infinity, -Infinity, -Infinity, 0, 0];
    for (let v = starts[n]!; v < starts[n + 1]!; v += 1) {
      const [x, y] = [coords[2 * v]!, coords[2 * v + 1]!];
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
      sumX += x;
      sumY += y;
    }
    const inside = minX >= origin[0] && minY >= origin[1] && maxX <= origin[0] + width * scale && maxY <= origin[1] + height * scale;
    const count = starts[n + 1]! - starts[n]!;
    if (inside) nuclei.push([sumX / count, sumY / count]);
  }
  return {
    input: { kind: 'rgbaImage', targetId: 'demo-slide', width, height, rgba, origin, scale, micronsPerPixel: DEMO_SLIDE_MICRONS_PER_PIXEL * scale },
    nuclei,
  };
}
