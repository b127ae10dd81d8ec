import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTakingEarly, forgetEarlyRequests, requestEarly, takeEarly } from './earlyRequests';

let server: Server;
let origin = '';
/** Requests the server saw, as "path authorization". */
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.url} ${request.headers.authorization ?? '-'}`);
    response.writeHead(request.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('requests sent before the app ran', () => {
  it('are sent once: the early reader and the app each read the whole answer', async () => {
    seen.length = 0;
    const path = `${origin}/api/items/a`;
    const early = await requestEarly(path, 't1');
    const app = await fetchTakingEarly(path, { method: 'GET', ...bearer('t1') });
    expect(await early.json()).toEqual({ path: '/api/items/a' });
    expect(await app.json()).toEqual({ path: '/api/items/a' });
    expect(seen).toEqual(['/api/items/a Bearer t1']);
  });

  it('hand an error status to the app as the server gave it', async () => {
    const path = `${origin}/missing`;
    expect((await requestEarly(path, 't1')).status).toBe(404);
    expect((await fetchTakingEarly(path, bearer('t1'))).status).toBe(404);
  });

  it('are taken once, only by a GET of the same path with the same token', async () => {
    seen.length = 0;
    const path = `${origin}/api/items/b`;
    await requestEarly(path, 't1');
    expect(takeEarly(path, { method: 'POST', ...bearer('t1') })).toBeNull();
    expect(takeEarly(path, bearer('t2'))).toBeNull();
    expect(takeEarly(path, bearer('t1'))).not.toBeNull();
    expect(takeEarly(path, bearer('t1'))).toBeNull();
    await (await fetchTakingEarly(path, bearer('t1'))).text();
    expect(seen).toEqual(['/api/items/b Bearer t1', '/api/items/b Bearer t1']);
  });

  it('are read again early, after the app took them, without a second request', async () => {
    seen.length = 0;
    const path = `${origin}/api/items/e`;
    await requestEarly(path, 't1');
    expect(await (await fetchTakingEarly(path, bearer('t1'))).json()).toEqual({ path: '/api/items/e' });
    expect(await (await requestEarly(path, 't1')).json()).toEqual({ path: '/api/items/e' });
    expect(seen).toEqual(['/api/items/e Bearer t1']);
  });

  it('share one request when asked twice early', async () => {
    seen.length = 0;
    const path = `${origin}/api/items/c`;
    await Promise.all([requestEarly(path, 't1'), requestEarly(path, 't1')]);
    expect(seen).toEqual(['/api/items/c Bearer t1']);
  });

  it('reach the app only once the early script has read them, when it holds them back', async () => {
    const path = `${origin}/api/items/f`;
    let handOver: () => void = () => undefined;
    const order: string[] = [];
    const early = requestEarly(path, 't1', { handOverAfter: new Promise<void>((resolve) => (handOver = resolve)) });
    const app = fetchTakingEarly(path, bearer('t1')).then(async (answer) => order.push(`app ${(await answer.json()).path}`));
    order.push(`early ${(await (await early).json()).path}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('handed over');
    handOver();
    await app;
    expect(order).toEqual(['early /api/items/f', 'handed over', 'app /api/items/f']);
  });

  it('are dropped once the page will not use them', async () => {
    const path = `${origin}/api/items/d`;
    await requestEarly(path, 't1');
    forgetEarlyRequests();
    expect(takeEarly(path, bearer('t1'))).toBeNull();
  });
});
