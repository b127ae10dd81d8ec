/** The tile endpoint over a real imported slide, on SQLite and PostgreSQL, counting database queries. */
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/core/api';
import type { SlideItem } from '../../../src/core/item';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { buildApp } from '../../app';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import { prepareDatabase } from '../../bootstrap';
import { generateHeadCtPhantom } from '../../demo/phantom';
import { importDicomFiles } from '../../import/importFiles';
import { assignItems, createDataset } from '../../services/datasets';
import { createUser } from '../../services/users';
import { hasPathologySampleData, pathologySample, sampleDataDir } from '../../testing/sampleData';
import { storedPack } from '../../testing/slides';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { TEST_PASSWORD } from '../../testing/testServer';

/** Counts every query the app sends to the database. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

if (!hasPathologySampleData()) console.log(`sample data not found at ${sampleDataDir()}: tile endpoint suite did not run`);

describe.runIf(hasPathologySampleData()).each(testDialects('tile endpoint'))('GET /api/items/:id/tiles on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const queries = new QueryCounter();
  let slideId = '';
  let tileVersion = '';
  let seriesId = '';
  const at = '2026-01-15T09:00:00.000Z';

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
    const blobs = blobStoreIn(database.dataDir);
    app = await buildApp({ db: database.db.withPlugin(queries), blobs });
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const dataset = await createDataset(database.db, { name: 'gastric', description: '', labelSetId: id, labelSetVersion: version }, null, at);
    const slides = await importDicomFiles(database.db, dataset.id, [{ name: 'CMU-1-Small-Region.svs', path: pathologySample('CMU-1-Small-Region.svs') }], null, { blobs });
    const series = await importDicomFiles(database.db, dataset.id, generateHeadCtPhantom({ sliceCount: 6 }).files, null, { blobs });
    [slideId, seriesId] = [slides.itemIds[0] as string, series.itemIds[0] as string];
    const slide = await database.db.selectFrom('items').select('content').where('id', '=', slideId).executeTakeFirstOrThrow();
    tileVersion = (JSON.parse(slide.content) as SlideItem).tileVersion;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  let users = 0;
  const signIn = async (roles: readonly Role[], assigned: boolean) => {
    users += 1;
    const username = `user${users}`;
    const user = await createUser(database.db, { username, displayName: username, password: TEST_PASSWORD, roles, mustChangePassword: false }, null, at);
    if (assigned) {
      const item = await database.db.selectFrom('items').select('dataset_id').where('id', '=', slideId).executeTakeFirstOrThrow();
      await assignItems(database.db, item.dataset_id, user.id, [slideId, seriesId], null, at);
    }
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    // The sign-in's audit row is sealed into the chain after its response: let that finish, so its
    // queries are not counted as a tile's.
    await new Promise(setImmediate);
    await app.ctx.auditSealer.idle();
    return { authorization: `Bearer ${(response.json() as { token: string }).token}` };
  };
  const tile = (auth: { authorization: string } | Record<string, never>, path: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/api/items/${slideId}/tiles/${tileVersion}/${path}`, headers: { ...auth, ...headers } });

  it('serves the pack\'s bytes with the tile format, an ETag and immutable private caching', async () => {
    const auth = await signIn(['annotator'], true);
    const pack = await storedPack(database.db, blobStoreIn(database.dataDir), slideId);
    for (const path of ['0/0/0', '0/8/11', '4/0/0']) {
      const response = await tile(auth, path);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['content-type']).toBe('image/jpeg');
      expect(response.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect(response.headers.etag).toMatch(/^"[0-9a-f]{32}-\d+-\d+-\d+"$/);
      const [level, x, y] = path.split('/').map(Number) as [number, number, number];
      expect(Buffer.compare(response.rawPayload, await pack.tile(level, x, y)), path).toBe(0);
    }
    const again = await tile(auth, '0/0/0', { 'if-none-match': (await tile(auth, '0/0/0')).headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('asks the database nothing for a tile once the slide is open', async () => {
    const auth = await signIn(['annotator'], true);
    queries.count = 0;
    expect((await tile(auth, '1/0/0')).statusCode).toBe(200);
    expect(queries.count).toBeGreaterThan(0);
    queries.count = 0;
    expect((await tile(auth, '1/1/1')).statusCode).toBe(200);
    expect((await tile(auth, '0/3/4')).statusCode).toBe(200);
    expect(queries.count).toBe(0);
  });

  it('answers 404 with a code for a tile outside the grid', async () => {
    const auth = await signIn(['annotator'], true);
    for (const path of ['0/9/0', '0/0/12', '5/0/0', '4/1/0']) {
      const response = await tile(auth, path);
      expect(response.statusCode, path).toBe(404);
      expect(response.json(), path).toMatchObject({ error: 'tile_outside_slide' });
    }
    expect((await tile(auth, '0/-1/0')).statusCode).toBe(400);
    const series = await app.inject({ method: 'GET', url: `/api/items/${seriesId}/tiles/${tileVersion}/0/0/0`, headers: auth });
    expect(series.statusCode).toBe(404);
    expect(series.json()).toMatchObject({ error: 'not_a_slide' });
  });

  it('names the pack in the tile URL: another version is gone (never cached), a malformed one refused, none unrouted', async () => {
    const auth = await signIn(['annotator'], true);
    const pack = await database.db.selectFrom('slides').select('pack_sha256').where('item_id', '=', slideId).executeTakeFirstOrThrow();
    expect(tileVersion).toBe(pack.pack_sha256.slice(0, 16));
    const url = (version: string) => `/api/items/${slideId}/tiles/${version}/0/0/0`;
    const other = await app.inject({ method: 'GET', url: url('0123456789abcdef'), headers: auth });
    expect(other.statusCode).toBe(410);
    expect(other.json()).toMatchObject({ error: 'tile_version_gone' });
    expect(other.headers['cache-control']).toBe('no-store');
    expect((await app.inject({ method: 'GET', url: url('a.b'), headers: auth })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/items/${slideId}/tiles/0/0/0`, headers: auth })).statusCode).toBe(404);
  });

  it('refuses an annotator the slide is not assigned to, and a request without a session', async () => {
    const stranger = await signIn(['annotator'], false);
    const response = await tile(stranger, '0/0/0');
    expect(response.statusCode).toBe(404);
    expect(response.rawPayload.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect((await tile({}, '0/0/0')).statusCode).toBe(401);
    const reviewer = await signIn(['reviewer'], false);
    expect((await tile(reviewer, '0/0/0')).statusCode).toBe(200);
  });

  it('forgets a session at once when it signs out', async () => {
    const auth = await signIn(['annotator'], true);
    expect((await tile(auth, '2/0/0')).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode).toBeLessThan(300);
    expect((await tile(auth, '2/0/0')).statusCode).toBe(401);
  });

  it('forgets an account at once when an admin disables it', async () => {
    const auth = await signIn(['annotator'], true);
    const userId = (await database.db.selectFrom('users').select('id').where('username', '=', `user${users}`).executeTakeFirstOrThrow()).id;
    expect((await tile(auth, '3/0/0')).statusCode).toBe(200);
    const admin = await signIn(['admin'], false);
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${userId}`, headers: admin, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await tile(auth, '3/0/0')).statusCode).toBe(401);
  });
});
