/**
 * The demo slide's tile source: `renderDemoTile(level, x, y)` gives the JPEG the tile endpoint
 * serves, painted on first request and remembered in a bounded in-memory LRU and, when given a
 * folder, on disk up to a size bound (so a restart does not paint again). Nothing is painted at
 * start-up.
 */
import sharp from 'sharp';
import { DiskTileCache } from './diskTileCache';
import { DEMO_SLIDE_VERSION } from './layout';
import { demoTileBox, paintDemoTile, type TilePixels } from './render';

const JPEG_QUALITY = 85;

export interface DemoSlideTileOptions {
  /** Folder for tiles kept across restarts (e.g. `<data>/demo/slide-tiles`); absent: memory only. */
  readonly diskCacheDir?: string;
  /** Bytes of tiles kept in that folder at most, least recently used removed first (default DEFAULT_DEMO_TILE_CACHE_BYTES). */
  readonly diskCacheBytes?: number;
  /** Tiles kept in memory (about 15 KB each). */
  readonly memoryTiles?: number;
  /** Paints a tile's pixels; the server passes a DemoPaintPool's `paint` (threads), default: on this thread. */
  readonly paint?: (level: number, x: number, y: number) => Promise<TilePixels>;
}

export class DemoSlideTiles {
  private readonly memory = new Map<string, Buffer>();
  private readonly painting = new Map<string, Promise<Buffer>>();
  private readonly capacity: number;
  private readonly disk: DiskTileCache | null;
  private readonly paint: (level: number, x: number, y: number) => Promise<TilePixels>;

  constructor(options: DemoSlideTileOptions = {}) {
    this.capacity = options.memoryTiles ?? 2048;
    this.paint = options.paint ?? (async (level, x, y) => paintDemoTile(level, x, y));
    this.disk = options.diskCacheDir ? new DiskTileCache(options.diskCacheDir, options.diskCacheBytes) : null;
  }

  /** Tile (x, y) of `level` as JPEG; throws RangeError for a tile outside the slide. */
  async renderDemoTile(level: number, x: number, y: number): Promise<Buffer> {
    demoTileBox(level, x, y);
    const key = `${level}/${x}/${y}`;
    const cached = this.memory.get(key);
    if (cached) {
      // Re-inserting moves the key to the young end of the Map's order.
      this.memory.delete(key);
      this.memory.set(key, cached);
      return cached;
    }
    let pending = this.painting.get(key);
    if (!pending) {
      pending = this.load(level, x, y).finally(() => this.painting.delete(key));
      this.painting.set(key, pending);
    }
    const bytes = await pending;
    this.remember(key, bytes);
    return bytes;
  }

  private async load(level: number, x: number, y: number): Promise<Buffer> {
    // Tiles of older versions share the folder until the bound removes them.
    const path = `v${DEMO_SLIDE_VERSION}/${level}/${x}_${y}.jpg`;
    const stored = await this.disk?.get(path);
    if (stored) return stored;
    const pixels = await this.paint(level, x, y);
    const bytes = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } }).jpeg({ quality: JPEG_QUALITY }).toBuffer();
    await this.disk?.put(path, bytes);
    return bytes;
  }

  private remember(key: string, bytes: Buffer): void {
    this.memory.set(key, bytes);
    if (this.memory.size > this.capacity) this.memory.delete(this.memory.keys().next().value as string);
  }
}
