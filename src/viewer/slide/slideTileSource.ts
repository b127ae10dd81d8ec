/**
 * An OpenSeadragon tile source over the served pyramid (see slidePyramid.ts for the level
 * mapping). Tiles come through `loadTile` (the page's loader: bearer header, offline cache)
 * rather than OpenSeadragon's own XHR, so the viewer never sees a URL or a token; a tile already
 * decoded (`takeDecoded`, see decodedTiles.ts) is handed over as it is, in the job's own task.
 */
import OpenSeadragon from 'openseadragon';
import type { SlideItem } from '../../core/item';
import { osdMaxLevel, slideLevelOf, tileGrid } from './slidePyramid';
import { TileLoadError, type LoadTile } from './tileLoadError';

/** A decoded tile of our level `level`, given away once (see DecodedTiles.take). */
export type TakeDecodedTile = (level: number, x: number, y: number) => Promise<ImageBitmap | null> | null;

interface JobData {
  aborted?: boolean;
}

export class SlideTileSource extends OpenSeadragon.TileSource {
  private readonly slide: SlideItem;
  private readonly itemId: string;
  private readonly loadTile: LoadTile;
  private readonly takeDecoded: TakeDecodedTile;

  constructor(itemId: string, slide: SlideItem, loadTile: LoadTile, takeDecoded: TakeDecodedTile = () => null) {
    const full = slide.levels[0];
    if (!full) throw new Error('A slide without levels cannot be shown');
    super({ width: full.width, height: full.height, tileSize: slide.tileSize, tileOverlap: 0, minLevel: 0, maxLevel: osdMaxLevel(slide) });
    this.slide = slide;
    this.itemId = itemId;
    this.loadTile = loadTile;
    this.takeDecoded = takeDecoded;
  }

  override getNumTiles(osdLevel: number): OpenSeadragon.Point {
    // From the served level sizes: OpenSeadragon's own count from the full size can differ by one edge tile.
    const [x, y] = tileGrid(this.slide, slideLevelOf(this.slide, osdLevel));
    return new OpenSeadragon.Point(x, y);
  }

  /** Not fetched by OpenSeadragon: the tile's identity (its pyramid's version included), which its cache keys on. */
  override getTileUrl(osdLevel: number, x: number, y: number): string {
    return `slide:${this.itemId}@${this.slide.tileVersion}/${slideLevelOf(this.slide, osdLevel)}/${x}/${y}`;
  }

  override downloadTileStart(job: OpenSeadragon.ImageJob): void {
    const data = job.userData as JobData;
    const level = slideLevelOf(this.slide, job.tile.level);
    const { x, y } = job.tile;
    const decoded = this.takeDecoded(level, x, y);
    if (!decoded) return this.load(job, level, x, y);
    void decoded.then((bitmap) => {
      if (!bitmap) this.load(job, level, x, y);
      else if (data.aborted) bitmap.close();
      else job.finish(bitmap, null, 'imageBitmap');
    });
  }

  private load(job: OpenSeadragon.ImageJob, level: number, x: number, y: number): void {
    const data = job.userData as JobData;
    this.loadTile(level, x, y).then(
      (tile) => {
        if (data.aborted) return;
        if (tile.size === 0) job.fail(new TileLoadError('server', 'empty tile').message, null);
        else job.finish(tile, null, 'rasterBlob');
      },
      (error: unknown) => {
        if (data.aborted) return;
        job.fail(error instanceof TileLoadError ? error.message : new TileLoadError('server', String(error)).message, null);
      },
    );
  }

  override downloadTileAbort(job: OpenSeadragon.ImageJob): void {
    // The fetch finishes on its own (its bytes may still be kept offline); OpenSeadragon just stops waiting.
    (job.userData as JobData).aborted = true;
  }
}
