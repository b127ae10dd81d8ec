/** The NUL character in client text is a 400 on both dialects (PostgreSQL cannot store it). */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHeadCtPhantom } from '../demo/phantom';
import { findNul } from '../plugins/noNulText';
import { encodeCursor } from '../services/items';
import { testDialects } from '../testing/testDatabase';
import { startTestServer, TEST_PASSWORD, type SignedIn, type TestServer } from '../testing/testServer';

describe('findNul', () => {
  it('names the first string or key holding U+0000, and skips bytes', () => {
    expect(findNul({ a: ['ok', { b: 'x\u0000y' }] })).toBe('/a/1/b');
    expect(findNul({ 'k\u0000': 1 })).toBe('/k\\u0000');
    expect(findNul('\u0000')).toBe('');
    expect(findNul({ a: 'ok', n: 1, z: null, bytes: new Uint8Array([0, 0]) })).toBeNull();
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
    expect(response.json()).toEqual({ error: 'bad_request', message: `${where} must not contain the NUL character (U+0000)` });
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
});
