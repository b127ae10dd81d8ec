import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileImportOutcome } from '../../src/core/api';
import type { SeriesItem } from '../../src/core/item';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { readWholeBlob } from '../blobs/blobStore';
import { blobStoreIn, type DiskBlobStore } from '../blobs/diskBlobStore';
import { prepareDatabase } from '../bootstrap';
import { listFiles } from '../cli/walk';
import { generateHeadCtPhantom } from '../demo/phantom';
import { createDataset } from '../services/datasets';
import { hasSampleData, sampleDataDir } from '../testing/sampleData';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { importDicomFiles, type ImportFile } from './importFiles';

let database: TestDatabase;
let blobs: DiskBlobStore;
beforeEach(async () => {
  database = await openTestDatabase('sqlite');
  blobs = blobStoreIn(database.dataDir);
  await prepareDatabase(database.db);
});
afterEach(async () => database.dispose());

async function newDataset(name: string): Promise<string> {
  const dataset = await createDataset(
    database.db,
    { name, description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version },
    null,
    new Date().toISOString(),
  );
  return dataset.id;
}

async function itemContent(itemId: string): Promise<{ content: SeriesItem; targetCount: number }> {
  const row = await database.db.selectFrom('items').select(['content', 'target_count']).where('id', '=', itemId).executeTakeFirstOrThrow();
  return { content: JSON.parse(row.content) as SeriesItem, targetCount: Number(row.target_count) };
}

describe('importDicomFiles', () => {
  it('stores a series as one item, its bytes unchanged in the blob store, slices in patient order', async () => {
    const datasetId = await newDataset('phantom');
    const { files, truth } = generateHeadCtPhantom({ sliceCount: 8 });
    const report = await importDicomFiles(database.db, datasetId, files, null, { blobs });
    expect(report.outcomes.map((o) => o.status)).toEqual(Array(8).fill('imported'));
    expect(report.itemIds).toHaveLength(1);
    const itemId = report.itemIds[0]!;
    const { content, targetCount } = await itemContent(itemId);
    expect(content.seriesInstanceUid).toBe(truth.seriesInstanceUid);
    expect(content.slices.map((s) => s.sopInstanceUid)).toEqual(truth.sopInstanceUids);
    expect(targetCount).toBe(8);

    const stored = await database.db.selectFrom('item_files').select(['name', 'sha256', 'size']).where('item_id', '=', itemId).execute();
    for (const file of files) {
      const row = stored.find((s) => s.name === file.name)!;
      expect(Buffer.compare(await readWholeBlob(blobs, row.sha256), Buffer.from(file.bytes))).toBe(0);
      expect(row.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
      expect(Number(row.size)).toBe(file.bytes.length);
      expect(await database.db.selectFrom('blobs').select('size').where('sha256', '=', row.sha256).executeTakeFirst()).toEqual({ size: file.bytes.length });
    }
  });

  it('reports duplicates, refuses bad files with a reason, and never stops at one', async () => {
    const datasetId = await newDataset('mixed');
    const { files } = generateHeadCtPhantom({ sliceCount: 6 });
    const first = await importDicomFiles(database.db, datasetId, files.slice(0, 3), null, { blobs });
    const itemId = first.itemIds[0]!;
    const before = await itemContent(itemId);
    expect(before.content.slices).toHaveLength(3);

    const truncated = files[4]!.bytes.slice(0, 2000);
    async function* mixed(): AsyncGenerator<ImportFile> {
      yield { name: 'empty.dcm', bytes: new Uint8Array() };
      yield files[0]!;
      yield { name: 'notes.txt', bytes: new TextEncoder().encode('hello') };
      yield files[3]!;
      yield { name: 'cut.dcm', bytes: truncated };
      yield files[5]!;
      yield files[3]!;
    }
    const seen: FileImportOutcome[] = [];
    const report = await importDicomFiles(database.db, datasetId, mixed(), null, { blobs, onOutcome: (o) => seen.push(o) });
    expect(seen).toEqual(report.outcomes);
    expect(report.outcomes.map((o) => [o.file, o.status])).toEqual([
      ['empty.dcm', 'refused'],
      [files[0]!.name, 'duplicate'],
      ['notes.txt', 'refused'],
      [files[3]!.name, 'imported'],
      ['cut.dcm', 'refused'],
      [files[5]!.name, 'imported'],
      [files[3]!.name, 'duplicate'],
    ]);
    for (const outcome of report.outcomes) {
      if (outcome.status === 'refused') expect(outcome.reason.length).toBeGreaterThan(5);
      else expect(outcome.itemId).toBe(itemId);
    }
    expect(report.itemIds).toEqual([itemId]);
    expect((await itemContent(itemId)).content.slices).toHaveLength(5);
  });

  it('keeps series apart and datasets apart', async () => {
    const a = await newDataset('a');
    const b = await newDataset('b');
    const one = generateHeadCtPhantom({ sliceCount: 6, seed: 1 }).files;
    const two = generateHeadCtPhantom({ sliceCount: 6, seed: 2 }).files;
    const both = await importDicomFiles(database.db, a, [...one, ...two], null, { blobs });
    expect(both.itemIds).toHaveLength(2);
    // The same files in another dataset are new there, not duplicates.
    const again = await importDicomFiles(database.db, b, one, null, { blobs });
    expect(again.outcomes.every((o) => o.status === 'imported')).toBe(true);
    const audit = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'file.import').execute();
    expect(audit).toHaveLength(18);
  });
});

