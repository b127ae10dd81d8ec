import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { promptableManifest } from '../../src/core/models/testManifests';
import { blobStoreIn } from '../blobs/diskBlobStore';
import { prepareDatabase } from '../bootstrap';
import { openTestDatabase, testDialects, type TestDatabase } from '../testing/testDatabase';
import { findModel, listModels } from './registry';
import { BuiltinModelError, seedBuiltinModels } from './seedBuiltinModels';
import { manifestFor, sha256Hex, tinyClassifierBytes } from './testModels';

describe.each(testDialects('built-in model seeding'))('seedBuiltinModels on %s', (dialect) => {
  let database: TestDatabase | undefined;
  let repo: string | undefined;
  afterEach(async () => {
    await database?.dispose();
    if (repo) rmSync(repo, { recursive: true, force: true });
    database = undefined;
    repo = undefined;
  });

  async function setUp() {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
    repo = mkdtempSync(join(tmpdir(), 'mejirushi-models-'));
    const modelsDir = join(repo, 'models');
    mkdirSync(modelsDir);
    const write = (folder: string, name: string, content: string | Uint8Array) => {
      mkdirSync(join(modelsDir, folder), { recursive: true });
      writeFileSync(join(modelsDir, folder, name), content);
    };
    const blobs = blobStoreIn(database.dataDir);
    const seed = () => seedBuiltinModels(database!.db, blobs, { modelsDir, now: () => new Date('2026-01-15T09:00:00.000Z') });
    return { db: database.db, blobs, repo, write, seed };
  }

  it('seeds model.onnx, npm-installed weights named by files.json and the code-only region grower, once', async () => {
    const { db, blobs, repo, write, seed } = await setUp();
    const bytes = tinyClassifierBytes();
    write('sah-local', 'manifest.json', JSON.stringify(manifestFor(bytes, { id: 'sah-local' })));
    write('sah-local', 'model.onnx', bytes);
    const npmBytes = tinyClassifierBytes(13);
    mkdirSync(join(repo, 'node_modules', 'weights'), { recursive: true });
    writeFileSync(join(repo, 'node_modules', 'weights', 'det.onnx'), npmBytes);
    write('sah-npm', 'manifest.json', JSON.stringify(manifestFor(npmBytes, { id: 'sah-npm', opset: 13 })));
    write('sah-npm', 'files.json', JSON.stringify({ model: 'node_modules/weights/det.onnx' }));
    write('region-grower', 'manifest.json', JSON.stringify(promptableManifest({ id: 'region-grower', inputs: [], outputs: [], files: { kind: 'builtin', implementation: 'regionGrower' } })));

    expect(await seed()).toEqual(['region-grower', 'sah-local', 'sah-npm']);
    const listed = await listModels(db, { includeDisabled: false });
    expect(listed.map((m) => [m.manifest.id, m.builtin, m.enabled])).toEqual([
      ['region-grower', true, true],
      ['sah-local', true, true],
      ['sah-npm', true, true],
    ]);
    expect(await blobs.stat(sha256Hex(npmBytes))).toEqual({ sha256: sha256Hex(npmBytes), size: npmBytes.byteLength });
    // A second start changes nothing, and keeps an admin's choice to disable a built-in model.
    await db.updateTable('models').set({ enabled: 0 }).where('id', '=', 'sah-local').execute();
    expect(await seed()).toEqual([]);
    expect((await findModel(db, 'sah-local', '1.0.0'))?.enabled).toBe(false);
  });

  it('stops with the file named when a manifest\'s SHA-256 is not its file\'s', async () => {
    const { write, seed } = await setUp();
    const bytes = tinyClassifierBytes();
    write('sah-stale', 'manifest.json', JSON.stringify(manifestFor(tinyClassifierBytes(13), { id: 'sah-stale' })));
    write('sah-stale', 'model.onnx', bytes);
    await expect(seed()).rejects.toThrow(BuiltinModelError);
    await expect(seed()).rejects.toThrow(new RegExp(`^built-in model models/sah-stale/manifest.json says the model file's SHA-256 is [0-9a-f]{64}, but models/sah-stale/model.onnx has ${sha256Hex(bytes)}$`));
  });

  it('stops on a manifest that is invalid or does not fit its file, with every reason', async () => {
    const { write, seed } = await setUp();
    const bytes = tinyClassifierBytes();
    write('sah-odd', 'manifest.json', JSON.stringify(manifestFor(bytes, { id: 'sah-odd', outputs: [{ name: 'probabilities', dtype: 'float32', shape: ['batch', 1] }] })));
    write('sah-odd', 'model.onnx', bytes);
    await expect(seed()).rejects.toThrow('built-in model models/sah-odd/manifest.json does not fit its files:\n  the manifest\'s output "probabilities" is not in the model, whose outputs are "scores"');
    write('sah-odd', 'manifest.json', JSON.stringify(manifestFor(bytes, { id: 'sah-odd', version: 'latest' })));
    await expect(seed()).rejects.toThrow(/^built-in model models\/sah-odd\/manifest.json is refused:\n {2}version: must be a semantic version/);
  });
});
