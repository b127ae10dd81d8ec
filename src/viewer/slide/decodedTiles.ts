/**
 * The home view's tiles decoded as they arrive (in the early tile worker, else here), handed to
 * OpenSeadragon ready to draw. Given a
 * tile's bytes, OpenSeadragon sends them to its conversion worker and waits for the ImageBitmap to
 * come back through the page's task queue before it counts the tile loaded. While the app starts
 * that queue is busy, and each tile waited there once more after its job was answered (wsi-tiles
 * bench: 12–60 ms per tile from the job's answer to `tile-loaded`). Decoded as the bytes arrive,
 * during the app's start (the browser decodes off the main thread), a tile's job finishes as soon
 * as the job and the bitmap are both there; only the drawer's own copy is left (`tile-loaded`
 * within 1 ms of the answer). The job no longer waits for the page's loader either: the app's
 * loader, which takes over at adoption, answered the early script's bytes 50–110 ms after the job
 * asked.
 *
 * Each bitmap is handed over once (the view's cache keeps it; the navigator, added later, loads its
 * own copy through the loader). Whatever nobody took is closed when the first screen is drawn or
 * the viewer goes.
 */
import { TILE_DECODE_OPTIONS } from '../../early/tileWorkerMessages';
import type { TileAddress } from './tilePrefetch';

export type DecodeTile = (tile: Blob) => Promise<ImageBitmap>;

const browserDecode: DecodeTile = (tile) => createImageBitmap(tile, TILE_DECODE_OPTIONS);

export class DecodedTiles {
  private readonly pending = new Map<string, Promise<ImageBitmap | null>>();
  private closed = false;

  constructor(private readonly decode: DecodeTile = browserDecode) {}

  /** Decodes `tile` once its bytes are in. */
  add({ level, x, y }: TileAddress, tile: Promise<Blob>): void {
    if (this.closed) return;
    const bitmap = tile.then((bytes) => (this.closed ? null : this.decode(bytes))).catch(() => null);
    this.pending.set(keyOf(level, x, y), bitmap);
  }

  /** `tile` decoded elsewhere (the early tile worker: src/early/tileWorker.ts); null where that failed. */
  addDecoded({ level, x, y }: TileAddress, bitmap: Promise<ImageBitmap | null>): void {
    if (this.closed) void bitmap.then((unwanted) => unwanted?.close());
    else this.pending.set(keyOf(level, x, y), bitmap);
  }

  /** Tiles added and not taken yet (decoded or on their way). */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * The tile's bitmap, once decoded (null where its bytes or its decode failed: the loader then
   * has it), if it was added and nobody took it yet; the caller owns the bitmap.
   */
  take(level: number, x: number, y: number): Promise<ImageBitmap | null> | null {
    const key = keyOf(level, x, y);
    const bitmap = this.pending.get(key);
    if (!bitmap) return null;
    this.pending.delete(key);
    return bitmap;
  }

  /** Frees what was not taken, now or once decoded. */
  close(): void {
    this.closed = true;
    for (const bitmap of this.pending.values()) void bitmap.then((decoded) => decoded?.close());
    this.pending.clear();
  }
}

function keyOf(level: number, x: number, y: number): string {
  return `${level}/${x}/${y}`;
}
