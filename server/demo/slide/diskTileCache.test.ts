import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskTileCache } from './diskTileCache';

const tile = (size: number, fill: number) => new Uint8Array(size).fill(fill);

/** Tile files under the folder, temporary files included. */
function filesIn(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.includes('.')).sort();
}

describe('DiskTileCache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mj-tile-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps tiles under its byte bound, removing the least recently used first', async () => {
    const cache = new DiskTileCache(dir, 3000);
    await cache.put('v1/0/a.jpg', tile(1000, 1));
    await cache.put('v1/0/b.jpg', tile(1000, 2));
    await cache.put('v1/0/c.jpg', tile(1000, 3));
    expect((await cache.get('v1/0/a.jpg'))?.[0]).toBe(1);
    await cache.put('v1/1/d.jpg', tile(1000, 4));
    // b was the least recently used: a was read after it was written.
    expect(filesIn(dir)).toEqual(['v1/0/a.jpg', 'v1/0/c.jpg', 'v1/1/d.jpg']);
    expect(cache.bytes).toBe(3000);
    expect(await cache.get('v1/0/b.jpg')).toBeNull();
  });

  it('counts tiles earlier runs left, oldest removed first, older versions included', async () => {
    mkdirSync(join(dir, 'v0', '3'), { recursive: true });
    mkdirSync(join(dir, 'v1', '3'), { recursive: true });
    writeFileSync(join(dir, 'v0', '3', 'old.jpg'), tile(800, 0));
    writeFileSync(join(dir, 'v1', '3', 'newer.jpg'), tile(800, 0));
    utimesSync(join(dir, 'v0', '3', 'old.jpg'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const cache = new DiskTileCache(dir, 2000);
    await cache.put('v1/3/fresh.jpg', tile(800, 5));
    expect(filesIn(dir)).toEqual(['v1/3/fresh.jpg', 'v1/3/newer.jpg']);
    expect(cache.bytes).toBe(1600);
  });

  it('stays within its bound when many painters store at once, leaving no temporary files', async () => {
    const cache = new DiskTileCache(dir, 10_000);
    await Promise.all(Array.from({ length: 40 }, (_, i) => cache.put(`v1/2/${i}.jpg`, tile(1000, i))));
    const left = filesIn(dir);
    expect(left).toHaveLength(10);
    expect(left.every((name) => name.endsWith('.jpg'))).toBe(true);
    expect(cache.bytes).toBe(10_000);
    // A second process sees the same folder and the same total.
    const next = new DiskTileCache(dir, 10_000);
    await next.put('v1/2/next.jpg', tile(1000, 99));
    expect(filesIn(dir)).toHaveLength(10);
    expect(existsSync(join(dir, 'v1/2/next.jpg'))).toBe(true);
  });

  it('refuses a bound that is not a number of bytes', () => {
    expect(() => new DiskTileCache(dir, Number.NaN)).toThrow(/number of bytes/);
  });
});