describe.runIf(hasSampleData())('importDicomFiles on the sample radiology data', () => {
  const radiology = join(sampleDataDir(), 'radiology');
  const read = (path: string): ImportFile => ({ name: relative(radiology, path), bytes: readFileSync(path) });

  it('imports or refuses, with a reason, every file (each on its own)', async () => {
    const paths = await listFiles(radiology);
    expect(paths.length).toBeGreaterThan(40);
    const summary: string[] = [];
    for (const path of paths) {
      const datasetId = await newDataset(relative(radiology, path));
      const report = await importDicomFiles(database.db, datasetId, [read(path)], null, { blobs });
      const outcome = report.outcomes[0]!;
      expect(report.outcomes).toHaveLength(1);
      expect(['imported', 'refused']).toContain(outcome.status);
      if (outcome.status === 'refused') {
        expect(outcome.reason).toMatch(/\w{3,}/);
        summary.push(`${outcome.file}: ${outcome.reason}`);
      }
    }
    // The two label objects (SEG, RTSTRUCT) are not images: refused, and said why.
    expect(summary).toEqual([
      expect.stringMatching(/^dicom-labels\/rtstruct_no_meta\.dcm: .*pixel data/i),
      expect.stringMatching(/^dicom-labels\/seg_liver_binary_3frame\.dcm: .*Segmentation/),
    ]);
  });

  it('makes the 28-file head CT one series item of 28 slices ordered by position', async () => {
    const folder = join(radiology, 'ct-head-series-ge');
    const datasetId = await newDataset('head ct');
    const report = await importDicomFiles(database.db, datasetId, (await listFiles(folder)).map(read), null, { blobs });
    expect(report.outcomes.filter((o) => o.status === 'imported')).toHaveLength(28);
    expect(report.itemIds).toHaveLength(1);
    const { content } = await itemContent(report.itemIds[0]!);
    expect(content.slices).toHaveLength(28);
    const normal = [0, 0.3173, 0.9483]; // row × column direction of the 18.5°-tilted orientation
    const heights = content.slices.map((s) => s.position!.reduce((sum, v, i) => sum + v * normal[i]!, 0));
    // Feet → head along the normal, whatever the file names or instance numbers say.
    expect(heights).toEqual([...heights].sort((x, y) => x - y));
  });

  it('imports the whole folder into one dataset, reporting repeated SOPInstanceUIDs as duplicates', async () => {
    const datasetId = await newDataset('all radiology');
    const paths = await listFiles(radiology);
    const report = await importDicomFiles(database.db, datasetId, paths.map(read), null, { blobs });
    expect(report.outcomes).toHaveLength(paths.length);
    const imported = new Set<string>();
    for (const outcome of report.outcomes) {
      if (outcome.status === 'imported') imported.add(String(outcome.sopInstanceUid));
      // A duplicate always repeats an instance stored earlier in the same run.
      if (outcome.status === 'duplicate') expect(imported.has(String(outcome.sopInstanceUid))).toBe(true);
    }
    expect(report.outcomes.filter((o) => o.status === 'refused')).toHaveLength(2);
  });
});

if (!hasSampleData()) console.warn(`importer sample-data suite did not run: no sample data at ${sampleDataDir()}/radiology`);
