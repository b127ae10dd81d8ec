/** What the TIFF structure reader makes of an NDPI past 4 GiB, whose offsets classic TIFF readers misread. */
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NDPI_FIXTURE, writeNdpiFixture } from '../testing/ndpiFixture';
import { openTiffSlide } from './tiffReader';
import { readTiffStructure } from './tiffStructure';

describe('readTiffStructure', () => {
  let dir: string;
  let ndpi: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mejirushi-tiff-structure-'));
    ndpi = await writeNdpiFixture(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the directories of an NDPI under 4 GiB: every image, levels and macro', async () => {
    const structure = await readTiffStructure(ndpi, statSync(ndpi).size);
    expect(structure?.imageSizes).toEqual([
      { width: 3072, height: 2304 },
      { width: 768, height: 576 },
      { width: 192, height: 144 },
      NDPI_FIXTURE.macroSize,
    ]);
  });

  it('leaves a classic TIFF past 4 GiB (an NDPI with 64-bit offsets) to OpenSlide, which still opens it', { timeout: 60_000 }, async () => {
    const big = await writeNdpiFixture(dir, 'past-4-GiB.ndpi');
    // Sparse: a few hundred KB on disk.
    truncateSync(big, 2 ** 32 + 1024);
    expect(await readTiffStructure(big, statSync(big).size)).toBeNull();
    const slide = await openTiffSlide(big, dir);
    expect(slide.facts).toMatchObject({ scanner: 'Hamamatsu', objectivePower: 20 });
    expect(slide.facts.sourceLevels[0]).toEqual({ width: 3072, height: 2304, downsample: 1 });
  });
});
