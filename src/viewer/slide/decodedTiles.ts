/**
 * The home view's tiles decoded as they arrive, handed to OpenSeadragon ready to draw. Given a
 * tile's bytes, OpenSeadragon sends them to its conversion worker, waits for the ImageBitmap to
 * come back through the page's task queue, and only then counts the tile loaded; its jobs start
 * on its update frames, at most `imageLoaderLimit` at a time. While the app starts, that queue is
 * busy, so each of those steps waited behind the app's tasks (wsi-tiles bench: 70–170 ms from the
 * tiles' bytes in to drawn). Decoded while the app starts (the browser decodes off the main thread),
 * a tile's job finishes in the task that starts it: no round trip, no queue behind the job limit.
 *
 * Each bitmap is handed over once (the view's cache keeps it; the navigator, added later, loads its
 * own copy through the loader). Whatever nobody took is closed when the first screen is drawn or
 * the viewer goes.
 */
import type { TileAddress } from './tilePrefetch';

/** Decodes like OpenSeadragon's own blob → ImageBitmap conversion, so the pixels are the same. */
const DECODE_OPTIONS: ImageBitmapOptions = { colorSpaceConversion: 'none' };

export type DecodeTile = (tile: Blob) => Promise<ImageBitmap>;

const browserDecode: DecodeTile = (tile) => createImageBitmap(tile, DECODE_OPTIONS);

export class DecodedTiles {
  private readonly ready = new Map<string, ImageBitmap>();
  private closed = false;

  constructor(private readonly decode: DecodeTile = browserDecode) {}

  /** Decodes `tile` once its bytes are in; a failure only leaves the tile to the loader. */
  add({ level, x, y }: TileAddress, tile: Promise<Blob>): void {
    tile
      .then((bytes) => (this.closed ? null : this.decode(bytes)))
      .then(
        (bitmap) => {
          if (!bitmap) return;
          if (this.closed) bitmap.close();
          else this.ready.set(keyOf(level, x, y), bitmap);
        },
        () => undefined,
      );
  }

  /** The tile's bitmap if it is decoded and nobody took it yet; the caller owns it from now on. */
  take(level: number, x: number, y: number): ImageBitmap | null {
    const key = keyOf(level, x, y);
    const bitmap = this.ready.get(key);
    if (!bitmap) return null;
    this.ready.delete(key);
    return bitmap;
  }

  /** Frees what was not taken; later decodes are dropped. */
  close(): void {
    this.closed = true;
    for (const bitmap of this.ready.values()) bitmap.close();
    this.ready.clear();
  }
}

function keyOf(level: number, x: number, y: number): string {
  return `${level}/${x}/${y}`;
}
