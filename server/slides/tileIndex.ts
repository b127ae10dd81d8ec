/**
 * The index blob of a tile pack: for every tile of every level, where its bytes lie in the pack
 * blob. Binary and small (12 bytes a tile: a 40,000-tile slide has a 480 KB index), read whole
 * into memory once per slide, then each lookup is O(1).
 *
 * Layout (little-endian): "MJTI", u32 version (1), u32 level count, then per level u32 columns,
 * u32 rows; then for every tile, level by level, row by row: f64 offset, u32 length.
 */
const MAGIC = 0x49544a4d; // "MJTI" read as a little-endian u32
const VERSION = 1;
const TILE_BYTES = 12;

export interface LevelGrid {
  readonly columns: number;
  readonly rows: number;
}

/** Where a tile lies in the pack blob: bytes [offset, offset + length). */
export interface TileSpan {
  readonly offset: number;
  readonly length: number;
}

export class TileIndex {
  /** Index of each level's first tile in the flat tile list. */
  private readonly firstTile: readonly number[];

  private constructor(
    readonly grids: readonly LevelGrid[],
    private readonly offsets: Float64Array,
    private readonly lengths: Uint32Array,
  ) {
    let next = 0;
    this.firstTile = grids.map((grid) => {
      const first = next;
      next += grid.columns * grid.rows;
      return first;
    });
  }

  static fromSpans(grids: readonly LevelGrid[], spans: readonly TileSpan[]): TileIndex {
    const offsets = new Float64Array(spans.length);
    const lengths = new Uint32Array(spans.length);
    spans.forEach((span, i) => {
      offsets[i] = span.offset;
      lengths[i] = span.length;
    });
    if (spans.length !== tileCount(grids)) throw new Error(`a tile index of ${tileCount(grids)} tiles got ${spans.length} spans`);
    return new TileIndex(grids, offsets, lengths);
  }

  static decode(bytes: Uint8Array): TileIndex {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error('not a tile index');
    if (view.getUint32(4, true) !== VERSION) throw new Error(`tile index version ${view.getUint32(4, true)} is not known`);
    const levelCount = view.getUint32(8, true);
    const grids: LevelGrid[] = [];
    for (let level = 0; level < levelCount; level += 1) {
      grids.push({ columns: view.getUint32(12 + level * 8, true), rows: view.getUint32(16 + level * 8, true) });
    }
    const start = 12 + levelCount * 8;
    const count = tileCount(grids);
    if (bytes.byteLength !== start + count * TILE_BYTES) throw new Error('tile index is truncated');
    const offsets = new Float64Array(count);
    const lengths = new Uint32Array(count);
    for (let i = 0; i < count; i += 1) {
      offsets[i] = view.getFloat64(start + i * TILE_BYTES, true);
      lengths[i] = view.getUint32(start + i * TILE_BYTES + 8, true);
    }
    return new TileIndex(grids, offsets, lengths);
  }

  encode(): Uint8Array {
    const start = 12 + this.grids.length * 8;
    const bytes = new Uint8Array(start + this.offsets.length * TILE_BYTES);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, VERSION, true);
    view.setUint32(8, this.grids.length, true);
    this.grids.forEach((grid, level) => {
      view.setUint32(12 + level * 8, grid.columns, true);
      view.setUint32(16 + level * 8, grid.rows, true);
    });
    for (let i = 0; i < this.offsets.length; i += 1) {
      view.setFloat64(start + i * TILE_BYTES, this.offsets[i] as number, true);
      view.setUint32(start + i * TILE_BYTES + 8, this.lengths[i] as number, true);
    }
    return bytes;
  }

  /** The tile's span, or null when (level, x, y) is outside the pyramid. */
  find(level: number, x: number, y: number): TileSpan | null {
    const grid = this.grids[level];
    if (!grid || !Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= grid.columns || y >= grid.rows) return null;
    const i = (this.firstTile[level] as number) + y * grid.columns + x;
    return { offset: this.offsets[i] as number, length: this.lengths[i] as number };
  }

  /** Bytes the index holds in memory (for the cache's budget). */
  get byteSize(): number {
    return this.offsets.byteLength + this.lengths.byteLength;
  }
}

function tileCount(grids: readonly LevelGrid[]): number {
  return grids.reduce((sum, grid) => sum + grid.columns * grid.rows, 0);
}

/** The tile grid of a level `width`×`height` px cut into `tileSize` squares (edge tiles smaller). */
export function gridOf(width: number, height: number, tileSize: number): LevelGrid {
  return { columns: Math.ceil(width / tileSize), rows: Math.ceil(height / tileSize) };
}
