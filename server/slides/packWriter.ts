/**
 * The usual PyramidWriter: tiles are appended to a temporary file as they come (memory holds only
 * their spans), then the file goes into the blob store as one pack blob, and the spans as one
 * index blob. A slide of 40,000 tiles is two blobs, not 40,000.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { BlobStore, StoredBlob } from '../blobs/blobStore';
import type { WorkDir, WorkDirs } from '../workDirs/workDirs';
import type { PyramidShape, PyramidWriter } from './pyramidWriter';
import { gridOf, TileIndex, type TileSpan } from './tileIndex';

export interface StoredPack {
  readonly pack: StoredBlob;
  readonly index: StoredBlob;
}

export class PackWriter implements PyramidWriter {
  private readonly spans = new Map<string, TileSpan>();
  private size = 0;

  private constructor(
    private readonly dir: WorkDir,
    private readonly file: FileHandle,
  ) {}

  static async create(workDirs: WorkDirs): Promise<PackWriter> {
    const dir = await workDirs.workDir('pack');
    return new PackWriter(dir, await open(join(dir.path, 'pack'), 'w'));
  }

  async put(level: number, x: number, y: number, bytes: Uint8Array): Promise<void> {
    const key = `${level}/${x}/${y}`;
    if (this.spans.has(key)) throw new Error(`tile ${key} was written twice`);
    if (bytes.byteLength === 0) throw new Error(`tile ${key} is empty`);
    this.spans.set(key, { offset: this.size, length: bytes.byteLength });
    this.size += bytes.byteLength;
    await this.file.write(bytes);
  }

  /**
   * Stores the pack and its index; every tile of `shape` must have been written. `signal` aborting
   * while the pack streams into the store leaves no blob (a failed put keeps nothing); once the
   * pack is stored, the small index follows regardless, so a pack is never stored without it.
   */
  async finish(blobs: BlobStore, shape: PyramidShape, signal?: AbortSignal): Promise<StoredPack> {
    const grids = shape.levels.map((level) => gridOf(level.width, level.height, shape.tileSize));
    const spans: TileSpan[] = [];
    grids.forEach((grid, level) => {
      for (let y = 0; y < grid.rows; y += 1) {
        for (let x = 0; x < grid.columns; x += 1) {
          const span = this.spans.get(`${level}/${x}/${y}`);
          if (!span) throw new Error(`tile ${level}/${x}/${y} of the pyramid was not written`);
          spans.push(span);
        }
      }
    });
    if (spans.length !== this.spans.size) throw new Error(`${this.spans.size - spans.length} tile(s) outside the pyramid were written`);
    await this.file.close();
    signal?.throwIfAborted();
    const pack = await blobs.put(createReadStream(join(this.dir.path, 'pack'), { signal }));
    const index = await blobs.put(Readable.from([TileIndex.fromSpans(grids, spans).encode()]));
    return { pack, index };
  }

  /** Removes the temporary file; call always, after finish or on failure. */
  async dispose(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await this.dir.release();
  }
}
