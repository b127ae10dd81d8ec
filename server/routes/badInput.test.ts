/** Everything a client can send wrong gets a 4xx with a message — never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { JSON_BODY_LIMIT } from '../app';
import { MAX_BATCH_BODY_BYTES } from './annotations/schema';
import { startTestServer, type SignedIn, type TestServer } from '../testing/testServer';

type Method = 'GET' | 'POST' | 'PATCH';

describe('bad input on every route', () => {
  let server: TestServer;
  let admin: SignedIn;
  let itemId: string;
  let datasetId: string;
  let jsonRoutes: { method: Method; url: string; headers?: Record<string, string> }[];

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    admin = await server.signIn('root', ['admin', 'reviewer', 'annotator']);
    ({ itemId, datasetId } = await server.seedDataset({ assignTo: [admin.user.id] }));
    const sync = { 'idempotency-key': 'op' };
    jsonRoutes = [
      { method: 'POST', url: '/api/auth/login' },
      { method: 'POST', url: '/api/auth/password' },
      { method: 'POST', url: '/api/users' },
      { method: 'POST', url: '/api/datasets' },
      { method: 'POST', url: `/api/datasets/${datasetId}/assignments` },
      { method: 'PATCH', url: `/api/items/${itemId}/annotations/me`, headers: sync },
      { method: 'POST', url: `/api/items/${itemId}/review` },
      { method: 'POST', url: `/api/items/${itemId}/comments` },
      { method: 'POST', url: '/api/comments/00000000-0000-4000-8000-000000000000/messages' },
    ];
  });
  afterAll(async () => server.dispose());

  function expectClientError(response: LightMyRequestResponse, status: number, what: string): void {
    expect(response.statusCode, `${what}: ${response.body.slice(0, 200)}`).toBe(status);
    const body = response.json() as { error: unknown; message: unknown };
    expect(typeof body.error, what).toBe('string');
    expect(typeof body.message, what).toBe('string');
    expect((body.message as string).length, what).toBeGreaterThan(0);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  }

  it('answers malformed JSON with 400', async () => {
    for (const route of jsonRoutes) {
      const response = await server.app.inject({
        ...route,
        headers: { ...admin.auth, ...route.headers, 'content-type': 'application/json' },
        payload: '{"username": "a",',
      });
      expectClientError(response, 400, `${route.method} ${route.url}`);
    }
  });

  it('answers an empty JSON body and a missing body with 400', async () => {
    for (const route of jsonRoutes) {
      const empty = await server.app.inject({ ...route, headers: { ...admin.auth, ...route.headers, 'content-type': 'application/json' }, payload: '' });
      expectClientError(empty, 400, `empty ${route.url}`);
      const none = await server.app.inject({ ...route, headers: { ...admin.auth, ...route.headers } });
      expectClientError(none, 400, `none ${route.url}`);
    }
  });

  it('answers missing fields and wrong types with 400 naming the field', async () => {
    for (const route of jsonRoutes) {
      const empty = await server.app.inject({ ...route, headers: { ...admin.auth, ...route.headers }, payload: {} });
      expectClientError(empty, 400, `{} ${route.url}`);
      const wrong = await server.app.inject({
        ...route,
        headers: { ...admin.auth, ...route.headers },
        payload: { username: 1, password: [], currentPassword: {}, newPassword: 2, name: 3, labelSetId: 4, labelSetVersion: 'x', userId: 5, annotatorId: 6, decision: 7, itemId: 8, records: 9 },
      });
      expectClientError(wrong, 400, `wrong types ${route.url}`);
    }
    const missing = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a' } });
    expect(missing.json()).toEqual({ error: 'invalid_input', message: "body must have required property 'password'", field: 'body/password' });
    const typed = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 5 } });
    expect(typed.json()).toEqual({ error: 'invalid_input', message: 'body/password must be string', field: 'body/password' });
  });

  it('answers an unsupported content type with 415', async () => {
    for (const route of jsonRoutes) {
      const response = await server.app.inject({ ...route, headers: { ...admin.auth, ...route.headers, 'content-type': 'application/xml' }, payload: '<a/>' });
      expectClientError(response, 415, route.url);
    }
  });

  it('answers a body over the limit with 413: a batch over the batch limit, another body over the JSON limit', async () => {
    const huge = '{"a":"' + 'x'.repeat(MAX_BATCH_BODY_BYTES) + '"}';
    const response = await server.app.inject({
      method: 'PATCH',
      url: `/api/items/${itemId}/annotations/me`,
      headers: { ...admin.auth, 'content-type': 'application/json', 'idempotency-key': 'big' },
      payload: huge,
    });
    expectClientError(response, 413, 'huge body');
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"username":"' + 'x'.repeat(JSON_BODY_LIMIT) + '"}', headers: { 'content-type': 'application/json' } });
    expectClientError(login, 413, 'huge login');
  });

  it('answers ids that are not UUIDs with 400', async () => {
    const urls = [
      '/api/items/123',
      '/api/items/123/annotations/me',
      '/api/items/123/annotations/me/revisions',
      '/api/items/123/annotations/me/records',
      '/api/items/123/annotations/me/ops',
      '/api/items/123/annotations',
      `/api/items/${itemId}/annotations/123/records`,
      '/api/datasets/123/items',
      `/api/items/${itemId}/files/123`,
      '/api/items/123/files/123',
    ];
    for (const url of urls) {
      const response = await server.app.inject({ method: 'GET', url, headers: admin.auth });
      expectClientError(response, 400, url);
      expect(response.json()).toMatchObject({ message: expect.stringMatching(/must be a UUID/) });
    }
    for (const [method, url] of [
      ['POST', '/api/items/123/submit'],
      ['POST', '/api/items/123/review'],
      ['POST', '/api/datasets/123/assignments'],
      ['POST', '/api/datasets/123/files'],
      ['PATCH', '/api/items/123/annotations/me'],
    ] as const) {
      const response = await server.app.inject({ method, url, headers: admin.auth, payload: {} });
      expectClientError(response, 400, url);
    }
  });

  it('answers bad query values, label-set addresses and URLs with 400', async () => {
    for (const url of [
      '/api/changes?since=abc',
      '/api/changes?since=1',
      `/api/items/${itemId}/annotations/me/records?bbox=1,2`,
      `/api/items/${itemId}/annotations/me/records?limit=x`,
      `/api/items/${itemId}/annotations/me/ops?since=-1`,
      '/api/changes?since=1&since=2',
      '/api/changes?limit=-5',
      '/api/changes?other=1',
      '/api/audit?limit=x',
      `/api/datasets/${datasetId}/items?limit=1.5`,
      '/api/label-sets/sah-slice/0',
      '/api/label-sets/sah-slice/one',
      '/api/label-sets/SAH!/1',
      '/api/items/%E0%A4%A',
    ]) {
      expectClientError(await server.app.inject({ method: 'GET', url, headers: admin.auth }), 400, url);
    }
  });

  it('answers unknown routes and unknown ids with 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['POST', '/api/nope'],
      ['DELETE', '/api/users'],
      ['GET', '/api/items/00000000-0000-4000-8000-000000000000'],
      ['GET', '/api/datasets/00000000-0000-4000-8000-000000000000/items'],
      ['GET', '/api/label-sets/sah-slice/99'],
      ['GET', '/not-a-file.js'],
    ] as const) {
      const response = await server.app.inject({ method, url, headers: admin.auth });
      expectClientError(response, 404, `${method} ${url}`);
    }
    // Unknown API routes are 404 even without a token.
    expectClientError(await server.app.inject({ method: 'GET', url: '/api/nope' }), 404, 'no token');
  });

  it('answers a submit without If-Match and a review of nobody with 400/409, not 500', async () => {
    expectClientError(await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: admin.auth }), 400, 'submit');
    // A reviewer who does not read the item: its readers may not review it at all (403).
    const reviewer = await server.signIn('rev', ['reviewer']);
    const review = await server.app.inject({
      method: 'POST',
      url: `/api/items/${itemId}/review`,
      headers: reviewer.auth,
      payload: { annotatorId: '00000000-0000-4000-8000-000000000000', decision: 'approve' },
    });
    expectClientError(review, 409, 'review');
  });
});
