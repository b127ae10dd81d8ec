/**
 * A slide rebuilt under the same item (a DICOM WSI whose instances come in separate uploads) gets a
 * new tile version: its new tiles are served immutable under new URLs, the old URLs are refused
 * and never cached, even on a server that cached the old pyramid and was not told of the rebuild
 * (another instance, or the command line, imported the later file).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../../src/core/api';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { importDicomFiles } from '../../import/importFiles';
import { createDataset } from '../../services/datasets';
import { makeWsiFixtures, missingFixtureTools, readFixture, type WsiFixtures } from '../../testing/dicomWsiFixtures';
import { storedPack } from '../../testing/slides';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const missing = missingFixtureTools();
if (missing) console.log(`tile version suite did not run: ${missing}`);

describe.runIf(missing === null).each(testDialects('tile version'))('tile URLs of a rebuilt slide on %s', (dialect) => {
  let server: TestServer;
  let fixtures: WsiFixtures;
  let reader: SignedIn;
  let admin: SignedIn;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    fixtures = await makeWsiFixtures();
    reader = await server.signIn('reader', ['reviewer']);
    admin = await server.signIn('admin', ['admin']);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    if (fixtures) rmSync(fixtures.dir, { recursive: true, force: true });
  });

  const importOne = async (datasetId: string, path: string): Promise<string> => {
    const file = { name: path.split('/').at(-1) as string, bytes: readFixture(path) };
    const [outcome] = (await importDicomFiles(server.db, datasetId, [file], null, { blobs: server.blobs, now: server.now })).outcomes;
    if (outcome?.status !== 'imported') throw new Error(`${file.name} was not imported: ${JSON.stringify(outcome)}`);
    return outcome.itemId;
  };
  const tileVersionOf = async (itemId: string): Promise<string> => {
    const { item } = json<ItemDetail>(await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: reader.auth }));
    if (item.content.kind !== 'slide') throw new Error(`item ${itemId} is no slide`);
    return item.content.tileVersion;
  };
  const tile = (itemId: string, version: string, path: string) =>
    server.app.inject({ method: 'GET', url: `/api/items/${itemId}/tiles/${version}/${path}`, headers: reader.auth });

  it('changes the version when more instances arrive; the old URL is gone and never cached, the new one immutable', async () => {
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const dataset = await createDataset(server.db, { name: 'one file per upload', description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString());
    const itemId = await importOne(dataset.id, fixtures.fullLevel0[0]);
    const first = await tileVersionOf(itemId);
    const before = await tile(itemId, first, '0/0/0');
    expect(before.statusCode).toBe(200);
    expect(before.headers['cache-control']).toBe('private, max-age=31536000, immutable');

    // Not through the upload route, which tells this server: as if another instance had imported it.
    expect(await importOne(dataset.id, fixtures.fullLevel0[1])).toBe(itemId);
    const second = await tileVersionOf(itemId);
    expect(second).not.toBe(first);
    const pack = await server.db.selectFrom('slides').select('pack_sha256').where('item_id', '=', itemId).executeTakeFirstOrThrow();
    expect(second).toBe(pack.pack_sha256.slice(0, 16));

    // This server cached the old pyramid a moment ago; a second later it looks again.
    server.advance(1_000);
    const after = await tile(itemId, second, '0/3/3');
    expect(after.statusCode).toBe(200);
    expect(after.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(after.rawPayload.equals(fixtures.storedJpegs.get('0/3/3') ?? Buffer.alloc(0))).toBe(true);
    expect(after.rawPayload.equals(await (await storedPack(server.db, server.blobs, itemId)).tile(0, 3, 3))).toBe(true);
    const rebuiltFirst = await tile(itemId, second, '0/0/0');
    expect(rebuiltFirst.headers.etag).not.toBe(before.headers.etag);

    for (const path of ['0/0/0', '0/3/3']) {
      const stale = await tile(itemId, first, path);
      expect(stale.statusCode, path).toBe(410);
      expect(stale.headers['cache-control'], path).toBe('no-store');
      expect(stale.json(), path).toMatchObject({ error: 'tile_version_gone' });
    }
  });
  it('refuses the old version within a second on an instance that cached it, when another instance rebuilt the slide', async () => {
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const dataset = await createDataset(server.db, { name: 'rebuilt elsewhere', description: '', labelSetId: id, labelSetVersion: version }, null, server.now().toISOString());
    const itemId = await importOne(dataset.id, fixtures.fullLevel0[0]);
    const first = await tileVersionOf(itemId);
    expect((await tile(itemId, first, '0/0/0')).statusCode).toBe(200);

    // Instance B takes the next instance's upload: it forgets its own cached pyramid, this one is not told.
    const b = await server.anotherInstance();
    const path = fixtures.fullLevel0[1];
    const uploaded = await b.inject({
      method: 'POST',
      url: `/api/datasets/${dataset.id}/files`,
      headers: { ...admin.auth, 'content-type': 'application/dicom', 'x-file-name': encodeURIComponent(path.split('/').at(-1) as string) },
      payload: Buffer.from(readFixture(path)),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(await tileVersionOf(itemId), uploaded.body).not.toBe(first);

    // A viewer still on the old pyramid, asking this instance only for old tiles, is refused a second on.
    server.advance(1_000);
    const stale = await tile(itemId, first, '0/0/0');
    expect(stale.statusCode).toBe(410);
    expect(stale.json()).toMatchObject({ error: 'tile_version_gone' });
  });
});
