/**
 * The page's first script, a few kB evaluated before the app's bundle (vite/earlyBootScript.ts
 * puts it first in index.html). On an item's URL with a usable stored session it asks for the
 * item's detail at once (any kind: the app's API client takes that answer, see earlyRequests.ts).
 * For a slide: OpenSeadragon's chunk and the home view's tiles (fetched and decoded in a worker:
 * tileWorker.ts), and a viewer where the app's stage will be (as this window last laid it out,
 * else where the layout puts it), which the app's slide viewer adopts (earlyViewer.ts). For a
 * series: Cornerstone's chunk, decode workers and init (seriesViewerStart.ts), and a slice shown
 * with a viewport the app's series viewer adopts (earlySeriesViewer.ts): for a series this device
 * has opened, the slice its reader was on where this window last laid the viewport out; for
 * another, its first slice where the layout puts it (seriesStageLayout.ts). The slide's open, its
 * first frames and its tiles' arrival, a series' Cornerstone compile and first slice, then come
 * before the app's evaluation and first render or overlap them. Anything unusual (signed out,
 * expired, refused, not found, a window too small) ends it quietly: the app then does what it
 * always did.
 */
import type { ItemDetail, LoginResponse } from '../core/api';
import type { ItemKind, SeriesItem, SlideItem } from '../core/item';
import { seriesFilePath } from '../data/seriesFilePath';
import type { ShownSlice, ShownWindow } from '../data/shownSliceCopy';
import { slideTilePath } from '../data/slideTilePath';
import { deviceStorage, knownKind } from '../ui/item/knownKinds';
import { parseRoute } from '../ui/routes';
import { DecodedTiles } from '../viewer/slide/decodedTiles';
import { sliceImageId } from '../viewer/cornerstone/imageIds';
import { discardEarlySeriesViewer, earlySeriesViewerWanted, offerEarlySeriesViewer } from '../viewer/earlySeriesViewer';
import { predictedSeriesStage } from '../viewer/seriesStageLayout';
import { EARLY_SLIDE_SHOWN_MARK, earlyViewerWanted, offerEarlyTiles, offerEarlyViewer, takeEarlyTiles } from '../viewer/slide/earlyViewer';
import { slideProblem } from '../viewer/slide/slidePyramid';
import { expectedStage, expectedViewerSize, rememberedStage, SERIES_STAGE_MEMORY_KEY, type RememberedStage } from '../viewer/slide/stageMemory';
import { homeViewTiles } from '../viewer/slide/tilePrefetch';
import { TileLoadError, type LoadTile } from '../viewer/slide/tileLoadError';
import { startSeriesViewer } from '../viewer/seriesViewerStart';
import { startApp } from './appStart';
import { requestEarly } from './earlyRequests';
import { requestHomeTiles } from './homeTiles';
import { startTileWorker, type TileWorker } from './tileWorker';
import { decodeEarly, decodeKeptSliceEarly } from './sliceAhead';
import { readStoredLogin, readStoredLoginCopy } from './storedSession';

type ViewerChunk = typeof import('../viewer/slide/osdViewer');

/** The longest the app waits for the early viewer's first screen: about three first screens of a slide here (bench/README.md, wsi-tiles). */
const APP_HELD_MS = 2000;

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

/**
 * OpenSeadragon, hidden, where the stage was laid out in a window of this size (stageMemory.ts) or
 * else where the layout puts it (stageLayout.ts), shown there once its first full screen of tiles
 * is drawn: the reader sees the slide before the app has rendered, in the place the app's stage
 * will take it over without a resize. Where neither is known: hidden at the window's size until
 * the app adopts it (its own element is not laid out yet).
 */
