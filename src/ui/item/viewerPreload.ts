/**
 * Starts loading the viewer an item will need while its records load. The kind comes from the
 * dataset list the user came from or this device's copy of the item's detail; else (a link
 * opened on a new device) from the detail itself, which arrives before the records. Cornerstone
 * is never guessed: its parsing and decode workers would hold up a slide's first tiles. The slide
 * viewer is (see `startItem`). A slide's home-view tiles are fetched with the detail too.
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

/**
 * Opens an item and starts its viewer. Before the detail says what the item is, OpenSeadragon's
 * chunk (a tenth of Cornerstone's) is loaded on a guess: a slide link opened on a new device gets
 * it during the detail's round trip instead of after it, and a series pays a download and an
 * evaluation that fit in that same wait.
 */
export function startItem(itemId: string): void {
  const listed = listedKind(appStore().getState().itemLists, itemId);
  if (listed) void preloadViewerOf(listed);
  else {
    // Not after the device's copy is read: the guess is worth most at once.
    void preloadViewerOf('slide');
    void knownKind(itemId).then((known) => (known === 'series' ? preloadViewerOf(known) : undefined));
  }
  void appStore().getState().openItemById(itemId);
}

/** Once the item's content is known: its viewer's chunk and, for a slide, its home-view tiles. */
export function prepareViewer(itemId: string, content: ItemContent): void {
  void preloadViewerOf(content.kind);
  if (content.kind === 'slide') prefetchSlideHome(itemId, content);
}
