import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemPage } from '../../src/core/api';
import type { SeriesItem } from '../../src/core/item';
import { generateHeadCtPhantom } from '../demo/phantom';
import { testDialects } from '../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../testing/testServer';
import { importDicomFiles, type ImportFile } from './importFiles';

/** The files, then a crash (as kill -9 of the CLI would leave it: files stored, no item build). */
async function* crashingAfter(files: readonly ImportFile[], count: number): AsyncIterable<ImportFile> {
  yield* files.slice(0, count);
  throw new Error('killed');
}

describe.each(testDialects('half-imported series'))('a half-imported series on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let reader: SignedIn;
  beforeEach(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin-half', ['admin']);
    reader = await server.signIn('reader-half', ['annotator']);
  });
  afterEach(async () => server.dispose());

  it('stays hidden from annotators after a crash at 17 of 28 files, and a re-run shows it whole', async () => {
    const { datasetId } = await server.seedDataset({ name: 'half', assignTo: [reader.user.id] });
    const { files } = generateHeadCtPhantom({ sliceCount: 28, seed: 99 });
    await expect(importDicomFiles(server.db, datasetId, crashingAfter(files, 17), null, { blobs: server.blobs })).rejects.toThrow('killed');

    const stored = await server.db.selectFrom('item_files').select('id').where('dataset_id', '=', datasetId).execute();
    expect(stored).toHaveLength(6 + 17);
    const half = await server.db.selectFrom('items').select(['id', 'importing']).where('dataset_id', '=', datasetId).where('importing', '=', 1).executeTakeFirstOrThrow();

    // Not assignable, not listed, not openable by an annotator; the admin still sees it.
    const assign = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/assignments`, headers: admin.auth, payload: { readerIds: [reader.user.id] } });
    expect(assign.statusCode).toBe(200);
    const assignedHalf = await server.db.selectFrom('assignments').select('item_id').where('item_id', '=', half.id).execute();
    expect(assignedHalf).toEqual([]);
    const listed = async (who: SignedIn) => json<ItemPage>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items`, headers: who.auth })).items.map((item) => item.id);
    expect(await listed(reader)).not.toContain(half.id);
    expect(await listed(admin)).toContain(half.id);
    expect((await server.app.inject({ method: 'GET', url: `/api/items/${half.id}`, headers: reader.auth })).statusCode).toBe(404);

    // The re-run finds 17 duplicates, adds 11, and builds the item from all 28.
    const rerun = await importDicomFiles(server.db, datasetId, files, null, { blobs: server.blobs });
    expect(rerun.outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(17);
    expect(rerun.outcomes.filter((o) => o.status === 'imported')).toHaveLength(11);
    const healed = await server.db.selectFrom('items').select(['importing', 'content']).where('id', '=', half.id).executeTakeFirstOrThrow();
    expect(Number(healed.importing)).toBe(0);
    expect((JSON.parse(healed.content) as SeriesItem).slices).toHaveLength(28);
    await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/assignments`, headers: admin.auth, payload: { readerIds: [reader.user.id] } });
    expect(await listed(reader)).toContain(half.id);
    expect((await server.app.inject({ method: 'GET', url: `/api/items/${half.id}`, headers: reader.auth })).statusCode).toBe(200);
  });
});
