/**
 * A region of a slide as a model input: RGBA pixels at the resolution the model asks for
 * (`wsiTiling.micronsPerPixel`), assembled from the served tile pyramid, with `origin` + `scale`
 * mapping them back to level-0 px (item = origin + pixel × scale). The whole slide is a sequence
 * of such regions, one tile group each, so its proposals stream in group by group. The plan is
 * pure; `readSlideRegion` draws it with createImageBitmap + OffscreenCanvas (a browser or worker).
 */
import type { Box } from '../core/bounds';
import type { SlideItem } from '../core/item';
import type { ModelManifest } from '../core/models/manifest';
import type { ModelInput } from '../core/models/modelInput';
import type { RunInput } from './runController';

export interface RegionTile {
  readonly level: number;
  readonly x: number;
  readonly y: number;
  /** Where the tile's top-left lands in the output, and its size there (output px). */
  readonly dx: number;
  readonly dy: number;
  readonly scale: number;
}

export interface RegionPlan {
  /** The region, clipped to the slide (level-0 px). */
  readonly box: Box;
  readonly level: number;
  readonly width: number;
  readonly height: number;
  /** Level-0 px per output px. */
  readonly scale: number;
  /** Absent when the slide does not record its µm per pixel. */
  readonly micronsPerPixel?: number;
  readonly tiles: readonly RegionTile[];
}

/** The model's tiling step, or an error a person can act on when it has none. */
export function wsiTilingOf(manifest: ModelManifest): Extract<ModelManifest['preprocess'][number], { op: 'wsiTiling' }> {
  const step = manifest.preprocess.find((s) => s.op === 'wsiTiling');
  if (!step || step.op !== 'wsiTiling') throw new Error(`model ${manifest.id} does not read slides in tiles (its manifest has no wsiTiling step)`);
  return step;
}

/**
 * Which tiles of which level make up `box` at `micronsPerPixel`: the coarsest level still at least
 * as fine as asked (never enlarged past the scan), scaled down to the asked resolution.
 */
export function planSlideRegion(slide: SlideItem, box: Box, micronsPerPixel: number): RegionPlan {
  if (!slide.micronsPerPixel) throw new Error('the slide does not record its µm per pixel, so a model cannot read it at its resolution');
  const slideMpp = (slide.micronsPerPixel[0] + slide.micronsPerPixel[1]) / 2;
  return planSlideRegionAt(slide, box, micronsPerPixel / slideMpp);
}

/**
 * `box` read at `scale` level-0 px per output px (never enlarged past the scan): a click-prompt reads
 * the slide at the zoom the person sees it, whether or not the slide records its µm per pixel.
 */
export function planSlideRegionAt(slide: SlideItem, box: Box, requestedScale: number): RegionPlan {
  const level0 = slide.levels[0];
  if (!level0) throw new Error('the slide has no levels');
  const clipped: Box = { minX: Math.max(0, Math.floor(box.minX)), minY: Math.max(0, Math.floor(box.minY)), maxX: Math.min(level0.width, Math.ceil(box.maxX)), maxY: Math.min(level0.height, Math.ceil(box.maxY)) };
  if (clipped.maxX <= clipped.minX || clipped.maxY <= clipped.minY) throw new Error('the region lies outside the slide');
  const scale = Math.max(requestedScale, 1);
  let level = 0;
  slide.levels.forEach((l, i) => {
    if (l.downsample <= scale && l.downsample > (slide.levels[level]?.downsample ?? 1)) level = i;
  });
  const { downsample } = slide.levels[level] ?? level0;
  const size = slide.tileSize;
  const tiles: RegionTile[] = [];
  const firstX = Math.floor(clipped.minX / downsample / size);
  const lastX = Math.floor((clipped.maxX - 1) / downsample / size);
  const firstY = Math.floor(clipped.minY / downsample / size);
  const lastY = Math.floor((clipped.maxY - 1) / downsample / size);
  for (let y = firstY; y <= lastY; y++) {
    for (let x = firstX; x <= lastX; x++) {
      tiles.push({ level, x, y, dx: (x * size * downsample - clipped.minX) / scale, dy: (y * size * downsample - clipped.minY) / scale, scale: downsample / scale });
    }
  }
  const width = Math.ceil((clipped.maxX - clipped.minX) / scale);
  const height = Math.ceil((clipped.maxY - clipped.minY) / scale);
  const mpp = slide.micronsPerPixel ? ((slide.micronsPerPixel[0] + slide.micronsPerPixel[1]) / 2) * scale : undefined;
  return { box: clipped, level, width, height, scale, micronsPerPixel: mpp, tiles };
}

/** Tiles of the model per side of one region of a whole-slide run: its proposals arrive per group. */
export const TILES_PER_GROUP = 4;

/** The whole slide as regions of one tile group each (level-0 px), row by row. */
export function wholeSlideRegions(slide: SlideItem, manifest: ModelManifest): Box[] {
  const tiling = wsiTilingOf(manifest);
  const level0 = slide.levels[0];
  if (!level0 || !slide.micronsPerPixel) throw new Error('the slide does not record its µm per pixel, so a model cannot read it at its resolution');
  const scale = Math.max(tiling.micronsPerPixel / ((slide.micronsPerPixel[0] + slide.micronsPerPixel[1]) / 2), 1);
  const side = Math.ceil(tiling.tileSize * TILES_PER_GROUP * scale);
  const boxes: Box[] = [];
  for (let y = 0; y < level0.height; y += side) {
    for (let x = 0; x < level0.width; x += side) boxes.push({ minX: x, minY: y, maxX: Math.min(x + side, level0.width), maxY: Math.min(y + side, level0.height) });
  }
  return boxes;
}

/** A tile's image bytes (the slide page's loader: server, then the offline copy). */
export type LoadTileBlob = (level: number, x: number, y: number) => Promise<Blob>;

/** Draws a plan into RGBA pixels (browser or worker: createImageBitmap + OffscreenCanvas). */
export async function readSlideRegion(itemId: string, plan: RegionPlan, loadTile: LoadTileBlob): Promise<ModelInput> {
  const canvas = new OffscreenCanvas(plan.width, plan.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw off screen');
  // Slide background where no tile lies (a sparse pyramid's gaps are white too).
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, plan.width, plan.height);
  await Promise.all(
    plan.tiles.map(async (tile) => {
      const bitmap = await createImageBitmap(await loadTile(tile.level, tile.x, tile.y));
      context.drawImage(bitmap, tile.dx, tile.dy, bitmap.width * tile.scale, bitmap.height * tile.scale);
      bitmap.close();
    }),
  );
  const { data } = context.getImageData(0, 0, plan.width, plan.height);
  return { kind: 'rgbaImage', targetId: itemId, width: plan.width, height: plan.height, rgba: data, origin: [plan.box.minX, plan.box.minY], scale: plan.scale, micronsPerPixel: plan.micronsPerPixel };
}

/** Run inputs for these regions of a slide, each read when the run reaches it. */
export function slideRegionInputs(itemId: string, slide: SlideItem, manifest: ModelManifest, boxes: readonly Box[], loadTile: LoadTileBlob): RunInput[] {
  const { micronsPerPixel } = wsiTilingOf(manifest);
  return boxes.map((box) => {
    const plan = planSlideRegion(slide, box, micronsPerPixel);
    return { read: () => readSlideRegion(itemId, plan, loadTile), covered: { targetId: itemId, box: plan.box } };
  });
}
