/**
 * Where a slide item's tiles come from. A TileSource answers (level, x, y) with the tile's bytes;
 * the usual one reads a tile pack (a ranged read of the pack blob, found in the in-memory index),
 * others may render tiles on demand (a generated demo slide). `TileSources` asks each lookup in
 * turn for an item's source and keeps the sources it found in a least-recently-used cache with
 * a memory budget, so a tile costs no database query once its slide is open: only a check, at most
 * once a second per item, that no other instance has rebuilt the slide since (RECHECK_MS).
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { TileFormat } from '../../src/core/item';
import { readWholeBlob, type BlobStore } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import { TileIndex } from './tileIndex';
import { tileVersionOf } from './tileVersion';

export interface Tile {
  readonly body: Readable | Uint8Array;
  readonly length: number;
  /** A strong validator: the same tag always names the same bytes. */
  readonly etag: string;
}

export interface TileSource {
  readonly tileFormat: TileFormat;
  /** SlideItem.tileVersion of the pyramid it serves. */
  readonly version: string;
  /** The tile, or null when (level, x, y) is outside the pyramid. */
  tile(level: number, x: number, y: number): Promise<Tile | null>;
  /** Memory it holds while cached (its index), in bytes. */
  readonly memoryBytes: number;
  /**
   * Whether the item still serves this pyramid: false once it was rebuilt, perhaps by another
   * server instance or the command line, which cannot tell this one. Absent: it is never rebuilt.
   */
  stillServed?(): Promise<boolean>;
}

/** The tile source of an item, or null when this lookup has none for it (not its kind of slide). */
export type TileSourceLookup = (itemId: string) => Promise<TileSource | null>;

