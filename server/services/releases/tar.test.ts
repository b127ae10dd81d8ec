import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tarArchive, type TarEntry } from './tar';

async function archive(entries: readonly TarEntry[], mtime = new Date('2026-12-01T00:00:00Z')): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of tarArchive(entries, mtime)) parts.push(part);
  return Buffer.concat(parts);
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('tarArchive', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('writes an archive GNU tar lists and extracts byte for byte', async () => {
    const big = new Uint8Array(1300).map((_, i) => i % 251);
    const bytes = await archive([
      { name: 'a.reader-1.geojson', bytes: text('{"type":"FeatureCollection","features":[]}\n') },
      { name: 'empty.txt', bytes: new Uint8Array(0) },
      { name: 'b.consensus.coco.json', bytes: big },
    ]);
    expect(bytes.length % 512).toBe(0);
    dir = mkdtempSync(join(tmpdir(), 'mejirushi-tar-'));
    const file = join(dir, 'release.tar');
    writeFileSync(file, bytes);
    const listing = execFileSync('tar', ['-tvf', file], { encoding: 'utf8' });
    expect(listing.trim().split('\n').map((line) => line.split(/\s+/).at(-1))).toEqual(['a.reader-1.geojson', 'empty.txt', 'b.consensus.coco.json']);
    expect(listing).toContain('2026-12-01');
    execFileSync('tar', ['-xf', file, '-C', dir]);
    expect(readFileSync(join(dir, 'a.reader-1.geojson'), 'utf8')).toBe('{"type":"FeatureCollection","features":[]}\n');
    expect(readFileSync(join(dir, 'empty.txt')).length).toBe(0);
    expect(Buffer.compare(readFileSync(join(dir, 'b.consensus.coco.json')), Buffer.from(big))).toBe(0);
  });

  it('is only the two end blocks when there is nothing to hold', async () => {
    expect(await archive([])).toEqual(Buffer.alloc(1024));
  });

  it('is the same bytes for the same files and time', async () => {
    const entries = [{ name: 'x.json', bytes: text('{}') }];
    expect(Buffer.compare(await archive(entries), await archive(entries))).toBe(0);
  });

  it('refuses names the flat archive cannot hold', async () => {
    await expect(archive([{ name: 'dir/x.json', bytes: text('') }])).rejects.toThrow(/without a slash/);
    await expect(archive([{ name: 'x'.repeat(101), bytes: text('') }])).rejects.toThrow(/1–100/);
    await expect(archive([{ name: 'スライド.json', bytes: text('') }])).rejects.toThrow(/ASCII/);
  });
});
