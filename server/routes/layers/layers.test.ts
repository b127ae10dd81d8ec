import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutlineLayerList } from '../../../src/core/api';
import { decodeOutlineLayer, type OutlineLayer } from '../../../src/core/outlineLayer';
import { storeOutlineLayer } from '../../services/outlineLayers';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const NUCLEI: OutlineLayer = {
  id: 'nuclei',
  name: 'Nuclei (generated)',
  polygons: {
    coords: new Float32Array([10, 10, 20, 10, 15, 18, 40.5, 40, 50, 42, 48, 51, 41, 50]),
    starts: new Uint32Array([0, 3, 7]),
    classIndex: new Uint8Array([0, 1]),
    classes: [
      { code: 'nucleus', color: '#5b3a8e' },
      { code: 'nucleus.atypical', color: '#c0392b' },
    ],
  },
};

describe.each(testDialects('outline layer routes'))('outline layer routes on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let stranger: SignedIn;
  let reviewer: SignedIn;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    stranger = await server.signIn('bob', ['annotator']);
    reviewer = await server.signIn('rita', ['reviewer']);
    ({ itemId } = await server.seedDataset({ assignTo: [ann.user.id] }));
    await storeOutlineLayer(server.db, server.blobs, itemId, NUCLEI, server.now().toISOString());
  });
  afterAll(async () => server.dispose());

  const get = (url: string, who: SignedIn, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers: { ...who.auth, ...headers } });

  it('lists the layers of an item to whoever may see the item', async () => {
    for (const who of [ann, reviewer]) {
      const response = await get(`/api/items/${itemId}/layers`, who);
      expect(response.statusCode).toBe(200);
      expect(json<OutlineLayerList>(response).layers).toEqual([{ id: 'nuclei', name: 'Nuclei (generated)', polygonCount: 2, size: expect.any(Number) }]);
    }
  });

  it('serves a layer as bytes that decode to the stored outlines, cacheable for good', async () => {
    const response = await get(`/api/items/${itemId}/layers/nuclei`, ann);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['cache-control']).toContain('immutable');
    const decoded = decodeOutlineLayer(new Uint8Array(response.rawPayload));
    expect(Array.from(decoded.coords)).toEqual(Array.from(NUCLEI.polygons.coords));
    expect(Array.from(decoded.classIndex)).toEqual([0, 1]);
    const again = await get(`/api/items/${itemId}/layers/nuclei`, ann, { 'if-none-match': String(response.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 to an annotator the item is not assigned to, as if it did not exist', async () => {
    expect((await get(`/api/items/${itemId}/layers`, stranger)).statusCode).toBe(404);
    const layer = await get(`/api/items/${itemId}/layers/nuclei`, stranger);
    expect(layer.statusCode).toBe(404);
    expect(layer.rawPayload.length).toBeLessThan(200);
  });

  it('answers 404 for a layer the item does not have and 400 for a malformed layer id', async () => {
    expect((await get(`/api/items/${itemId}/layers/glands`, ann)).statusCode).toBe(404);
    expect((await get(`/api/items/${itemId}/layers/Not%20An%20Id`, ann)).statusCode).toBe(400);
  });

  it('keeps a layer as first stored: the same again is a no-op, other outlines under its id are refused', async () => {
    const at = server.now().toISOString();
    await expect(storeOutlineLayer(server.db, server.blobs, itemId, NUCLEI, at)).resolves.toMatchObject({ id: 'nuclei', polygonCount: 2 });
    const other = { ...NUCLEI, polygons: { ...NUCLEI.polygons, classIndex: new Uint8Array([1, 1]) } };
    await expect(storeOutlineLayer(server.db, server.blobs, itemId, other, at)).rejects.toThrow(/already has an outline layer "nuclei"/);
  });
});
