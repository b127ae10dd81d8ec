/** The slide importer on the real pathology samples, real vips and OpenSlide, and a real database. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileImportOutcome } from '../../src/core/api';
import type { SlideItem } from '../../src/core/item';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../src/core/labelSets/builtin';
import { validateItemContent } from '../../src/core/validate';
import { importDicomFiles } from '../import/importFiles';
import { createDataset } from '../services/datasets';
import { testDialects } from '../testing/testDatabase';
import { hasPathologySampleData, pathologySample, sampleDataDir } from '../testing/sampleData';
import { decodeRegion, decodeRgb, makeJfifTiledTiff, makePyramidalTiff, meanAbsDiff, meanColour, renderWithOpenSlide, storedPack } from '../testing/slides';
import { startTestServer, type TestServer } from '../testing/testServer';
import type { SlideFacts } from './pyramidWriter';
import { SLIDE_LIMITS } from './refusal';
import { openTiffSlide } from './tiffReader';
import { gridOf } from './tileIndex';

if (!hasPathologySampleData()) console.log(`sample data not found at ${sampleDataDir()}: slide import suite did not run`);

describe.runIf(hasPathologySampleData()).each(testDialects('slide import'))('slide import on %s', (dialect) => {
  let server: TestServer;
  let datasetId: string;
  let scratch: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    datasetId = (await createDataset(server.db, { name: 'gastric', description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString())).id;
    scratch = mkdtempSync(join(tmpdir(), 'mejirushi-slides-'));
  }, 60_000);
  afterAll(async () => {
    await server?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  const importPath = async (path: string, name = path.split('/').at(-1) as string): Promise<FileImportOutcome> => {
    const report = await importDicomFiles(server.db, datasetId, [{ name, path }], null, { blobs: server.blobs, now: server.now });
    expect(report.outcomes).toHaveLength(1);
    return report.outcomes[0] as FileImportOutcome;
  };
  const itemOf = async (itemId: string) => {
    const row = await server.db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    const slide = await server.db.selectFrom('slides').selectAll().where('item_id', '=', itemId).executeTakeFirstOrThrow();
    return { row, slide, content: JSON.parse(row.content) as SlideItem, facts: JSON.parse(slide.facts) as SlideFacts };
  };

  let svsItemId = '';

  it('imports the Aperio SVS as one slide item: scanner facts, a 2^k pyramid down to one tile, the source kept', async () => {
    const path = pathologySample('CMU-1-Small-Region.svs');
    const outcome = await importPath(path);
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    svsItemId = outcome.itemId;
    const { row, slide, content, facts } = await itemOf(outcome.itemId);
    expect(validateItemContent(content).ok).toBe(true);
    expect(row.kind).toBe('slide');
    expect(row.title).toBe('CMU-1-Small-Region');
    expect(JSON.parse(row.target_ids)).toEqual([outcome.itemId]);
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(row.source_key).toBe(sha256);
    expect(slide.source_sha256).toBe(sha256);
    expect(await server.blobs.stat(sha256)).toEqual({ sha256, size: readFileSync(path).length });
    expect(content).toMatchObject({ micronsPerPixel: [0.499, 0.499], objectivePower: 20, scanner: 'Aperio', tileSize: 256, tileFormat: 'jpeg' });
    expect(content.levels.map((level) => [level.width, level.height, level.downsample])).toEqual([
      [2220, 2967, 1],
      [1110, 1484, 2],
      [555, 742, 4],
      [278, 371, 8],
      [139, 186, 16],
    ]);
    expect(facts.associatedImages).toEqual(expect.arrayContaining(['label', 'macro']));
    expect(facts.sourceLevels).toEqual([{ width: 2220, height: 2967, downsample: 1 }]);

    // The pack holds exactly the pyramid's tiles (nothing of the label or macro images), each its level's size.
    const pack = await storedPack(server.db, server.blobs, outcome.itemId);
    expect(pack.index.grids).toEqual(content.levels.map((level) => gridOf(level.width, level.height, 256)));
    const edge = await decodeRgb(await pack.tile(0, 8, 11));
    expect([edge.width, edge.height]).toEqual([2220 - 8 * 256, 2967 - 11 * 256]);
    const top = await decodeRgb(await pack.tile(4, 0, 0));
    expect([top.width, top.height]).toEqual([139, 186]);
  });

  it('serves level-0 pixels as OpenSlide renders them', async () => {
    const pack = await storedPack(server.db, server.blobs, svsItemId);
    const reference = join(scratch, 'openslide-level0.png');
    renderWithOpenSlide(pathologySample('CMU-1-Small-Region.svs'), reference);
    for (const [x, y] of [
      [2, 3],
      [8, 11],
    ] as const) {
      const served = await decodeRgb(await pack.tile(0, x, y));
      const openslide = await decodeRegion(reference, x * 256, y * 256, served.width, served.height);
      expect(meanAbsDiff(served, openslide), `tile ${x},${y}`).toBeLessThan(3);
    }
  });

  it('reports the same file imported again as a duplicate of its item', async () => {
    const outcome = await importPath(pathologySample('CMU-1-Small-Region.svs'), 'again/CMU-1-Small-Region.svs');
    expect(outcome).toEqual({ file: 'again/CMU-1-Small-Region.svs', status: 'duplicate', itemId: svsItemId });
    const count = await server.db.selectFrom('slides').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('imports the OME-TIFF with the right colours: stored JFIF tiles passed through, lower levels converted from YCbCr', async () => {
    const path = pathologySample('OS-1-detail.ome.tif');
    const outcome = await importPath(path);
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const { content } = await itemOf(outcome.itemId);
    expect(content).toMatchObject({ scanner: 'OME-TIFF', tileSize: 512, tileFormat: 'jpeg' });
    expect(content.micronsPerPixel?.[0]).toBeCloseTo(0.227, 3);
    expect(content.levels.map((level) => level.width)).toEqual([1101, 551, 276]);
    const pack = await storedPack(server.db, server.blobs, outcome.itemId);

    // Tile (0, 0) is the file's first stored tile, byte for byte (a complete JFIF JPEG).
    const tile = await pack.tile(0, 0, 0);
    expect(tile.subarray(6, 10).toString('latin1')).toBe('JFIF');
    expect(readFileSync(path).indexOf(tile)).toBeGreaterThan(0);

    // H&E is pink/purple: red and blue above green. libtiff-style decoding of this file is green.
    const level0 = meanColour(await decodeRgb(tile));
    expect(level0[0]).toBeGreaterThan(level0[1] + 15);
    expect(level0[2]).toBeGreaterThan(level0[1] + 15);
    const naive = meanColour(await decodeRgb(path));
    expect(naive[1]).toBeGreaterThan(naive[0]);

    // The re-encoded lower levels and the cut edge tiles agree with the passed-through tiles:
    // the one-tile level (the whole image, converted from YCbCr) has the mean colour of level 0.
    const sums = [0, 0, 0];
    let pixels = 0;
    for (let y = 0; y < 3; y += 1) {
      for (let x = 0; x < 3; x += 1) {
        const decoded = await decodeRgb(await pack.tile(0, x, y));
        const n = decoded.width * decoded.height;
        meanColour(decoded).forEach((mean, channel) => (sums[channel] = (sums[channel] as number) + mean * n));
        pixels += n;
        if (x === 2 && y === 2) expect([decoded.width, decoded.height]).toEqual([1101 - 1024, 1101 - 1024]);
      }
    }
    const smallest = meanColour(await decodeRgb(await pack.tile(2, 0, 0)));
    smallest.forEach((mean, channel) => expect(Math.abs(mean - (sums[channel] as number) / pixels)).toBeLessThan(3));
  });

  it('imports a generic pyramidal TIFF made by vips tiffsave, pixels as in the source picture', async () => {
    const outcome = await importPath(makePyramidalTiff(scratch));
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const { content, facts } = await itemOf(outcome.itemId);
    expect(content.levels.map((level) => [level.width, level.height])).toEqual([
      [512, 512],
      [256, 256],
    ]);
    expect(facts.sourceLevels.map((level) => level.downsample)).toEqual([1, 2, 4]);
    const pack = await storedPack(server.db, server.blobs, outcome.itemId);
    const served = await decodeRgb(await pack.tile(0, 1, 1));
    const source = await decodeRegion(pathologySample('ihc_colon_dab_hematoxylin.png'), 256, 256, 256, 256);
    expect(meanAbsDiff(served, source)).toBeLessThan(4);
  });

  it('passes whole YCbCr JPEG tiles through unchanged, with the pixels OpenSlide renders', async () => {
    const path = await makeJfifTiledTiff(scratch);
    const outcome = await importPath(path);
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const { content } = await itemOf(outcome.itemId);
    expect(content).toMatchObject({ scanner: 'TIFF', tileSize: 256 });
    const pack = await storedPack(server.db, server.blobs, outcome.itemId);
    const reference = join(scratch, 'jfif-openslide.png');
    renderWithOpenSlide(path, reference);
    const file = readFileSync(path);
    for (const [x, y] of [
      [0, 0],
      [1, 1],
    ] as const) {
      const tile = await pack.tile(0, x, y);
      expect(file.indexOf(tile), `tile ${x},${y} is stored in the file as it is served`).toBeGreaterThan(0);
      expect(meanAbsDiff(await decodeRgb(tile), await decodeRegion(reference, x * 256, y * 256, 256, 256))).toBeLessThan(2);
    }
  });

  it('refuses a truncated SVS with a sentence and a code, and keeps no item', async () => {
    const truncated = join(scratch, 'cut.svs');
    writeFileSync(truncated, readFileSync(pathologySample('CMU-1-Small-Region.svs')).subarray(0, 1_000_000));
    const before = await server.db.selectFrom('items').select('id').execute();
    const outcome = await importPath(truncated);
    expect(outcome).toMatchObject({ status: 'refused', code: 'slideTruncated' });
    if (outcome.status === 'refused') expect(outcome.reason).toMatch(/^the file is cut short/);
    expect(await server.db.selectFrom('items').select('id').execute()).toEqual(before);
  });

  it('refuses a slide over the size limits with a sentence and a code', async () => {
    const path = pathologySample('CMU-1-Small-Region.svs');
    await expect(openTiffSlide(path, scratch, { ...SLIDE_LIMITS, maxSidePx: 2000 })).rejects.toMatchObject({ code: 'slideTooLarge', message: 'the slide is 2220×2967 px; at most 2000 px a side are accepted' });
    await expect(openTiffSlide(path, scratch, { ...SLIDE_LIMITS, maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'slideTooLarge' });
  });

  it('refuses a TIFF that is a picture, not a slide', async () => {
    const outcome = await importPath(join(sampleDataDir(), 'fundus', 'idrid', 'IDRiD_01_HE.tif'));
    expect(outcome).toMatchObject({ status: 'refused', code: 'slideUnreadable' });
  });
});
