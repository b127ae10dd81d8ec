/**
 * The page's first script, a few kB evaluated before the app's bundle (vite/earlyBootScript.ts
 * puts it first in index.html). On an item's URL with a usable stored session it asks for the
 * item's detail at once (any kind: the app's API client takes that answer, see earlyRequests.ts);
 * for a slide also OpenSeadragon's chunk and the home view's tiles, and it makes the viewer in a
 * hidden element, which the app's slide viewer adopts (earlyViewer.ts). The slide's open, its
 * first frames and its tiles' arrival then overlap the app's evaluation and first render instead
 * of following them. Anything unusual (signed out, expired, refused, not found, not a slide) ends
 * it quietly: the app then does what it always did.
 */
import type { ItemDetail } from '../core/api';
import type { SlideItem } from '../core/item';
import { slideTilePath } from '../data/slideTilePath';
import { deviceStorage, knownKind } from '../ui/item/knownKinds';
import { parseRoute } from '../ui/routes';
import { earlyViewerWanted, offerEarlyViewer } from '../viewer/slide/earlyViewer';
import { slideProblem } from '../viewer/slide/slidePyramid';
import { homeViewTiles } from '../viewer/slide/tilePrefetch';
import { TileLoadError, type LoadTile } from '../viewer/slide/tileLoadError';
import { requestEarly } from './earlyRequests';
import { readStoredLogin } from './storedSession';

type ViewerChunk = typeof import('../viewer/slide/osdViewer');

/** The path ApiClient.getItem asks for, so the client takes this answer. */
const itemPath = (itemId: string) => `/api/items/${encodeURIComponent(itemId)}`;

function earlyTileLoader(itemId: string, slide: SlideItem, token: string): LoadTile {
  return (level, x, y) =>
    requestEarly(slideTilePath(itemId, slide.tileVersion, level, x, y), token).then(
      async (answer) => {
        if (answer.ok) return answer.blob();
        throw new TileLoadError(answer.status === 410 ? 'rebuilt' : 'server', `HTTP ${answer.status}`);
      },
      (error: unknown) => {
        throw new TileLoadError('offline', String(error));
      },
    );
}

/** OpenSeadragon in a hidden element of the window's size (the viewer's own is not laid out yet). */
function makeViewer(chunk: ViewerChunk, itemId: string, slide: SlideItem, earlyLoad: LoadTile): void {
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:0;top:0;width:${window.innerWidth}px;height:${window.innerHeight}px;visibility:hidden;pointer-events:none`;
  document.body.append(host);
  let load = earlyLoad;
  const handle = chunk.createOsdHandle(host, itemId, slide, (level, x, y) => load(level, x, y));
  offerEarlyViewer({
    itemId,
    slideKey: JSON.stringify(slide),
    host,
    handle,
    loadTilesWith: (next) => {
      load = next;
    },
    destroy: () => {
      chunk.destroyOsdHandle(handle);
      host.remove();
    },
  });
}

async function startItem(itemId: string): Promise<void> {
  const storage = deviceStorage();
  const known = storage && knownKind(storage, itemId);
  // Like boot.ts's guess: a slide unless this device knows the item is something else.
  const viewerChunk: Promise<ViewerChunk> | null = known === null || known === 'slide' ? import('../viewer/slide/osdViewer') : null;
  viewerChunk?.catch(() => undefined);
  // The app's own slide viewer, whose chunk the app would ask for only once its bundle has run;
  // the app's import of it then finds it loaded (one request).
  if (viewerChunk) import('../viewer/slide/SlideViewer').catch(() => undefined);
  const login = await readStoredLogin(Date.now());
  if (!login) return;
  const answer = await requestEarly(itemPath(itemId), login.token).catch(() => null);
  if (!answer?.ok) return;
  const content = ((await answer.json()) as ItemDetail).item.content;
  if (content.kind !== 'slide' || slideProblem(content) || !viewerChunk || !earlyViewerWanted()) return;
  const load = earlyTileLoader(itemId, content, login.token);
  // The same guess as prefetchSlideHome's, so the app's loader takes these answers.
  for (const { level, x, y } of homeViewTiles(content, { width: window.innerWidth, height: window.innerHeight }, window.devicePixelRatio || 1)) {
    load(level, x, y).catch(() => undefined);
  }
  const chunk = await viewerChunk;
  if (earlyViewerWanted()) makeViewer(chunk, itemId, content, load);
}

const route = parseRoute(window.location.pathname);
if (route.name === 'item') {
  // A failure here only loses the head start.
  startItem(route.itemId).catch((error: unknown) => console.warn('Early start of the item failed:', error));
}
