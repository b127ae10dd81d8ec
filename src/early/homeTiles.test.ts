import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { slideTilePath } from '../data/slideTilePath';
import { fetchTakingEarly, forgetEarlyRequests, requestEarly } from './earlyRequests';
import { requestHomeTiles } from './homeTiles';
import { inThreadTilePort } from './testing/inThreadTilePort';
import { startTileWorker } from './tileWorker';

let server: Server;
let origin = '';
/** Tile requests the server saw, by path. */
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/jpeg' });
    response.end(`tile ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

afterEach(() => {
  forgetEarlyRequests();
  seen.length = 0;
});

const TILES = [
  { level: 2, x: 0, y: 0 },
  { level: 1, x: 0, y: 0 },
  { level: 1, x: 1, y: 0 },
];
const paths = () => TILES.map(({ level, x, y }) => slideTilePath('slide-1', 'v1', level, x, y));
const bearer = { headers: { authorization: 'Bearer t1' } };

/** The app: its prefetch asks the owner, then its loader takes each tile through the app's fetch, read whole. */
function appAsks(): Promise<string[]> {
  requestHomeTiles('slide-1', 'v1', TILES, 't1', { origin });
  return Promise.all(paths().map(async (path) => (await fetchTakingEarly(`${origin}${path}`, bearer)).text()));
}

/** The early script: the owner through its worker, then its own copy of each answer read. */
function earlyAsks(): { bitmaps: (Promise<ImageBitmap | null> | null)[]; bodies: Promise<string[]> } {
  const worker = startTileWorker(inThreadTilePort());
  const asked = requestHomeTiles('slide-1', 'v1', TILES, 't1', { worker, origin });
  worker.stop();
  return { bitmaps: asked.map((tile) => tile.bitmap), bodies: Promise.all(paths().map(async (path) => (await requestEarly(`${origin}${path}`, 't1')).text())) };
}

const bodies = () => paths().map((path) => `tile ${path}`);

describe('the home view tiles of the page’s first slide', () => {
  it('are asked once when the early script asks first: decoded in its worker, the app takes the worker’s answers', async () => {
    const early = earlyAsks();
    const app = appAsks();
    expect(await app).toEqual(bodies());
    expect(await early.bodies).toEqual(bodies());
    const decoded = await Promise.all(early.bitmaps);
    expect(decoded.map((bitmap) => (bitmap as unknown as { text: string } | null)?.text)).toEqual(bodies());
    expect(seen.sort()).toEqual(paths().sort());
  });

  it('are asked once when the app asks first: the early script shares its requests and decodes its copies itself', async () => {
    const app = appAsks();
    const early = earlyAsks();
    expect(early.bitmaps).toEqual([null, null, null]);
    expect(await app).toEqual(bodies());
    expect(await early.bodies).toEqual(bodies());
    expect(seen.sort()).toEqual(paths().sort());
  });

  it('are asked again once the page has dropped the early start (another slide, sign-out)', async () => {
    await appAsks();
    forgetEarlyRequests();
    await appAsks();
    expect(seen).toHaveLength(2 * TILES.length);
  });
});
