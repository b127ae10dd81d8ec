/**
 * The slide importer on a Hamamatsu NDPI (the generated fixture: no vendor file is needed), real
 * OpenSlide and vips, and a real database: facts, levels, tile pixels, the macro image kept out.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileImportOutcome, ItemDetail } from '../../src/core/api';
import type { SlideItem } from '../../src/core/item';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../src/core/labelSets/builtin';
import { validateItemContent } from '../../src/core/validate';
import { importDicomFiles } from '../import/importFiles';
import { assignItems, createDataset } from '../services/datasets';
import { NDPI_FIXTURE, ndpiFixtureLevels, ndpiFixtureRegion, writeNdpiFixture } from '../testing/ndpiFixture';
import { decodeRgb, meanAbsDiff, meanColour } from '../testing/slides';
import { testDialects } from '../testing/testDatabase';
import { json, startTestServer, type TestServer } from '../testing/testServer';
import type { SlideFacts } from './pyramidWriter';
import { gridOf } from './tileIndex';

describe.each(testDialects('NDPI import'))('NDPI import on %s', (dialect) => {
  let server: TestServer;
  let datasetId: string;
  let scratch: string;
  let ndpi: string;
  let itemId = '';
  // The pyramid's version, which every tile URL names (read from the imported item).
  let tileVersion = '';
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    datasetId = (await createDataset(server.db, { name: 'gastric', description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString())).id;
    scratch = mkdtempSync(join(tmpdir(), 'mejirushi-ndpi-import-'));
    ndpi = await writeNdpiFixture(scratch);
  }, 60_000);
  afterAll(async () => {
    await server?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The importer as the CLI calls it: a local path. */
  const importPath = async (path: string, name = path.split('/').at(-1) as string): Promise<FileImportOutcome> => {
    const report = await importDicomFiles(server.db, datasetId, [{ name, path }], null, { blobs: server.blobs, now: server.now });
    expect(report.outcomes).toHaveLength(1);
    return report.outcomes[0] as FileImportOutcome;
  };
  const tile = (auth: { authorization: string }, level: number, x: number, y: number) =>
    server.app.inject({ method: 'GET', url: `/api/items/${itemId}/tiles/${tileVersion}/${level}/${x}/${y}`, headers: auth });

  it('imports the NDPI as one slide item: scanner Hamamatsu, 20×, µm/px from its centimetre resolution, a 2^k pyramid', async () => {
    const outcome = await importPath(ndpi);
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    itemId = outcome.itemId;
    const row = await server.db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    tileVersion = (JSON.parse(row.content) as SlideItem).tileVersion;
    const slide = await server.db.selectFrom('slides').selectAll().where('item_id', '=', itemId).executeTakeFirstOrThrow();
    const content = JSON.parse(row.content) as SlideItem;
    const facts = JSON.parse(slide.facts) as SlideFacts;
    expect(validateItemContent(content).ok).toBe(true);
    expect(row.title).toBe('synthetic-he');
    expect(content).toMatchObject({ kind: 'slide', objectivePower: 20, scanner: 'Hamamatsu', tileSize: 256, tileFormat: 'jpeg' });
    expect(content.micronsPerPixel?.[0]).toBeCloseTo(NDPI_FIXTURE.micronsPerPixel, 6);
    expect(content.micronsPerPixel?.[1]).toBeCloseTo(NDPI_FIXTURE.micronsPerPixel, 6);
    expect(content.levels.map((level) => [level.width, level.height, level.downsample])).toEqual([
      [3072, 2304, 1],
      [1536, 1152, 2],
      [768, 576, 4],
      [384, 288, 8],
      [192, 144, 16],
    ]);
    expect(facts.associatedImages).toEqual(['macro']);
    // The levels the file stores; not those OpenSlide 3.4 decodes from them at 1/2, 1/4, 1/8 scale.
    expect(facts.sourceLevels).toEqual(ndpiFixtureLevels());
  });

  it('serves tiles whose pixels are the slide pattern at their positions, on every level', async () => {
    const admin = await server.signIn(`admin-${dialect}`, ['admin']);
    const { split } = NDPI_FIXTURE;
    // Inside one region; across the point where all four meet (level 0, 2); the last tile; the one-tile level.
    const cases: [level: number, x: number, y: number][] = [
      [0, 0, 0],
      [0, Math.floor(split.x / 256), Math.floor(split.y / 256)],
      [0, 11, 8],
      [2, 1, 0],
      [4, 0, 0],
    ];
    const file = readFileSync(ndpi);
    for (const [level, x, y] of cases) {
      const response = await tile(admin.auth, level, x, y);
      expect(response.statusCode).toBe(200);
      const served = await decodeRgb(response.rawPayload);
      const expected = ndpiFixtureRegion(x * 256, y * 256, served.width, served.height, 2 ** level);
      expect(meanAbsDiff(served, expected), `tile ${level}/${x}/${y}`).toBeLessThan(3);
      // NDPI stores each level as one JPEG in one strip: there are no whole tiles to pass through.
      expect(file.indexOf(response.rawPayload), `tile ${level}/${x}/${y} is re-encoded`).toBe(-1);
    }
    const cornerMeeting = await decodeRgb((await tile(admin.auth, 0, Math.floor(split.x / 256), Math.floor(split.y / 256))).rawPayload);
    expect([cornerMeeting.width, cornerMeeting.height]).toEqual([256, 256]);
  });

  it('keeps the macro image, and the name on it, out of everything an annotator is sent', async () => {
    const annotator = await server.signIn(`annotator-${dialect}`, ['annotator']);
    await assignItems(server.db, datasetId, annotator.user.id, [itemId], null, server.now().toISOString());
    const name = NDPI_FIXTURE.patientName;
    const detail = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: annotator.auth });
    expect(detail.statusCode).toBe(200);
    expect(json<ItemDetail>(detail).item.content.kind).toBe('slide');
    expect(detail.body).not.toContain(name);

    const content = JSON.parse((await server.db.selectFrom('items').select('content').where('id', '=', itemId).executeTakeFirstOrThrow()).content) as SlideItem;
    const macro = NDPI_FIXTURE.macroColour;
    let served = 0;
    for (const [level, size] of content.levels.entries()) {
      const grid = gridOf(size.width, size.height, 256);
      for (let y = 0; y < grid.rows; y += 1) {
        for (let x = 0; x < grid.columns; x += 1) {
          const response = await tile(annotator.auth, level, x, y);
          expect(response.statusCode).toBe(200);
          expect(response.rawPayload.includes(name)).toBe(false);
          const mean = meanColour(await decodeRgb(response.rawPayload));
          const distance = Math.max(...mean.map((channel, i) => Math.abs(channel - (macro[i] as number))));
          expect(distance, `tile ${level}/${x}/${y} has the macro's colour`).toBeGreaterThan(40);
          served += 1;
        }
      }
    }
    expect(served).toBe(152);

    // The name lives only in the source file, which only admins can fetch.
    const slide = await server.db.selectFrom('slides').selectAll().where('item_id', '=', itemId).executeTakeFirstOrThrow();
    expect(JSON.stringify(slide)).not.toContain(name);
    const item = await server.db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(JSON.stringify(item)).not.toContain(name);
    expect(readFileSync(ndpi).includes(name)).toBe(true);
  });

  it('refuses a truncated NDPI, cut inside level 0 or only inside its macro image, with the code and the sentence, keeping no item', async () => {
    const whole = readFileSync(ndpi);
    const before = await server.db.selectFrom('items').select('id').execute();
    for (const [name, length] of [
      ['cut-in-level-0.ndpi', Math.floor(whole.length / 2)],
      ['cut-in-macro.ndpi', whole.length - 100],
    ] as const) {
      const path = join(scratch, name);
      writeFileSync(path, whole.subarray(0, length));
      const outcome = await importPath(path);
      expect(outcome, name).toMatchObject({ status: 'refused', code: 'slideTruncated' });
      if (outcome.status === 'refused') expect(outcome.reason).toMatch(new RegExp(`^the file is cut short: its image data runs to byte \\d+, past its end \\(${length} bytes\\)$`));
    }
    expect(await server.db.selectFrom('items').select('id').execute()).toEqual(before);
  });
});
