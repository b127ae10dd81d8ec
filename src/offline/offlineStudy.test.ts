import { describe, expect, it } from 'vitest';
import type { StudySeries } from '../core/api';
import { OfflineTiles } from '../viewer/slide/offlineTiles';
import { memoryTileStore } from '../viewer/slide/testing/memoryTileStore';
import { OfflineStudy } from './offlineStudy';

const ORIGIN = 'http://app.test';

const series = (itemId: string, updatedAt = '1'): StudySeries => ({ itemId, title: itemId, seriesNumber: 1, seriesDescription: '', modality: 'CT', sliceCount: 3, updatedAt });

function study(maxEntries = 100) {
  const store = memoryTileStore();
  return { store, offline: new OfflineStudy(new OfflineTiles(async () => store, maxEntries), ORIGIN) };
}

describe('offline study panel', () => {
  it("keeps a user's listing under each of its series, for that user only", async () => {
    const { offline } = study();
    const listed = [series('s1'), series('s2')];
    await offline.keepListing('reader-a', listed);
    expect(await offline.listing('reader-a', 's1')).toEqual(listed);
    expect(await offline.listing('reader-a', 's2')).toEqual(listed);
    // Another user may be allowed fewer of its series: never given this one's listing.
    expect(await offline.listing('reader-b', 's1')).toBeNull();
    expect(await offline.listing('reader-a', 'other')).toBeNull();
  });

  it('keeps a thumbnail under its version: a new version of the series is not answered with the old picture', async () => {
    const { offline } = study();
    await offline.keepThumbnail(series('s1', 'v1'), new Blob(['old']));
    expect(await (await offline.thumbnail(series('s1', 'v1')))?.text()).toBe('old');
    expect(await offline.thumbnail(series('s1', 'v2'))).toBeNull();
  });

  it('holds at most its bound, dropping what was stored first', async () => {
    const { store, offline } = study(3);
    for (const id of ['s1', 's2', 's3', 's4']) await offline.keepThumbnail(series(id), new Blob([id]));
    expect(store.urls()).toHaveLength(3);
    expect(await offline.thumbnail(series('s1'))).toBeNull();
    expect(await (await offline.thumbnail(series('s4')))?.text()).toBe('s4');
  });

  it('answers no listing for a damaged entry', async () => {
    const { store, offline } = study();
    await offline.keepListing('reader-a', [series('s1')]);
    const [url] = store.urls();
    await store.put(url!, new Response('{not json'));
    expect(await offline.listing('reader-a', 's1')).toBeNull();
  });
});