function makeViewer(chunk: ViewerChunk, itemId: string, slide: SlideItem, earlyLoad: LoadTile, decoded: DecodedTiles | null, place: RememberedStage | null): void {
  const host = document.createElement('div');
  const { left, top, width, height } = place?.stage ?? { left: 0, top: 0, width: window.innerWidth, height: window.innerHeight };
  host.style.cssText = `position:fixed;left:${left}px;top:${top}px;width:${width}px;height:${height}px;visibility:hidden;pointer-events:none`;
  if (place) host.style.background = place.background;
  document.body.append(host);
  let load = earlyLoad;
  const handle = chunk.createOsdHandle(host, itemId, slide, (level, x, y) => load(level, x, y), decoded, !place);
  // At the stage's size only where it was remembered; else once adopted into the stage.
  if (place) chunk.makeRoomForDecodedTiles(handle);
  // Shown where it will stay once its first screen is drawn; the app starts then (or when the
  // slide cannot be shown), its compile and first render no longer sharing the cores with the tiles.
  const stopShowing = place
    ? handle.display.subscribe(() => {
        const { ready, openFailed, failed } = handle.display.snapshot();
        if (!ready && !openFailed && !Object.values(failed).some((count) => count > 0)) return;
        stopShowing?.();
        if (ready) {
          host.style.visibility = 'visible';
          performance.mark(EARLY_SLIDE_SHOWN_MARK);
        }
        startApp();
      })
    : null;
  // A hidden viewer waits for the app's stage to adopt it; a shown one does not hold the app past
  // APP_HELD_MS (tiles on a slow connection), so the reader gets the app's tools regardless.
  if (place) setTimeout(startApp, APP_HELD_MS);
  else startApp();
  offerEarlyViewer({
    itemId,
    slideKey: JSON.stringify(slide),
    handle,
    adoptInto: (element, next) => {
      stopShowing?.();
      host.style.cssText = 'position:absolute;inset:0';
      element.append(host);
      load = next;
      chunk.atStageSize(handle);
      chunk.makeRoomForDecodedTiles(handle);
    },
    destroy: () => {
      stopShowing?.();
      chunk.destroyOsdHandle(handle);
      host.remove();
    },
  });
}

/**
 * A series: Cornerstone's chunk, its decode workers and its init started now rather than once the
 * app's own open has the detail (cold, ~0.8 s later). The app's startSeriesViewer is this same
 * module's (a chunk shared by both entries): it finds them started, so one init, one set of workers.
 */
function startSeries(): void {
  startSeriesViewer().catch(() => undefined);
}

/**
 * Shows `slice` (being decoded: `decoded`) at `place` in `voi` (null: the file's window) with a
 * Cornerstone viewport the app's viewer adopts (earlySeriesView.ts), once `allowed` says it may,
 * and starts the app once it is shown (its evaluation and first render no longer sharing the cores
 * with the slice's), or when it cannot be, or after APP_HELD_MS at the latest.
 */
function showSliceEarly(slice: ShownSlice, voi: ShownWindow | null, decoded: Promise<boolean>, place: RememberedStage, allowed: Promise<boolean>): void {
  setTimeout(startApp, APP_HELD_MS);
  const view = import('../viewer/cornerstone/earlySeriesView');
  Promise.all([decoded, view, allowed])
    .then(([isDecoded, { makeEarlySeriesViewer }, isAllowed]) => {
      if (!isDecoded || !isAllowed || !earlySeriesViewerWanted()) return startApp();
      const viewer = makeEarlySeriesViewer(sliceImageId(slice), place, voi, (shown) => {
        // Not shown (the slice failed): withdrawn, so the app's viewer makes its own.
        if (!shown) discardEarlySeriesViewer();
        startApp();
      });
      offerEarlySeriesViewer(viewer);
    })
    .catch(() => startApp());
}

/**
 * A series this device has opened, in a window where its viewer's viewport was laid out before
 * (`place`): the slice its reader was on, decoded ahead, shown there in their window.
 */
function showSeriesEarly(itemId: string, login: LoginResponse, storage: Storage | null, place: RememberedStage, detail: Promise<ItemDetail | null>): void {
  const kept = decodeKeptSliceEarly(itemId, login, storage);
  if (!kept) return startApp();
  // Shown only once the server has said the reader may still open this series and the slice is
  // one of its own (the detail comes well before the decode): never a slice the app would refuse.
  const stillTheirs = detail.then((answer) => answer?.item.content.kind === 'series' && answer.item.content.slices.some((slice) => slice.fileId === kept.slice.fileId && slice.frame === kept.slice.frame));
  showSliceEarly(kept.slice, kept.window, kept.decoded, place, stillTheirs);
}

