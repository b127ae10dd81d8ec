/**
 * Starts loading the viewer an item will need while its records load. The kind comes from the
 * dataset list the user came from, the kinds this device remembers (knownKinds) or its copy of
 * the item's detail; else (a link opened on a new device) from the detail itself, which arrives
 * before the records. Cornerstone is never guessed: its parsing and decode workers would hold up
 * a slide's first tiles. The slide viewer is (see `startItem`). A slide's home-view tiles are
 * fetched with the detail too, and a series' first shown slice (see fileHeadStart).
 */
import type { ItemContent, ItemKind } from '../../core/item';
import { appServices, appStore } from '../../store';
import type { ItemList } from '../../store/catalogSlice';
import { decodeSliceAhead, preloadSeriesViewer, startSeriesViewer } from '../../viewer/seriesViewerStart';
import { preloadSlideViewer } from '../../viewer/slide/LazySlideViewer';
import { prefetchSlideHome } from '../slide/useSlideTiles';
import { firstShownSlice, itemFileHeadStart, loadItemFile } from './fileHeadStart';
import { deviceStorage, knownKind, rememberKind } from './knownKinds';

/** The item's kind as a loaded dataset list shows it, or null when no list holds it. */
export function listedKind(lists: Readonly<Record<string, ItemList>>, itemId: string): ItemKind | null {
  for (const list of Object.values(lists)) {
    const item = list.items.find((listed) => listed.id === itemId);
    if (item) return item.kind;
  }
  return null;
}

/** This device's copy of the item's content (from an earlier visit), or null. */
async function cachedContent(itemId: string): Promise<ItemContent | null> {
  const cached = await appServices().db.itemDetails.get(itemId).catch(() => undefined);
  return cached?.detail.item.content ?? null;
}

/** Where this reader left the item on this device, read once per opening (see `startItem`). */
let kept: { readonly itemId: string; readonly index: Promise<number | undefined> } | null = null;

function keptSliceIndex(itemId: string): Promise<number | undefined> {
  if (kept?.itemId === itemId) return kept.index;
  const userId = appStore().getState().session?.user.id;
  const index = userId
    ? appServices()
        .db.readings.get([itemId, userId])
        .then((reading) => reading?.sliceIndex)
        .catch(() => undefined)
    : Promise.resolve(undefined);
  kept = { itemId, index };
  return index;
}

/**
 * For a series: Cornerstone started, the file of the slice it opens on requested before its page
 * asks (see fileHeadStart), and that slice decoded as soon as Cornerstone is initialised.
 */
function startSeries(itemId: string, content: ItemContent): void {
  if (content.kind !== 'series') return;
  void startSeriesViewer().catch(() => undefined);
  void keptSliceIndex(itemId).then((index) => {
    const slice = firstShownSlice(content.slices, index);
    if (!slice) return;
    itemFileHeadStart.start(itemId, slice.fileId);
    // Not reported here: the viewer loads the slice itself, and reports a failure, if this did not.
    decodeSliceAhead(slice, (fileId) => itemFileHeadStart.share(itemId, fileId) ?? loadItemFile(itemId, fileId)).catch(() => undefined);
  });
}

/** Resolves once the chunk is loaded (or failed: offline without it, the workspace says so). */
export async function preloadViewerOf(kind: ItemKind): Promise<void> {
  const preload = kind === 'slide' ? preloadSlideViewer : kind === 'series' ? preloadSeriesViewer : null;
  await preload?.().catch(() => undefined);
}

/**
 * The viewer to load before the item's detail arrives: the kind a loaded list or this device's
 * copy shows, else a slide on a guess (OpenSeadragon's chunk is a tenth of Cornerstone's): a slide
 * link opened on a new device gets it during the detail's round trip instead of after it, and a
 * series pays a download and an evaluation that fit in that same wait. A series this device has
 * seen pays nothing: there the guess's parsing and evaluation ran beside Cornerstone's own, on
 * the way to the first slice.
 */
export function kindBeforeDetail(listed: ItemKind | null, cached: ItemKind | null): ItemKind {
  return listed ?? cached ?? 'slide';
}

/** A series' viewer with Cornerstone initialised and its decode workers started; any other kind's chunk. */
function startViewerOf(kind: ItemKind): void {
  if (kind === 'series') void startSeriesViewer().catch(() => undefined);
  else void preloadViewerOf(kind);
}

function rememberedKind(itemId: string): ItemKind | null {
  const storage = deviceStorage();
  return storage && knownKind(storage, itemId);
}

/**
 * For an item's URL, before the session is read back: the viewer of the kind this device
 * remembers for it, else a slide's on a guess (see `kindBeforeDetail`).
 */
export function startViewerBeforeSession(itemId: string): void {
  startViewerOf(kindBeforeDetail(null, rememberedKind(itemId)));
}

/** Opens an item and starts its viewer (see `kindBeforeDetail`). */
export function startItem(itemId: string): void {
  // A fresh read each opening: the reader may have moved since the last.
  kept = null;
  void keptSliceIndex(itemId);
  // Opened from its dataset list or known here: a series starts Cornerstone and its workers now.
  const known = listedKind(appStore().getState().itemLists, itemId) ?? rememberedKind(itemId);
  if (known) startViewerOf(known);
  void cachedContent(itemId).then((content) => {
    if (!known) void preloadViewerOf(kindBeforeDetail(null, content?.kind ?? null));
    if (content) startSeries(itemId, content);
  });
  void appStore().getState().openItemById(itemId);
}

/** Once the item's content is known: its viewer's chunk and its first image (a slide's home-view tiles, a series' first shown slice). */
export function prepareViewer(itemId: string, content: ItemContent): void {
  const storage = deviceStorage();
  if (storage) rememberKind(storage, itemId, content.kind);
  void preloadViewerOf(content.kind);
  if (content.kind === 'slide') prefetchSlideHome(itemId, content);
  startSeries(itemId, content);
}
