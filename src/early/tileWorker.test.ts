import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlideItem } from '../core/item';
import { inThreadTilePort, type StandInBitmap } from './testing/inThreadTilePort';
import { startTileWorker, type TilePort } from './tileWorker';

let server: Server;
let origin = '';
/** Requests the server saw, as "path authorization". */
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.url} ${request.headers.authorization ?? '-'}`);
    if (request.url === '/gone') {
      response.writeHead(410, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'tile_version_gone' }));
    } else if (request.url === '/api/items/s1') {
      response.writeHead(200, { 'content-type': 'application/json' });
      const levels = [
        { width: 600, height: 300, downsample: 1 },
        { width: 300, height: 150, downsample: 2 },
      ];
      response.end(JSON.stringify({ item: { content: { kind: 'slide', tileVersion: 'v1', tileSize: 256, levels } } }));
    } else if (request.url === '/empty') {
      response.writeHead(204);
      response.end();
    } else {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.end(`tile ${request.url}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the early tile worker, page side', () => {
  it('answers as the server did, the tile decoded beside it, each bitmap handed over once', async () => {
    const made: StandInBitmap[] = [];
    const worker = startTileWorker(inThreadTilePort(made));
    const answer = await worker.send(`${origin}/a`, 'Bearer t1');
    expect([answer.status, answer.headers.get('content-type'), await answer.text()]).toEqual([200, 'image/jpeg', 'tile /a']);
    const bitmap = worker.takeBitmap(`${origin}/a`);
    expect(worker.takeBitmap(`${origin}/a`)).toBeNull();
    expect(((await bitmap) as unknown as StandInBitmap).text).toBe('tile /a');
    expect(seen).toContain('/a Bearer t1');
  });

  it('hands an error answer over with its body, undecoded, and a null-body status without one', async () => {
    const made: StandInBitmap[] = [];
    const worker = startTileWorker(inThreadTilePort(made));
    const gone = await worker.send(`${origin}/gone`, 'Bearer t1');
    expect([gone.status, await gone.json()]).toEqual([410, { error: 'tile_version_gone' }]);
    expect(await worker.takeBitmap(`${origin}/gone`)).toBeNull();
    const empty = await worker.send(`${origin}/empty`, 'Bearer t1');
    expect([empty.status, empty.body]).toEqual([204, null]);
    expect(made).toHaveLength(0);
  });

  it('rejects as fetch does where no answer came (nothing listening)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const worker = startTileWorker(inThreadTilePort());
    await expect(worker.send(`http://127.0.0.1:${port}/a`, 'Bearer t1')).rejects.toThrow(TypeError);
    expect(await worker.takeBitmap(`http://127.0.0.1:${port}/a`)).toBeNull();
  });

  it('closes the bitmaps nobody took and ends once its answers are in', async () => {
    const made: StandInBitmap[] = [];
    const port = inThreadTilePort(made);
    const worker = startTileWorker(port);
    const answer = worker.send(`${origin}/b`, 'Bearer t1');
    worker.stop();
    expect(port.terminated).toBe(false);
    await answer;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(port.terminated).toBe(true);
    expect(made.map((bitmap) => bitmap.closed)).toEqual([true]);
  });

  it('leaves its tiles to the page’s fetch, undecoded, where the worker fails to start', async () => {
    seen.length = 0;
    let terminated = false;
    const broken: TilePort = { postMessage: () => undefined, onmessage: null, onerror: null, terminate: () => void (terminated = true) };
    const worker = startTileWorker(broken);
    const answer = worker.send(`${origin}/c`, 'Bearer t1');
    broken.onerror?.(new Event('error') as ErrorEvent);
    expect(await (await answer).text()).toBe('tile /c');
    expect(await worker.takeBitmap(`${origin}/c`)).toBeNull();
    expect(await (await worker.send(`${origin}/d`, 'Bearer t1')).text()).toBe('tile /d');
    expect([terminated, seen]).toEqual([true, ['/c Bearer t1', '/d Bearer t1']]);
  });

  it('starts a slide’s home-view tiles once the page says its detail is in, and answers the page’s asks for them from those requests', async () => {
    seen.length = 0;
    const made: StandInBitmap[] = [];
    const worker = startTileWorker(inThreadTilePort(made));
    const homeView = { itemId: 's1', origin, viewport: { width: 300, height: 150, exact: true }, pixelRatio: 1 };
    const slide = (await (await fetch(`${origin}/api/items/s1`)).json()).item.content as SlideItem;
    worker.startHomeView(homeView, slide, 'Bearer t1');
    // The home view in a 300 × 150 viewer (exact): the 2 tiles of level 1 and, drawn down to half a px, the 6 of level 0.
    const paths = ['1/0/0', '1/1/0', '0/0/0', '0/1/0', '0/2/0', '0/0/1', '0/1/1', '0/2/1'].map((tile) => `/api/items/s1/tiles/v1/${tile}`);
    const tileRequests = () => seen.filter((request) => request.includes('/tiles/'));
    // Before the page asks for any.
    await expect.poll(() => tileRequests().length).toBe(paths.length);
    const answers = await Promise.all(paths.map(async (path) => (await worker.send(`${origin}${path}`, 'Bearer t1')).text()));
    expect(answers).toEqual(paths.map((path) => `tile ${path}`));
    expect(((await worker.takeBitmap(`${origin}${paths[1]}`)) as unknown as StandInBitmap).text).toBe(`tile ${paths[1]}`);
    // Each asked once: by the worker on its own, the page's asks answered from those requests.
    expect(tileRequests().sort()).toEqual(paths.map((path) => `${path} Bearer t1`).sort());
  });

  it('starts nothing for a slide it cannot show (no levels), and nothing once stopped', async () => {
    seen.length = 0;
    const worker = startTileWorker(inThreadTilePort());
    const homeView = { itemId: 's1', origin, viewport: { width: 300, height: 150, exact: true }, pixelRatio: 1 };
    const slide = (await (await fetch(`${origin}/api/items/s1`)).json()).item.content as SlideItem;
    worker.startHomeView(homeView, { ...slide, levels: [] }, 'Bearer t1');
    worker.stop();
    worker.startHomeView(homeView, slide, 'Bearer t1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.filter((request) => request.includes('/tiles/'))).toEqual([]);
  });
});
