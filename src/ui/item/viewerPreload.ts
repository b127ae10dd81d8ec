/**
 * Starts loading the viewer an item will need while its detail and records load. The kind comes
 * from the dataset list the user came from, else from this device's copy of the item's detail;
 * unknown (a link opened on a new device) counts as a series, the common case. A slide never
 * loads Cornerstone: parsing it and starting its decode workers would hold up the first tiles.
 */
import type { ItemKind } from '../../core/item';
import { appServices, appStore } from '../../store';
import type { ItemList } from '../../store/catalogSlice';
import { preloadSeriesViewer } from '../../viewer/LazySeriesViewer';
import { preloadSlideViewer } from '../../viewer/slide/LazySlideViewer';

/** The item's kind as a loaded dataset list shows it, or null when no list holds it. */
export function listedKind(lists: Readonly<Record<string, ItemList>>, itemId: string): ItemKind | null {
  for (const list of Object.values(lists)) {
    const item = list.items.find((listed) => listed.id === itemId);
    if (item) return item.kind;
  }
  return null;
}

async function kindOf(itemId: string): Promise<ItemKind | null> {
  const listed = listedKind(appStore().getState().itemLists, itemId);
  if (listed) return listed;
  const cached = await appServices().db.itemDetails.get(itemId).catch(() => undefined);
  return cached?.detail.item.content.kind ?? null;
}

/** Resolves once the chunk is loaded (or failed: offline without it, the workspace says so). */
export async function preloadViewerFor(itemId: string): Promise<void> {
  const kind = await kindOf(itemId);
  const preload = kind === 'slide' ? preloadSlideViewer : kind === 'frameSet' ? null : preloadSeriesViewer;
  await preload?.().catch(() => undefined);
}
