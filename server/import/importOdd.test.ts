import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileImportOutcome, ImportReport } from '../../src/core/api';
import type { SlideItem } from '../../src/core/item';
import { readWholeBlob } from '../blobs/blobStore';
import { readDicomInstance } from '../dicom/parse';
import { json, startTestServer, type SignedIn, type TestServer } from '../testing/testServer';
import { importDicomFiles } from './importFiles';
import { inspectInWorker } from './inspectPool';
import { oddDicom, type OddDicomFile } from '../testing/oddDicom';

let server: TestServer;
let admin: SignedIn;
let datasetId: string;

beforeAll(async () => {
  server = await startTestServer('sqlite');
  admin = await server.signIn('admin-odd', ['admin']);
  ({ datasetId } = await server.seedDataset({ name: 'odd files', slices: 6 }));
});
afterAll(async () => server.dispose());

async function upload(name: OddDicomFile): Promise<FileImportOutcome> {
  const response = await server.app.inject({
    method: 'POST',
    url: `/api/datasets/${datasetId}/files`,
    headers: { ...admin.auth, 'content-type': 'application/dicom', 'x-file-name': name },
    payload: Buffer.from(oddDicom(name)),
  });
  expect(response.statusCode).toBe(200);
  return json<ImportReport>(response).outcomes[0]!;
}

async function storedFileOf(sopInstanceUid: string): Promise<Uint8Array> {
  const row = await server.db.selectFrom('item_files').select('sha256').where('sop_instance_uid', '=', sopInstanceUid).executeTakeFirstOrThrow();
  return readWholeBlob(server.blobs, row.sha256);
}

describe('uploading odd DICOM files', () => {
  it('refuses each unsafe or unusable class with a code and a sentence, storing no item for it', async () => {
    const items = async () => (await server.db.selectFrom('items').select('id').execute()).length;
    const before = await items();
    expect(await upload('deflate_bomb_1gib.dcm')).toMatchObject({ status: 'refused', code: 'inflatedTooLarge' });
    expect(await upload('frames_2000000_native.dcm')).toMatchObject({ status: 'refused', code: 'framesMissing' });
    expect(await upload('frames_2000000_jpeg.dcm')).toMatchObject({ status: 'refused', code: 'framesMissing' });
    expect(await upload('jpeg_undecodable.dcm')).toMatchObject({ status: 'refused', code: 'undecodable' });
    expect(await items()).toBe(before);
  });

  it('imports a whole-slide image as a slide, never as a stack of tiles', async () => {
    const outcome = await upload('wsi_tiles.dcm');
    if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
    const item = await server.db.selectFrom('items').select(['kind', 'content']).where('id', '=', outcome.itemId).executeTakeFirstOrThrow();
    expect(item.kind).toBe('slide');
    const content = JSON.parse(item.content) as SlideItem;
    expect(content.levels.map((level) => [level.width, level.height, level.downsample])).toEqual([
      [32, 32, 1],
      [16, 16, 2],
    ]);
  });

  it('accepts repaired files with warnings, stores them repaired, and finds them again on a second upload', async () => {
    const first = await upload('uids_missing.dcm');
    if (first.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(first)}`);
    expect(first.warnings?.map((w) => w.code === 'uidReplaced' && w.attribute)).toEqual(['StudyInstanceUID', 'SeriesInstanceUID']);
    const stored = readDicomInstance(await storedFileOf(String(first.sopInstanceUid)));
    const item = await server.db.selectFrom('items').select(['source_key', 'content']).where('id', '=', first.itemId).executeTakeFirstOrThrow();
    expect(stored.ok && stored.meta.seriesInstanceUid).toBe(item.source_key);
    expect(JSON.parse(item.content)).toMatchObject({ seriesInstanceUid: item.source_key, slices: [{ sopInstanceUid: first.sopInstanceUid }] });

    // Same file again, and the same data set in its other VR encoding: the same made-up UIDs.
    expect(await upload('uids_missing.dcm')).toEqual({ file: 'uids_missing.dcm', status: 'duplicate', itemId: first.itemId, sopInstanceUid: first.sopInstanceUid });
    expect(await upload('uids_missing_implicit.dcm')).toMatchObject({ status: 'duplicate', itemId: first.itemId });

    const bare = await upload('no_meta_implicit.dcm');
    expect(bare).toMatchObject({ status: 'imported', warnings: [{ code: 'fileMetaAdded' }] });
    const wrapped = await storedFileOf('2.25.4242.3.5');
    expect(new TextDecoder().decode(wrapped.subarray(128, 132))).toBe('DICM');
    expect(await upload('no_meta_explicit.dcm')).toMatchObject({ status: 'duplicate', sopInstanceUid: '2.25.4242.3.5' });
  });
});

describe('a hostile file does not hold the server', () => {
  it('answers GET /api/auth/me while the deflate bomb and the 2,000,000-frame file are being read', async () => {
    let reading = 0;
    let meAnsweredWhileReading = 0;
    const watched = (bytes: Uint8Array) => {
      reading += 1;
      return inspectInWorker(bytes).finally(() => {
        reading -= 1;
      });
    };
    const files = (['deflate_bomb_1gib.dcm', 'frames_2000000_jpeg.dcm', 'frames_2000000_native.dcm'] as const).map((name) => ({ name, bytes: oddDicom(name) }));
    const importing = importDicomFiles(server.db, datasetId, files, admin.user.id, { blobs: server.blobs, inspect: watched });
    let done = false;
    void importing.finally(() => {
      done = true;
    });
    // Asked again and again until the import ends: each answer that came while a file was still
    // being read shows the event loop free at that moment.
    while (!done) {
      const wasReading = reading > 0;
      const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.auth });
      expect(me.statusCode).toBe(200);
      if (wasReading && reading > 0) meAnsweredWhileReading += 1;
      // inject may answer within one turn of the loop; let I/O (the workers' answers) in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report = await importing;
    expect(report.outcomes.map((o) => o.status === 'refused' && o.code)).toEqual(['inflatedTooLarge', 'framesMissing', 'framesMissing']);
    expect(meAnsweredWhileReading).toBeGreaterThan(0);
  });
});