/**
 * A series this device has not opened opens on its first slice in the file's window (no place
 * kept here, see fileHeadStart's firstShownSlice): that file asked for now, with the detail, not
 * once the app has run, and decoded once Cornerstone is initialised; the app's file loader takes
 * the answer (earlyRequests.ts). Where the layout says where the viewer's viewport will be
 * (seriesStageLayout.ts), the slice is shown there before the app runs, as for a series this
 * device knows; true then (the app is started once it is shown).
 */
function firstSliceEarly(itemId: string, detail: ItemDetail, series: SeriesItem, token: string): boolean {
  const first = series.slices[0];
  if (!first) return false;
  requestEarly(seriesFilePath(itemId, first.fileId), token).catch(() => undefined);
  const decoded = decodeEarly(itemId, first, token);
  // A returned item shows its reviewer's notice above the workspace, which the layout leaves out.
  const place = detail.state === 'returned' ? null : predictedSeriesStage({ width: window.innerWidth, height: window.innerHeight });
  if (!place || !earlySeriesViewerWanted()) return false;
  showSliceEarly(first, null, decoded, place, Promise.resolve(true));
  return true;
}

/**
 * The app's own slide viewer, whose chunk the app would ask for only once its bundle has run; the
 * app's import of it then finds it loaded (one request). Asked for a slide only, not on a guess:
 * it brings React, whose evaluation (~45 ms on a cold page) a series' first slice would wait for.
 */
function importSlideViewer(): void {
  import('../viewer/slide/SlideViewer').catch(() => undefined);
}

/** A slide this script has asked the home view's tiles of, to open once its viewer chunk is in. */
interface SlideAhead {
  readonly content: SlideItem;
  readonly load: LoadTile;
  readonly place: RememberedStage | null;
}

/** What follows from the detail: a slide's home view to open once its viewer chunk is in, or a series' first slice being shown early, which starts the app itself. */
type Ahead = SlideAhead | 'series shown early';

/**
 * The detail, then what follows from it: a series' first file (shown early where it can be), a
 * slide's home-view tiles (through `tileWorker`, started and decoded there) offered decoded. The
 * app gets the detail once this is done (see main's `handOverAfter`), so it finds those requests
 * sent and shares them (homeTiles.ts).
 */
async function askAhead(itemId: string, known: ItemKind | null, token: string, detailRead: Promise<void>, tileWorker: TileWorker | null, onDetail: (detail: ItemDetail | null) => void): Promise<Ahead | null> {
  // The same guess as prefetchSlideHome's, so the app's loader takes these answers.
  const storage = deviceStorage();
  const windowSize = { width: window.innerWidth, height: window.innerHeight };
  const homeView = { itemId, origin: '', viewport: expectedViewerSize(storage, windowSize), pixelRatio: window.devicePixelRatio || 1 };
  // From this page, not through the tile worker, which takes 100–500 ms to start on a cold page
  // (first-image bench, cold: sent through it, the detail was asked for ~0.45 s in, and a series'
  // Cornerstone waited for it); the worker starts a slide's home-view tiles once told (below).
  const answer = await requestEarly(itemPath(itemId), token, { handOverAfter: detailRead }).catch(() => null);
  const detail = answer?.ok ? ((await answer.json()) as ItemDetail) : null;
  onDetail(detail);
  if (!detail) return null;
  const content = detail.item.content;
  if (content.kind === 'slide') {
    tileWorker?.startHomeView(homeView, content, `Bearer ${token}`);
    if (known === null) importSlideViewer();
  }
  if (content.kind === 'series' && known !== 'series') {
    const shownEarly = firstSliceEarly(itemId, detail, content, token);
    startSeries();
    return shownEarly ? 'series shown early' : null;
  }
  if (content.kind !== 'slide' || slideProblem(content) || !tileWorker || !earlyViewerWanted()) return null;
  const load = earlyTileLoader(itemId, content, token);
  // A returned item shows its reviewer's notice above the workspace, which the layout's prediction
  // leaves out: its viewer stays hidden until the app's stage takes it, unless this window remembers the stage.
  const place = detail.state === 'returned' ? rememberedStage(storage, windowSize) : expectedStage(storage, windowSize);
  // Decoded as they arrive, while the app starts (decodedTiles.ts); offered at once, so a viewer
  // the app makes before this one exists (its chunk still on its way) takes them instead.
  const decoded = new DecodedTiles();
  const tiles = homeViewTiles(content, homeView.viewport, homeView.pixelRatio);
  for (const { tile, bitmap } of requestHomeTiles(itemId, content.tileVersion, tiles, token, { worker: tileWorker })) {
    if (bitmap) decoded.addDecoded(tile, bitmap);
    else {
      // Sent by the app already: this page decodes its copy.
      const bytes = load(tile.level, tile.x, tile.y);
      bytes.catch(() => undefined);
      decoded.add(tile, bytes);
    }
  }
  offerEarlyTiles({ itemId, slideKey: JSON.stringify(content), tiles: decoded });
  return { content, load, place };
}