/** Index memory kept for open slides: ~12 bytes a tile, so some 5 million tiles' worth. */
const DEFAULT_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * How often, at most, an item's cached source is checked against the database. A version the
 * cached source does not serve makes the item be looked up again at most this often (URLs naming
 * made-up versions cannot make the server reread a slide's index for each request); the version
 * it serves is confirmed still served at most this often, so a viewer left on a pyramid another
 * instance has replaced is refused within this long, at one small query per open slide a second.
 */
export const RECHECK_MS = 1_000;

export class TileSources {
  private readonly cache = new Map<string, Promise<TileSource | null>>();
  private readonly sizes = new Map<string, number>();
  /** Versions asked of a cached item that a fresh lookup found gone (kept while its source is cached). */
  private readonly superseded = new Map<string, Set<string>>();
  /** When each cached item was last looked up or confirmed still served, ms since 1970. */
  private readonly lookedUpAt = new Map<string, number>();
  /** Checks under way that an item's cached source is still served: one per item, whatever the tiles asked meanwhile. */
  private readonly confirming = new Map<string, Promise<TileSource | null>>();
  private held = 0;

  constructor(
    private readonly lookups: readonly TileSourceLookup[],
    private readonly budgetBytes = DEFAULT_BUDGET_BYTES,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The item's tile source, or null when it is no slide any lookup knows. */
  of(itemId: string): Promise<TileSource | null> {
    const cached = this.cache.get(itemId);
    if (cached) {
      this.cache.delete(itemId);
      this.cache.set(itemId, cached);
      return cached;
    }
    // One lookup per item even when a viewer asks for a screenful of its tiles at once.
    this.lookedUpAt.set(itemId, this.now().getTime());
    // Each outcome touches the cache only while this lookup is the item's entry (not forgotten meanwhile).
    const drop = () => {
      if (this.cache.get(itemId) !== pending) return;
      this.cache.delete(itemId);
      this.lookedUpAt.delete(itemId);
    };
    const pending: Promise<TileSource | null> = this.find(itemId).then(
      (source) => {
        if (!source) drop();
        else if (this.cache.get(itemId) === pending) this.hold(itemId, source.memoryBytes);
        return source;
      },
      (error: unknown) => {
        drop();
        throw error;
      },
    );
    this.cache.set(itemId, pending);
    return pending;
  }

  /**
   * The item's source, asked for tiles of pyramid `version`: the cached one when it serves that
   * version, the version is known gone or the item was looked up moments ago, else (another
   * server instance or the command line rebuilt the slide since this one cached it) the source of
   * a fresh lookup. Callers compare the answer's version with theirs: a tile of another version
   * is not the tile they named.
   */
  async ofVersion(itemId: string, version: string): Promise<TileSource | null> {
    const cached = await this.of(itemId);
    if (cached?.version === version) return this.confirmed(itemId, cached);
    if (!cached || this.superseded.get(itemId)?.has(version)) return cached;
    if (this.recent(itemId)) return cached;
    const gone = this.superseded.get(itemId) ?? new Set<string>();
    this.forget(itemId);
    const fresh = await this.of(itemId);
    if (fresh && fresh.version !== version && this.cache.has(itemId)) this.superseded.set(itemId, gone.add(version));
    return fresh;
  }

  /**
   * The cached source, or, when a check (at most once a RECHECK_MS per item) finds it no longer
   * served, the item's source looked up afresh. A failed check (the database away a moment) keeps
   * the cached source: an open slide goes on showing, and the next second checks again.
   */
  private confirmed(itemId: string, cached: TileSource): Promise<TileSource | null> {
    if (!cached.stillServed || this.recent(itemId)) return Promise.resolve(cached);
    const under = this.confirming.get(itemId);
    if (under) return under;
    this.lookedUpAt.set(itemId, this.now().getTime());
    const confirming = cached.stillServed().then(
      (served) => {
        if (served) return cached;
        this.forget(itemId);
        return this.of(itemId);
      },
      () => cached,
    );
    this.confirming.set(itemId, confirming);
    return confirming.finally(() => this.confirming.delete(itemId));
  }

  /** The item was looked up or confirmed less than RECHECK_MS ago. */
  private recent(itemId: string): boolean {
    return this.now().getTime() - (this.lookedUpAt.get(itemId) ?? 0) < RECHECK_MS;
  }

  /** Drops an item's source (its slide got a new tile pack); the next tile looks it up again. */
  forget(itemId: string): void {
    this.superseded.delete(itemId);
    this.lookedUpAt.delete(itemId);
    if (!this.cache.delete(itemId)) return;
    this.held -= this.sizes.get(itemId) ?? 0;
    this.sizes.delete(itemId);
  }

  private async find(itemId: string): Promise<TileSource | null> {
    for (const lookup of this.lookups) {
      const source = await lookup(itemId);
      if (source) return source;
    }
    return null;
  }

  private hold(itemId: string, bytes: number): void {
    this.sizes.set(itemId, bytes);
    this.held += bytes;
    for (const oldest of this.cache.keys()) {
      if (this.held <= this.budgetBytes || oldest === itemId) break;
      this.held -= this.sizes.get(oldest) ?? 0;
      this.sizes.delete(oldest);
      this.superseded.delete(oldest);
      this.lookedUpAt.delete(oldest);
      this.cache.delete(oldest);
    }
  }
}

const CONTENT_FORMATS: readonly TileFormat[] = ['jpeg', 'png'];

/** Slides imported into a tile pack (the `slides` table). */
export function packTileSources(db: Kysely<Database>, blobs: BlobStore): TileSourceLookup {
  return async (itemId) => {
    const row = await db
      .selectFrom('slides')
      .innerJoin('items', 'items.id', 'slides.item_id')
      .select(['slides.pack_sha256', 'slides.index_sha256', 'items.content'])
      .where('slides.item_id', '=', itemId)
      .executeTakeFirst();
    if (!row) return null;
    const tileFormat = (JSON.parse(row.content) as { tileFormat?: unknown }).tileFormat;
    if (!CONTENT_FORMATS.includes(tileFormat as TileFormat)) throw new Error(`slide ${itemId} has no tile format`);
    const index = TileIndex.decode(await readWholeBlob(blobs, row.index_sha256));
    const stillServed = async () => (await db.selectFrom('slides').select('pack_sha256').where('item_id', '=', itemId).executeTakeFirst())?.pack_sha256 === row.pack_sha256;
    return packTileSource(blobs, row.pack_sha256, index, tileFormat as TileFormat, stillServed);
  };
}

function packTileSource(blobs: BlobStore, packSha256: string, index: TileIndex, tileFormat: TileFormat, stillServed: () => Promise<boolean>): TileSource {
  return {
    tileFormat,
    version: tileVersionOf(packSha256),
    memoryBytes: index.byteSize,
    stillServed,
    async tile(level, x, y) {
      const span = index.find(level, x, y);
      if (!span) return null;
      const body = await blobs.read(packSha256, { start: span.offset, end: span.offset + span.length - 1 });
      return { body, length: span.length, etag: `"${packSha256.slice(0, 32)}-${level}-${x}-${y}"` };
    },
  };
}
