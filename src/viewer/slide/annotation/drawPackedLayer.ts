/**
 * One frame of a read-only outline layer: as the document is drawn (density raster, dots,
 * simplified outlines, one path per class) but straight from its typed arrays.
 */
import { densityRaster } from './densityRaster';
import type { FrameStats } from './drawDocument';
import { DOT_SIZE, OUTLINE_WIDTH, PATH_BATCH } from './drawDocument';
import { detailFor, drawsDensity } from './levelOfDetail';
import { rgbOf } from '../../annotation/outlineStyle';
import type { PackedLayerIndex } from './packedLayerIndex';
import type { FrameView, Paint, RasterSink } from './paintTarget';
import { tracePackedRing } from './tracePath';

export function drawPackedLayer(paint: Paint, raster: RasterSink, index: PackedLayerIndex, view: FrameView): FrameStats {
  const { classes, classIndex } = index.polygons;
  const colors = classes.length > 0 ? classes.map((c) => c.color) : ['#00bcd4'];
  if (drawsDensity(index.grid.countIn(view.box))) {
    const image = densityRaster(index.grid, view.box, colors.map(rgbOf), []);
    raster(image.pixels, image.cols, image.rows, image.imageBox);
    return { mode: 'density', outlines: 0, dots: 0 };
  }
  const paths: number[][] = colors.map(() => []);
  const dots: number[][] = colors.map(() => []);
  const { boxes } = index;
  index.search(view.box, (i) => {
    const k = Math.min(classIndex[i] ?? 0, colors.length - 1);
    const at = i * 4;
    const width = (boxes[at + 2] as number) - (boxes[at] as number);
    const height = (boxes[at + 3] as number) - (boxes[at + 1] as number);
    (detailFor(width, height, view.scale) === 'dot' ? dots : paths)[k]?.push(i);
  });
  let outlineCount = 0;
  let dotCount = 0;
  const { a, b, c, d, e, f } = view.transform;
  paint.lineWidth = OUTLINE_WIDTH;
  paint.setLineDash([]);
  paths.forEach((bucket, k) => {
    if (bucket.length === 0) return;
    paint.strokeStyle = colors[k] as string;
    paint.beginPath();
    bucket.forEach((i, n) => {
      tracePackedRing(paint, index.polygons.coords, index.polygons.starts[i] as number, index.polygons.starts[i + 1] as number, view);
      if ((n + 1) % PATH_BATCH === 0) {
        paint.stroke();
        paint.beginPath();
      }
    });
    paint.stroke();
    outlineCount += bucket.length;
  });
  dots.forEach((bucket, k) => {
    if (bucket.length === 0) return;
    paint.fillStyle = colors[k] as string;
    for (const i of bucket) {
      const x = index.centreX(i);
      const y = index.centreY(i);
      paint.fillRect(a * x + c * y + e - DOT_SIZE / 2, b * x + d * y + f - DOT_SIZE / 2, DOT_SIZE, DOT_SIZE);
    }
    dotCount += bucket.length;
  });
  return { mode: 'outlines', outlines: outlineCount, dots: dotCount };
}
