/**
 * The demo slide's painted tiles on disk, bounded in bytes: past the bound the least recently
 * used tiles are removed. The index (path → size, oldest first) is built once from the folder,
 * ordered by modification time, then kept from this process's own reads and writes, so no
 * request scans the folder. Tiles are written under a temporary name and renamed, so a reader
 * never sees half a tile; a tile removed while being read is simply painted again.
 */
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** 512 MiB: a few tens of thousands of demo tiles (about 15 KB each), a fraction of the slide. */
export const DEFAULT_DEMO_TILE_CACHE_BYTES = 512 * 1024 * 1024;

const TEMPORARY = /\.tmp$/;

export class DiskTileCache {
  /** Relative path → bytes, in use order: the first key is the one evicted next. */
  private readonly sizes = new Map<string, number>();
  private total = 0;
  private indexed: Promise<void> | null = null;

  constructor(
    private readonly root: string,
    /** Bytes of tiles kept at most. */
    readonly maxBytes: number = DEFAULT_DEMO_TILE_CACHE_BYTES,
  ) {
    if (!(maxBytes >= 0)) throw new RangeError(`a tile cache bound must be a number of bytes, got ${maxBytes}`);
  }

  /** Bytes of tiles the index holds now. */
  get bytes(): number {
    return this.total;
  }

  /** The tile stored under `path` (relative to the folder), or null. */
  async get(path: string): Promise<Buffer | null> {
    await this.index();
    const bytes = await readFile(join(this.root, path)).catch(() => null);
    if (bytes) this.note(path, bytes.length);
    return bytes;
  }

  /** Stores a tile, then removes the least recently used ones while the folder is over its bound. */
  async put(path: string, bytes: Uint8Array): Promise<void> {
    await this.index();
    const target = join(this.root, path);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
    this.note(path, bytes.length);
    await this.evict();
  }

  private note(path: string, size: number): void {
    this.total += size - (this.sizes.get(path) ?? 0);
    // Re-inserting moves the path to the young end of the Map's order.
    this.sizes.delete(path);
    this.sizes.set(path, size);
  }

  private async evict(): Promise<void> {
    const doomed: string[] = [];
    // The index is updated before any file goes, so concurrent puts never pick the same victims.
    for (const [path, size] of this.sizes) {
      if (this.total <= this.maxBytes) break;
      this.sizes.delete(path);
      this.total -= size;
      doomed.push(path);
    }
    await Promise.all(doomed.map((path) => unlink(join(this.root, path)).catch(() => undefined)));
  }

  private index(): Promise<void> {
    this.indexed ??= this.scan();
    return this.indexed;
  }

  /** Tiles left by earlier runs (older versions' too), oldest first. */
  private async scan(): Promise<void> {
    const names = await readdir(this.root, { recursive: true }).catch(() => [] as string[]);
    const found: { path: string; size: number; at: number }[] = [];
    for (const name of names) {
      if (TEMPORARY.test(name)) continue;
      const info = await stat(join(this.root, name)).catch(() => null);
      if (info?.isFile()) found.push({ path: name, size: info.size, at: info.mtimeMs });
    }
    found.sort((a, b) => a.at - b.at);
    for (const { path, size } of found) if (!this.sizes.has(path)) this.note(path, size);
    await this.evict();
  }
}
