/**
 * One frame of the open document's outlines: the density raster when very many are in view,
 * else the outlines the R-tree finds in view, batched into one path per class and look (solid,
 * proposal) so Canvas2D strokes a few paths, not one per outline; outlines smaller than a few
 * screen px as dots. The selection is drawn last, whole, over everything.
 */
import type { Shape } from '../../../core/annotation';
import type { ConfidenceThresholds } from '../../../core/proposalFilter';
import { densityRaster } from './densityRaster';
import type { DocumentOutlines } from './documentOutlines';
import { detailFor, drawsDensity } from './levelOfDetail';
import { lookOf, rgbOf } from '../../annotation/outlineStyle';
import type { FrameView, Paint, RasterSink } from './paintTarget';
import { toScreen } from './paintTarget';
import { traceGeometry } from './tracePath';

export interface FrameStats {
  readonly mode: 'density' | 'outlines';
  /** Outlines drawn as paths. */
  readonly outlines: number;
  readonly dots: number;
}

/**
 * CSS px: outline stroke, dot side, selection stroke. Outlines are 1 px wide: Skia strokes
 * 1-px lines on its hairline path, ~7× faster in software than 1.5 px (900 outlines: 15 vs
 * 100 ms, bench/wsi-overlay); the selection, a few outlines, is drawn thicker.
 */
export const OUTLINE_WIDTH = 1;
export const DOT_SIZE = 2.5;
const SELECTED_WIDTH = 3;
const PROPOSAL_DASH = [6, 4];
/**
 * Outlines stroked per path. One path per class would be fewest calls, but Skia's software
 * stroker slows down far more than linearly on one path of thousands of overlapping rings
 * (bench/wsi-overlay: 900 outlines in one path ~90 ms, in paths of 64 a few ms).
 */
export const PATH_BATCH = 64;

const size = new Float64Array(4);

/**
 * Draws the document's outlines in view. Proposals under their question's confidence threshold are
 * left out of the outlines drawn; the density view, zoomed far out, still counts them.
 */
export function drawDocument(paint: Paint, raster: RasterSink, outlines: DocumentOutlines, view: FrameView, selection: ReadonlySet<string>, thresholds: ConfidenceThresholds): FrameStats {
  const { palette, store, targetId } = outlines;
  const inView = outlines.grid.countIn(view.box);
  let stats: FrameStats;
  if (drawsDensity(inView)) {
    const image = densityRaster(outlines.grid, view.box, palette.colors.map(rgbOf), []);
    raster(image.pixels, image.cols, image.rows, image.imageBox);
    stats = { mode: 'density', outlines: 0, dots: 0 };
  } else {
    // Per class slot, two buckets: solid (2k) and proposal (2k + 1).
    const paths: Shape[][] = Array.from({ length: palette.size * 2 }, () => []);
    const dots: number[][] = Array.from({ length: palette.size }, () => []);
    let outlineCount = 0;
    let dotCount = 0;
    for (const record of store.recordsIn(targetId, view.box)) {
      if (record.type !== 'shape' || selection.has(record.id) || !outlines.sizeInto(record.id, size)) continue;
      const look = lookOf(record, thresholds);
      if (look === 'hidden') continue;
      const k = palette.index(record.classCode);
      if (record.geometry.type === 'point' || detailFor(size[2] as number, size[3] as number, view.scale) === 'dot') {
        const [sx, sy] = toScreen(view, [size[0] as number, size[1] as number]);
        (dots[k] as number[]).push(sx, sy);
        dotCount += 1;
      } else {
        (paths[2 * k + (look === 'proposal' ? 1 : 0)] as Shape[]).push(record);
        outlineCount += 1;
      }
    }
    paint.lineWidth = OUTLINE_WIDTH;
    paths.forEach((bucket, slot) => {
      if (bucket.length === 0) return;
      paint.strokeStyle = palette.colors[slot >> 1] as string;
      paint.setLineDash(slot % 2 === 1 ? PROPOSAL_DASH : []);
      paint.beginPath();
      bucket.forEach((shape, i) => {
        traceGeometry(paint, shape.geometry, view);
        if ((i + 1) % PATH_BATCH === 0) {
          paint.stroke();
          paint.beginPath();
        }
      });
      paint.stroke();
    });
    paint.setLineDash([]);
    dots.forEach((bucket, k) => {
      if (bucket.length === 0) return;
      paint.fillStyle = palette.colors[k] as string;
      for (let i = 0; i < bucket.length; i += 2) paint.fillRect((bucket[i] as number) - DOT_SIZE / 2, (bucket[i + 1] as number) - DOT_SIZE / 2, DOT_SIZE, DOT_SIZE);
    });
    stats = { mode: 'outlines', outlines: outlineCount, dots: dotCount };
  }
  drawSelection(paint, outlines, view, selection);
  return stats;
}

/** The selected outlines in full, a white halo under the class colour, visible at any zoom. */
function drawSelection(paint: Paint, outlines: DocumentOutlines, view: FrameView, selection: ReadonlySet<string>): void {
  for (const id of selection) {
    const record = outlines.store.get(id);
    if (record?.type !== 'shape' || record.targetId !== outlines.targetId || lookOf(record) === 'hidden') continue;
    const color = outlines.palette.color(record.classCode);
    paint.setLineDash(lookOf(record) === 'proposal' ? PROPOSAL_DASH : []);
    paint.beginPath();
    traceGeometry(paint, record.geometry, view);
    const box = outlines.boxOf(id);
    if (box && (record.geometry.type === 'point' || detailFor(box.maxX - box.minX, box.maxY - box.minY, view.scale) === 'dot')) {
      const [sx, sy] = toScreen(view, [(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2]);
      paint.moveTo(sx + 6, sy);
      paint.arc(sx, sy, 6, 0, 2 * Math.PI);
    }
    paint.strokeStyle = '#ffffff';
    paint.lineWidth = SELECTED_WIDTH + 2;
    paint.stroke();
    paint.strokeStyle = color;
    paint.lineWidth = SELECTED_WIDTH;
    paint.stroke();
  }
  paint.setLineDash([]);
}
