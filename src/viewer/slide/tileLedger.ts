/**
 * The eviction policy of the offline tile cache, as pure bookkeeping: which tiles are kept, in
 * the order they were last stored (oldest first), and which to drop to stay within a bound.
 * Every operation is O(1) per tile added or dropped (a Map keeps insertion order).
 */

export class TileLedger {
  /** Tile keys, oldest first; re-storing a tile makes it the newest. */
  private readonly keys = new Map<string, true>();

  /** `maxTiles`: how many tiles the cache may hold. */
  constructor(private readonly maxTiles: number) {
    if (!Number.isInteger(maxTiles) || maxTiles < 1) throw new RangeError(`maxTiles must be a positive integer, not ${maxTiles}`);
  }

  get size(): number {
    return this.keys.size;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /**
   * Notes a tile stored now and answers the keys to evict (oldest first) so the bound holds.
   * The answered keys are already forgotten here.
   */
  stored(key: string): string[] {
    this.keys.delete(key);
    this.keys.set(key, true);
    return this.dropOldest(this.keys.size - this.maxTiles);
  }

  /**
   * The cache refused a write (storage quota): forget and answer the oldest tenth (at least one)
   * to evict before trying once more. Never `exclude` (the tile being written).
   */
  makeRoom(exclude?: string): string[] {
    const count = Math.max(1, Math.ceil(this.keys.size / 10));
    return this.dropOldest(count, exclude);
  }

  forget(key: string): void {
    this.keys.delete(key);
  }

  private dropOldest(count: number, exclude?: string): string[] {
    const dropped: string[] = [];
    for (const key of this.keys.keys()) {
      if (dropped.length >= count) break;
      if (key !== exclude) dropped.push(key);
    }
    for (const key of dropped) this.keys.delete(key);
    return dropped;
  }
}
