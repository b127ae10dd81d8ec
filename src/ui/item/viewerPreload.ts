/**
 * Starts loading the viewer an item will need while its records load. The kind comes from the
 * dataset list the user came from or this device's copy of the item's detail; else (a link
 * opened on a new device) from the detail itself, which arrives before the records. Never a
 * guess: a slide must not load Cornerstone, whose parsing and decode workers would hold up the
 * first tiles, nor a series OpenSeadragon. A slide's home-view tiles are fetched meanwhile too.
 */
import type { ItemContent, ItemKind } from '../../core/item';
import { appServices, appStore } from '../../store';
import type { ItemList } from '../../store/catalogSlice';
import { preloadSeriesViewer } from '../../viewer/LazySeriesViewer';
import { preloadSlideViewer } from '../../viewer/slide/LazySlideViewer';
import { prefetchSlideHome } from '../slide/useSlideTiles';

/** The item's kind as a loaded dataset list shows it, or null when no list holds it. */
export function listedKind(lists: Readonly<Record<string, ItemList>>, itemId: string): ItemKind | null {
  for (const list of Object.values(lists)) {
    const item = list.items.find((listed) => listed.id === itemId);
    if (item) return item.kind;
  }
  return null;
}

/** The kind known on this device before asking the server, or null. */
export async function knownKind(itemId: string): Promise<ItemKind | null> {
  const listed = listedKind(appStore().getState().itemLists, itemId);
  if (listed) return listed;
  const cached = await appServices().db.itemDetails.get(itemId).catch(() => undefined);
  return cached?.detail.item.content.kind ?? null;
}

/** Resolves once the chunk is loaded (or failed: offline without it, the workspace says so). */
export async function preloadViewerOf(kind: ItemKind): Promise<void> {
  const preload = kind === 'slide' ? preloadSlideViewer : kind === 'series' ? preloadSeriesViewer : null;
  await preload?.().catch(() => undefined);
}

/** Once the item's content is known: its viewer's chunk and, for a slide, its home-view tiles. */
export function prepareViewer(itemId: string, content: ItemContent): void {
  void preloadViewerOf(content.kind);
  if (content.kind === 'slide') prefetchSlideHome(itemId, content);
}
