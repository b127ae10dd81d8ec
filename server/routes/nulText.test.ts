/**
 * Text a database cannot keep as sent (NUL, which PostgreSQL refuses; lone UTF-16 surrogates and
 * bytes that are not UTF-8, which both drivers would replace by U+FFFD) and integers a column
 * cannot hold are 400s on both dialects, storing nothing.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHeadCtPhantom } from '../demo/phantom';
import { findBadText } from '../plugins/noNulText';
import { encodeCursor } from '../services/items';
import { testDialects } from '../testing/testDatabase';
import { startTestServer, TEST_PASSWORD, type SignedIn, type TestServer } from '../testing/testServer';

describe('findBadText', () => {
  const NUL = 'must not contain the NUL character (U+0000)';
  const LONE = 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';

  it('names the first string or key holding U+0000 or a lone surrogate, and skips bytes', () => {
    expect(findBadText({ a: ['ok', { b: 'x\u0000y' }] })).toEqual({ path: '/a/1/b', problem: NUL });
    expect(findBadText({ 'k\u0000': 1 })).toEqual({ path: '/k\\u0000', problem: NUL });
    expect(findBadText('\u0000')).toEqual({ path: '', problem: NUL });
    expect(findBadText({ a: [1, 2, 'x\ud800'] })).toEqual({ path: '/a/2', problem: LONE });
    expect(findBadText({ a: 'ab\udc00' })).toEqual({ path: '/a', problem: LONE });
    expect(findBadText({ ['\udbff']: 1 })).toEqual({ path: '/\\udbff', problem: LONE });
    expect(findBadText({ a: 'ok 😀 日本', n: 1, z: null, bytes: new Uint8Array([0, 0]) })).toBeNull();
  });

  it('reports the first problem in document order', () => {
    expect(findBadText({ first: ['\ud800'], second: '\u0000' })?.path).toBe('/first/0');
  });
});

describe.each(testDialects('NUL in client text'))('NUL in client text on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let datasetId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('root', ['admin']);
    ({ datasetId } = await server.seedDataset());
  });
  afterAll(async () => server.dispose());

  function expectNulRefused(response: LightMyRequestResponse, where: string): void {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_text', message: `${where} must not contain the NUL character (U+0000)` });
  }

  it('refuses it in a login username and password, and the login still works afterwards', async () => {
    const login = (payload: object) => server.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expectNulRefused(await login({ username: 'ro\u0000ot', password: TEST_PASSWORD }), 'body/username');
    expectNulRefused(await login({ username: 'root', password: `${TEST_PASSWORD}\u0000` }), 'body/password');
    expect((await login({ username: 'root', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses it in a dataset name and a user display name, storing nothing', async () => {
    const dataset = await server.app.inject({
      method: 'POST',
      url: '/api/datasets',
      headers: admin.auth,
      payload: { name: 'bad\u0000name', labelSetId: 'sah-slice', labelSetVersion: 1 },
    });
    expectNulRefused(dataset, 'body/name');
    const user = await server.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.auth,
      payload: { username: 'nul', displayName: 'N\u0000L', password: TEST_PASSWORD, roles: ['annotator'] },
    });
    expectNulRefused(user, 'body/displayName');
    expect(await server.db.selectFrom('datasets').select('name').where('name', 'like', 'bad%').execute()).toEqual([]);
    expect(await server.db.selectFrom('users').select('id').where('username', '=', 'nul').execute()).toEqual([]);
  });

  it('refuses it in a query value, a cursor and an uploaded file name', async () => {
    const items = `/api/datasets/${datasetId}/items`;
    expectNulRefused(await server.app.inject({ method: 'GET', url: `${items}?cursor=a%00b`, headers: admin.auth }), 'querystring/cursor');
    const forged = await server.app.inject({ method: 'GET', url: `${items}?cursor=${encodeCursor('a\u0000', 'b')}`, headers: admin.auth });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ message: 'cursor is not one this server handed out' });

    const [file] = generateHeadCtPhantom({ sliceCount: 6, seed: 99 }).files;
    const upload = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${datasetId}/files`,
      headers: { ...admin.auth, 'content-type': 'application/dicom', 'x-file-name': 'slice%00.dcm' },
      payload: Buffer.from(file?.bytes ?? []),
    });
    expectNulRefused(upload, 'X-File-Name');
  });

  it('refuses lone surrogates and bytes that are not UTF-8, where the drivers would store U+FFFD instead', async () => {
    const create = (payload: string) =>
      server.app.inject({ method: 'POST', url: '/api/datasets', headers: { ...admin.auth, 'content-type': 'application/json' }, payload });
    const lone = await create('{"name":"CT \\ud800 study","labelSetId":"sah-slice","labelSetVersion":1}');
    expect(lone.statusCode, lone.body).toBe(400);
    expect(lone.json()).toEqual({ error: 'invalid_text', message: 'body/name must be valid Unicode text (it holds a lone UTF-16 surrogate)' });
    const notUtf8 = await server.app.inject({
      method: 'POST',
      url: '/api/datasets',
      headers: { ...admin.auth, 'content-type': 'application/json' },
      payload: Buffer.concat([Buffer.from('{"name":"CT '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","labelSetId":"sah-slice","labelSetVersion":1}')]),
    });
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.json()).toEqual({ error: 'invalid_text', message: 'request body is not valid UTF-8 text' });
    expect(await server.db.selectFrom('datasets').select('name').where('name', 'like', 'CT %').execute()).toEqual([]);
    const pair = await create('{"name":"CT \\ud83d\\ude00 study","labelSetId":"sah-slice","labelSetVersion":1}');
    expect(pair.statusCode, pair.body).toBe(201);
  });

  it('refuses integers a column cannot hold with 400 naming the field, not a database error', async () => {
    const tooBig = await server.app.inject({
      method: 'POST',
      url: '/api/datasets',
      headers: admin.auth,
      payload: { name: 'range', labelSetId: 'sah-slice', labelSetVersion: 2 ** 31 },
    });
    expect(tooBig.statusCode, tooBig.body).toBe(400);
    expect(tooBig.json()).toMatchObject({ error: 'invalid_input', field: 'body/labelSetVersion' });
    expect(await server.db.selectFrom('datasets').select('name').where('name', '=', 'range').execute()).toEqual([]);
  });
});
