import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_SAH_MANIFEST } from '../core/testing/models';
import { fetchModelList, listModelsKept } from './modelList';
import { loadModelFile, isModelFileCached, MODEL_CACHE_NAME, ModelFileError, type ModelFileSource } from './modelFiles';

/** The Cache API as the browser has it, in memory: named caches of responses by URL. */
class MemoryCaches {
  readonly caches = new Map<string, Map<string, Response>>();
  async open(name: string) {
    const entries = this.caches.get(name) ?? new Map<string, Response>();
    this.caches.set(name, entries);
    return {
      match: async (key: string) => entries.get(key)?.clone(),
      put: async (key: string, response: Response) => void entries.set(key, response.clone()),
      delete: async (key: string) => entries.delete(key),
    };
  }
}

const bytes = new TextEncoder().encode('pretend these are ONNX bytes').buffer as ArrayBuffer;
const sha256 = createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

/** A server holding `files` by hash, whose requests are counted; `online` false makes every request fail as offline does. */
function server(files: Record<string, ArrayBuffer>) {
  const state = { online: true, requests: [] as { url: string; authorization: string | null }[] };
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    state.requests.push({ url, authorization: new Headers(init?.headers).get('authorization') });
    if (!state.online) throw new TypeError('Failed to fetch');
    const body = files[url.split('/').pop() ?? ''];
    if (url.startsWith('/api/models?') || url === '/api/models') return Response.json({ models: [] });
    return body ? new Response(body.slice(0)) : Response.json({ error: 'not_found', message: 'no such file' }, { status: 404 });
  }) as typeof fetch;
  return { state, fetch: fetchFn };
}

function sourceOf(fetchFn: typeof fetch, caches: MemoryCaches | null): ModelFileSource {
  return { transport: { getToken: () => 'token-1', fetch: fetchFn }, caches: caches as unknown as CacheStorage | null };
}

describe('loadModelFile', () => {
  it('fetches once with the user\'s token, keeps the verified bytes and then works offline', async () => {
    const { state, fetch } = server({ [sha256]: bytes });
    const caches = new MemoryCaches();
    const source = sourceOf(fetch, caches);
    expect(await isModelFileCached(sha256, source)).toBe(false);
    expect(new Uint8Array(await loadModelFile(sha256, source))).toEqual(new Uint8Array(bytes));
    expect(state.requests).toEqual([{ url: `/api/models/files/${sha256}`, authorization: 'Bearer token-1' }]);
    expect([...caches.caches.keys()]).toEqual([MODEL_CACHE_NAME]);

    state.online = false;
    expect(new Uint8Array(await loadModelFile(sha256, source))).toEqual(new Uint8Array(bytes));
    expect(state.requests).toHaveLength(1);
    expect(await isModelFileCached(sha256, source)).toBe(true);
  });

  it('says clearly when offline and the file was never downloaded', async () => {
    const { state, fetch } = server({ [sha256]: bytes });
    state.online = false;
    const error = await loadModelFile(sha256, sourceOf(fetch, new MemoryCaches())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect(error).toMatchObject({ code: 'offline_not_cached' });
  });

  it('refuses and does not keep bytes whose hash is not their name; drops a damaged cached copy', async () => {
    const other = 'b'.repeat(64);
    const { fetch } = server({ [other]: bytes });
    const caches = new MemoryCaches();
    await expect(loadModelFile(other, sourceOf(fetch, caches))).rejects.toMatchObject({ code: 'hash_mismatch' });
    expect(await isModelFileCached(other, sourceOf(fetch, caches))).toBe(false);

    const good = server({ [sha256]: bytes });
    const cache = await caches.open(MODEL_CACHE_NAME);
    await cache.put(`/api/models/files/${sha256}`, new Response('corrupted'));
    expect(new Uint8Array(await loadModelFile(sha256, sourceOf(good.fetch, caches)))).toEqual(new Uint8Array(bytes));
    expect(good.state.requests).toHaveLength(1);
  });

  it('tells a file the server does not have apart, and works without a Cache API', async () => {
    const { fetch } = server({});
    await expect(loadModelFile(sha256, sourceOf(fetch, null))).rejects.toMatchObject({ code: 'not_found' });
    const online = server({ [sha256]: bytes });
    expect(new Uint8Array(await loadModelFile(sha256, sourceOf(online.fetch, null)))).toEqual(new Uint8Array(bytes));
  });
});

describe('fetchModelList', () => {
  it('asks for the models of a label set and kind of item', async () => {
    const { state, fetch } = server({});
    expect(await fetchModelList({ getToken: () => 'token-1', fetch }, { labelSetId: 'sah-slice', itemKind: 'series' })).toEqual([]);
    expect(state.requests[0]?.url).toBe('/api/models?labelSetId=sah-slice&itemKind=series');
  });

  it('keeps the last list on the device and offers it while the server cannot be reached', async () => {
    const listed = [{ manifest: TEST_SAH_MANIFEST, builtin: true, enabled: true }];
    let online = true;
    const fetchList = (async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return Response.json({ models: listed });
    }) as typeof fetch;
    const caches = new MemoryCaches();
    const filter = { labelSetId: 'sah-slice', itemKind: 'series' } as const;
    expect(await listModelsKept(sourceOf(fetchList, caches), filter)).toEqual(listed);
    online = false;
    expect(await listModelsKept(sourceOf(fetchList, caches), filter)).toEqual(listed);
    // Another filter was never listed here, and without a cache nothing is kept.
    await expect(listModelsKept(sourceOf(fetchList, caches), { labelSetId: 'other' })).rejects.toThrow();
    await expect(listModelsKept(sourceOf(fetchList, null), filter)).rejects.toThrow();
  });
});
