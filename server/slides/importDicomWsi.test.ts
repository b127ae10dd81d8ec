/** DICOM WSI files through the importer: grouped into slides, packed, served like any slide, reported per file. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileImportOutcome } from '../../src/core/api';
import type { SlideItem } from '../../src/core/item';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../src/core/labelSets/builtin';
import { readWholeBlob } from '../blobs/blobStore';
import { collectUnreferencedBlobs } from '../blobs/gc/collectBlobs';
import { importDicomFiles } from '../import/importFiles';
import { createDataset } from '../services/datasets';
import { LABEL_PATIENT_NAME, makeWsiFixtures, missingFixtureTools, readFixture, type WsiFixtures } from '../testing/dicomWsiFixtures';
import { storedPack } from '../testing/slides';
import { testDialects } from '../testing/testDatabase';
import { startTestServer, type TestServer } from '../testing/testServer';

const HOUR = 3_600_000;
const missing = missingFixtureTools();
if (missing) console.log(`DICOM WSI import suite did not run: ${missing}`);

describe.runIf(missing === null).each(testDialects('DICOM WSI import'))('DICOM WSI import on %s', (dialect) => {
  let server: TestServer;
  let datasetId: string;
  let fixtures: WsiFixtures;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    datasetId = (await createDataset(server.db, { name: 'dicom wsi', description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString())).id;
    fixtures = await makeWsiFixtures();
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    if (fixtures) rmSync(fixtures.dir, { recursive: true, force: true });
  });

  const importFiles = async (paths: readonly string[], into = datasetId): Promise<readonly FileImportOutcome[]> => {
    const files = paths.map((path) => ({ name: path.split('/').at(-1) as string, bytes: readFixture(path) }));
    return (await importDicomFiles(server.db, into, files, null, { blobs: server.blobs, now: server.now })).outcomes;
  };
  const newDataset = async (name: string): Promise<string> => {
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    return (await createDataset(server.db, { name, description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString())).id;
  };

  it('makes one slide item of a pyramid split over several files, its label image kept out, and a second import a duplicate', async () => {
    const paths = [fixtures.fullLevel0[0], fixtures.label, fixtures.fullLevel2, fixtures.fullLevel0[1]];
    const outcomes = await importFiles(paths);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    const itemIds = new Set(outcomes.map((o) => (o.status === 'refused' ? null : o.itemId)));
    expect(itemIds.size).toBe(1);
    const itemId = [...itemIds][0] as string;

    const row = await server.db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    const content = JSON.parse(row.content) as SlideItem;
    expect(row.kind).toBe('slide');
    expect(content.levels.map((l) => [l.width, l.height, l.downsample])).toEqual([
      [1024, 1024, 1],
      [512, 512, 2],
      [256, 256, 4],
    ]);
    expect([content.micronsPerPixel, content.objectivePower, content.tileFormat]).toEqual([[0.25, 0.25], 40, 'jpeg']);
    const pack = await storedPack(server.db, server.blobs, itemId);
    expect((await pack.tile(0, 3, 3)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // Nothing of the label image (it carries a patient name) is in the served tiles or the item.
    expect(row.content).not.toContain(LABEL_PATIENT_NAME);
    expect(row.title).not.toContain(LABEL_PATIENT_NAME);

    expect((await importFiles(paths)).map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
  });

  it('gathers a pyramid whose files come one per import (the upload form) into the one slide item, its tiles whole', async () => {
    const separate = await newDataset('one file per upload');
    const replaced: string[] = [];
    const importOne = async (path: string) => {
      const file = { name: path.split('/').at(-1) as string, bytes: readFixture(path) };
      return (await importDicomFiles(server.db, separate, [file], null, { blobs: server.blobs, now: server.now, onSlideReplaced: (itemId) => replaced.push(itemId) })).outcomes;
    };
    const pyramid = [fixtures.fullLevel0[0], fixtures.fullLevel0[1], fixtures.fullLevel2];
    // The label comes after its slide's files: alone it names no slide and is refused (next test),
    // so sent at the same moment its outcome would depend on which request the server took first.
    const firstOutcomes = await Promise.all(pyramid.map(importOne));
    const slideBlobs = () => server.db.selectFrom('slides').innerJoin('items', 'items.id', 'slides.item_id').select(['pack_sha256', 'index_sha256', 'source_sha256']).where('items.dataset_id', '=', separate).executeTakeFirstOrThrow();
    const before = await slideBlobs();
    const outcomes = [...firstOutcomes, await importOne(fixtures.label)];
    expect(outcomes.map((o) => o.map((outcome) => outcome.status))).toEqual([['imported'], ['imported'], ['imported'], ['imported']]);
    const itemIds = new Set(outcomes.flat().map((o) => (o.status === 'refused' ? null : o.itemId)));
    expect(itemIds.size).toBe(1);
    const itemId = [...itemIds][0] as string;
    expect(replaced).toEqual([itemId, itemId, itemId]);
    const pack = await storedPack(server.db, server.blobs, itemId);
    // The second concatenated instance's last tile and the stored downsample-4 level, passed through.
    expect(await pack.tile(0, 3, 3)).toEqual(fixtures.storedJpegs.get('0/3/3'));
    expect(await pack.tile(2, 0, 0)).toEqual(fixtures.storedJpegs.get('2/0/0'));
    const row = await server.db.selectFrom('items').selectAll().where('dataset_id', '=', separate).execute();
    expect(row).toHaveLength(1);
    expect(row[0]?.content).not.toContain(LABEL_PATIENT_NAME);

    expect((await importOne(fixtures.fullLevel0[1])).map((o) => o.status)).toEqual(['duplicate']);

    // The pyramid replaced: its tiles, index and manifest go at the next collection past the grace
    // period; the slide's instances, named only in its manifest, stay as long as the item owns them.
    const after = await slideBlobs();
    const manifest = JSON.parse((await readWholeBlob(server.blobs, after.source_sha256)).toString('utf8')) as { instances: { sha256: string }[] };
    const owned = await server.db.selectFrom('blob_owners').select('sha256').where('owner_kind', '=', 'item').where('owner_id', '=', itemId).execute();
    expect(owned.map((row) => row.sha256).sort()).toEqual(manifest.instances.map((instance) => instance.sha256).sort());
    await collectUnreferencedBlobs(server.db, server.blobs, { now: new Date(Date.now() + 2 * HOUR), graceMs: HOUR, leaseMs: 30_000 });
    const stored = async (key: string) => (await server.blobs.stat(key)) !== null;
    const current = [after.pack_sha256, after.index_sha256, after.source_sha256];
    for (const key of [...current, ...owned.map((row) => row.sha256)]) expect(await stored(key), key).toBe(true);
    const replacedBlobs = [before.pack_sha256, before.index_sha256, before.source_sha256].filter((key) => !current.includes(key));
    expect(replacedBlobs.length).toBeGreaterThan(0);
    for (const key of replacedBlobs) expect(await stored(key), key).toBe(false);
    expect(await (await storedPack(server.db, server.blobs, itemId)).tile(2, 0, 0)).toEqual(fixtures.storedJpegs.get('2/0/0'));
  });

  it('refuses a file that is not a usable whole-slide image and imports the others', async () => {
    // A dataset without the label's slide: alone, the label is no slide (in the first dataset it would join its slide).
    const outcomes = await importFiles([fixtures.sparse, fixtures.label], await newDataset('label alone'));
    const byFile = new Map(outcomes.map((o) => [o.file, o]));
    expect(byFile.get(fixtures.sparse.split('/').at(-1) as string)?.status).toBe('imported');
    const label = byFile.get(fixtures.label.split('/').at(-1) as string);
    expect(label?.status).toBe('refused');
    expect(label?.status === 'refused' && label.reason).toMatch(/label or overview images/);
  });
});
