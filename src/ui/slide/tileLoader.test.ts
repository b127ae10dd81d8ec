import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError } from '../../data/api';
import { OfflineTiles } from '../../viewer/slide/offlineTiles';
import { memoryTileStore } from '../../viewer/slide/testing/memoryTileStore';
import { TileLoadError } from '../../viewer/slide/tileLoadError';
import { createTileLoader } from './tileLoader';

const ORIGIN = 'http://app.test';
const tile = (text: string) => new Blob([text]);
/** The tile is kept after it is handed over (promise jobs only): one task later it is stored. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

async function failure(promise: Promise<unknown>): Promise<TileLoadError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TileLoadError);
  return error as TileLoadError;
}

describe('slide tile loader', () => {
  it('fetches the pyramid\'s tile from the server and keeps it under its URL, which names the pyramid', async () => {
    const store = memoryTileStore();
    const offline = new OfflineTiles(async () => store, 10);
    const asked: string[] = [];
    const load = createTileLoader('item 1', 'v1', async (_item, version, level, x, y) => {
      asked.push(version);
      return tile(`${level}/${x}/${y}`);
    }, offline, ORIGIN);
    expect(await (await load(2, 3, 4)).text()).toBe('2/3/4');
    await settled();
    expect(asked).toEqual(['v1']);
    expect(store.urls()).toEqual(['http://app.test/api/items/item%201/tiles/v1/2/3/4']);
  });

  it('keeps a rebuilt slide\'s tiles apart from the old pyramid\'s, and never answers from the old copies', async () => {
    const store = memoryTileStore();
    const offline = new OfflineTiles(async () => store, 10);
    let online = true;
    const fetchTile = async (_item: string, version: string) => {
      if (!online) throw new NetworkError(new TypeError('Failed to fetch'));
      return tile(`pyramid ${version}`);
    };
    await createTileLoader('s', 'old', fetchTile, offline, ORIGIN)(0, 0, 0);
    const rebuilt = createTileLoader('s', 'new', fetchTile, offline, ORIGIN);
    expect(await (await rebuilt(0, 0, 0)).text()).toBe('pyramid new');
    await settled();
    expect(store.urls()).toEqual(['http://app.test/api/items/s/tiles/old/0/0/0', 'http://app.test/api/items/s/tiles/new/0/0/0']);
    online = false;
    expect(await (await rebuilt(0, 0, 0)).text()).toBe('pyramid new');
    expect((await failure(rebuilt(0, 1, 0))).failure).toBe('offline');
  });

  it('reports a pyramid the server no longer serves as rebuilt, without falling back on its kept copy', async () => {
    const offline = new OfflineTiles(async () => memoryTileStore(), 10);
    let gone = false;
    const load = createTileLoader('s', 'old', async () => {
      if (gone) throw new ApiRequestError(410, { error: 'tile_version_gone', message: 'rebuilt' }, null);
      return tile('old');
    }, offline, ORIGIN);
    await load(0, 0, 0);
    await settled();
    gone = true;
    expect((await failure(load(0, 0, 0))).failure).toBe('rebuilt');
  });

  it('shares one request between callers asking for the same tile while it is in flight, and asks again later', async () => {
    const offline = new OfflineTiles(async () => memoryTileStore(), 10);
    let requests = 0;
    const load = createTileLoader('item 1', 'v1', async (_item, _version, level, x, y) => {
      requests += 1;
      await settled();
      return tile(`${level}/${x}/${y}`);
    }, offline, ORIGIN);
    const [a, b, other] = await Promise.all([load(4, 0, 0), load(4, 0, 0), load(4, 0, 1)]);
    expect(a).toBe(b);
    expect(await other.text()).toBe('4/0/1');
    expect(requests).toBe(2);
    await load(4, 0, 0);
    expect(requests).toBe(3);
  });

  it('serves the kept copy when the network fails, and says "offline" for a tile never seen', async () => {
    const offline = new OfflineTiles(async () => memoryTileStore(), 10);
    let online = true;
    const load = createTileLoader('i', 'v1', async () => {
      if (!online) throw new NetworkError(new TypeError('Failed to fetch'));
      return tile('seen');
    }, offline, ORIGIN);
    await load(0, 0, 0);
    await settled();
    online = false;
    expect(await (await load(0, 0, 0)).text()).toBe('seen');
    expect((await failure(load(0, 1, 0))).failure).toBe('offline');
  });

  it('falls back on the kept copy when the server fails, and reports a refusal as the server\'s', async () => {
    const offline = new OfflineTiles(async () => memoryTileStore(), 10);
    let answer: 'ok' | 500 | 404 = 'ok';
    const load = createTileLoader('i', 'v1', async () => {
      if (answer !== 'ok') throw new ApiRequestError(answer, { error: 'x', message: 'x' }, null);
      return tile('seen');
    }, offline, ORIGIN);
    await load(1, 0, 0);
    await settled();
    answer = 500;
    expect(await (await load(1, 0, 0)).text()).toBe('seen');
    expect((await failure(load(1, 1, 1))).failure).toBe('server');
    answer = 404;
    expect((await failure(load(1, 0, 0))).failure).toBe('server');
  });
});
