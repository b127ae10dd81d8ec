/**
 * Blobs whose rows were deleted or replaced are collected once the grace period has passed: a
 * model version deleted over real HTTP, a frame set's sprite sheets replaced; content another row
 * still names (a second model version, another frame set) and an admin's raw upload stay. Real
 * database on both dialects, real disk store; the sweep is run as if the grace period had passed.
 */
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FrameSetItem } from '../../../src/core/item';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { extendFrameSet, writeFrameSet, type NewFrameSet } from '../../frames/frameSetRows';
import { manifestFor, tinyClassifierBytes } from '../../models/testModels';
import { createDataset } from '../../services/datasets';
import { testDialects } from '../../testing/testDatabase';
import { startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import type { BlobStore, StoredBlob } from '../blobStore';
import { collectUnreferencedBlobs } from './collectBlobs';

const HOUR = 3_600_000;

/** The full sweep as an admin's cron runs it a day later (grace 1 h). */
function sweepLater(server: TestServer) {
  return collectUnreferencedBlobs(server.db, server.blobs, { now: new Date(Date.now() + 24 * HOUR), graceMs: HOUR, leaseMs: 30_000 });
}

async function kept(blobs: BlobStore, ...keys: string[]): Promise<boolean[]> {
  return Promise.all(keys.map(async (key) => (await blobs.stat(key)) !== null));
}

async function catalogued(server: TestServer, key: string): Promise<boolean> {
  return (await server.db.selectFrom('blobs').select('sha256').where('sha256', '=', key).executeTakeFirst()) !== undefined;
}

describe.each(testDialects('blobs of deleted rows'))('blobs of deleted rows on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  beforeEach(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin1', ['admin']);
  });
  afterEach(() => server.dispose());

  async function uploadModel(opset: number, id: string, version: string): Promise<string> {
    const bytes = tinyClassifierBytes(opset);
    const manifest = manifestFor(bytes, { id, version, opset });
    const started = await server.app.inject({ method: 'POST', url: '/api/admin/models', headers: admin.auth, payload: { manifest } });
    expect(started.statusCode, started.body).toBe(201);
    const { uploadId } = started.json<{ uploadId: string }>();
    const done = await server.app.inject({ method: 'PUT', url: `/api/admin/models/uploads/${uploadId}`, headers: { ...admin.auth, 'content-type': 'application/octet-stream' }, payload: Buffer.from(bytes) });
    expect(done.statusCode, done.body).toBe(201);
    return manifest.files.kind === 'single' ? manifest.files.model.sha256 : '';
  }

  async function deleteModel(id: string, version: string): Promise<void> {
    const response = await server.app.inject({ method: 'DELETE', url: `/api/admin/models/${id}/${version}`, headers: admin.auth });
    expect(response.statusCode, response.body).toBe(204);
  }

  it('collects a deleted model version’s file and its catalog row; keeps a file another version names and a raw upload', async () => {
    const shared = await uploadModel(17, 'sah-shared', '1.0.0');
    expect(await uploadModel(17, 'sah-shared', '1.1.0')).toBe(shared);
    const own = await uploadModel(18, 'sah-own', '1.0.0');
    const raw = await server.app.inject({ method: 'POST', url: '/api/blobs', headers: { ...admin.auth, 'content-type': 'application/octet-stream' }, payload: Buffer.from('an admin’s raw upload') });
    expect(raw.statusCode, raw.body).toBe(201);
    const upload = raw.json<StoredBlob>().sha256;

    // Nothing was deleted yet: the sweep keeps all three.
    expect(await sweepLater(server)).toMatchObject({ skipped: null, collected: 0 });
    await deleteModel('sah-shared', '1.0.0');
    await deleteModel('sah-own', '1.0.0');
    // Within the grace period a deleted model's file stays (put an instant ago).
    expect(await collectUnreferencedBlobs(server.db, server.blobs, { now: new Date(), graceMs: HOUR, leaseMs: 30_000 })).toMatchObject({ collected: 0, young: 1 });

    const swept = await sweepLater(server);
    expect(swept).toMatchObject({ skipped: null, collected: 1, bytes: tinyClassifierBytes(18).byteLength });
    expect(await kept(server.blobs, own, shared, upload)).toEqual([false, true, true]);
    expect(await catalogued(server, own)).toBe(false);
    expect(await catalogued(server, shared)).toBe(true);
    expect(await sweepLater(server)).toMatchObject({ collected: 0 });
  });

  it('collects a frame set’s replaced sprite sheets; keeps its frames, its new sheets, and a sheet another frame set owns too', async () => {
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const datasetId = (await createDataset(server.db, { name: 'frames', description: '', labelSetId: id, labelSetVersion: version }, null, new Date().toISOString())).id;
    const put = (text: string) => server.blobs.put(Readable.from([Buffer.from(text)]));
    /** A frame set of stills numbered from `first` (an extension's content is completed by the caller). */
    const frameSet = async (itemId: string, frameTexts: readonly string[], sheets: readonly StoredBlob[], first = 0): Promise<NewFrameSet> => {
      const frames = (await Promise.all(frameTexts.map(put))).map((blob, i) => ({ blob, n: first + i }));
      const content: FrameSetItem = {
        kind: 'frameSet',
        source: 'images',
        frames: frames.map(({ n }) => ({ targetId: `${itemId}-t${n}`, fileId: `${itemId}-f${n}`, videoFrame: null, width: 8, height: 8 })),
      };
      return {
        itemId,
        title: itemId,
        sourceKey: itemId,
        content,
        files: frames.map(({ blob, n }) => ({ id: `${itemId}-f${n}`, key: `still:${blob.sha256}`, blob, name: `${n}.png`, meta: { kind: 'still', mediaType: 'image/png', width: 8, height: 8, originalSha256: blob.sha256 } })),
        blobs: sheets,
        auditDetail: {},
      };
    };
    const sharedSheet = await put('a sprite sheet both frame sets made alike');
    const oldSheet = await put('frame set A’s first sprite sheet');
    const a = await frameSet('a', ['a frame 0'], [sharedSheet, oldSheet]);
    await writeFrameSet(server.db, datasetId, a, null, new Date().toISOString());
    await writeFrameSet(server.db, datasetId, await frameSet('b', ['b frame 0'], [sharedSheet]), null, new Date().toISOString());

    const newSheet = await put('frame set A’s sprite sheet after more frames came');
    const more = await frameSet('a', ['a frame 1'], [newSheet], 1);
    await extendFrameSet(server.db, datasetId, { ...more, content: { ...more.content, frames: [...a.content.frames, ...more.content.frames] } }, null, new Date().toISOString());

    expect(await sweepLater(server)).toMatchObject({ skipped: null, collected: 1, bytes: oldSheet.size });
    const frames = (await server.db.selectFrom('item_files').select('sha256').execute()).map((row) => row.sha256);
    expect(frames).toHaveLength(3);
    expect(await kept(server.blobs, oldSheet.sha256, sharedSheet.sha256, newSheet.sha256, ...frames)).toEqual([false, true, true, true, true, true]);
  });
});