/**
 * Starts what the item's first screen needs, and the app (startApp) as soon as that screen no longer
 * needs the cores to itself: for a series, once its slice is shown early (where this window
 * remembers the viewer's place, else where the layout puts it), else at once; once the detail says
 * what the item is otherwise; and for a slide shown early once its first screen is drawn.
 */
async function startItem(itemId: string): Promise<void> {
  const storage = deviceStorage();
  const known = storage && knownKind(storage, itemId);
  const windowSize = { width: window.innerWidth, height: window.innerHeight };
  // A known series with a place to show its slice holds the app until the slice is shown; the
  // place this window remembers, which may have a study panel beside it, else the layout's.
  const seriesPlace = known === 'series' ? (rememberedStage(storage, windowSize, SERIES_STAGE_MEMORY_KEY) ?? predictedSeriesStage(windowSize)) : null;
  if (known === 'series') {
    if (!seriesPlace) startApp();
    startSeries();
  }
  // Like boot.ts's guess: a slide unless this device knows the item is something else.
  const viewerChunk: Promise<ViewerChunk> | null = known === null || known === 'slide' ? import('../viewer/slide/osdViewer') : null;
  viewerChunk?.catch(() => undefined);
  if (known === 'slide') importSlideViewer();
  // Started before the login is read: a worker takes 100–500 ms to start on a cold page, and a
  // slide's home-view tiles wait for it (wsi-tiles bench, WSI_TIMELINE=1).
  const tileWorker = viewerChunk ? startTileWorker() : null;
  // The synchronous copy first: the IndexedDB read would answer only after the app's bundle has run.
  const login = readStoredLoginCopy(Date.now(), storage) ?? (await readStoredLogin(Date.now()));
  if (!login) {
    tileWorker?.stop();
    return startApp();
  }
  let detailIn: (detail: ItemDetail | null) => void = () => undefined;
  const detail = new Promise<ItemDetail | null>((resolve) => (detailIn = resolve));
  // A series this device has opened: the slice its reader was on, decoded without waiting for the detail.
  if (seriesPlace) showSeriesEarly(itemId, login, storage, seriesPlace, detail);
  else if (known === 'series') decodeKeptSliceEarly(itemId, login, storage);
  let handOver: () => void = () => undefined;
  const detailRead = new Promise<void>((resolve) => (handOver = resolve));
  const ahead = await askAhead(itemId, known, login.token, detailRead, tileWorker, detailIn).finally(() => {
    detailIn(null);
    handOver();
    tileWorker?.stop();
  });
  // showSliceEarly starts the app once its slice is shown.
  if (ahead === 'series shown early') return;
  const slide = ahead;
  if (!slide || !viewerChunk) return seriesPlace ? undefined : startApp();
  const chunk = await viewerChunk;
  if (earlyViewerWanted()) makeViewer(chunk, itemId, slide.content, slide.load, takeEarlyTiles(itemId, JSON.stringify(slide.content)), slide.place);
  else startApp();
}

const route = parseRoute(window.location.pathname);
if (route.name === 'item') {
  // A failure here only loses the head start: the app starts as it would have.
  startItem(route.itemId).catch((error: unknown) => {
    console.warn('Early start of the item failed:', error);
    startApp();
  });
} else startApp();
