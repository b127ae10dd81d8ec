/**
 * Where a slide page's first screen of tiles spends its time: milestones since navigation start,
 * read from the page's resource timing and, for tiles, from the requests the browser reports
 * (a worker's too, which the page's resource timing leaves out) (same definitions for the app and
 * the bare OpenSeadragon page where both have the step), and the requests the page sent before
 * its first tile.
 */
import type { Page, Request } from '@playwright/test';
import { ms } from './stats';

/** ms since navigation start; null where the page has no such step (the bare page has no chunk). */
export interface FirstScreenMilestones {
  /** The entry script's bytes in (the app's index-*.js, the bare page's slide-*.js). */
  readonly scriptReceived: number | null;
  /** DOMContentLoaded: the entry module (and what it imports statically) evaluated. */
  readonly scriptRun: number | null;
  /** App only: when its held entry was asked for (src/early/appStart.ts), null where the page has no such mark. */
  readonly appStarted: number | null;
  /** What says how to open the slide: the app's item detail, the bare page's .dzi. */
  readonly descriptorReceived: number | null;
  /** App only: OpenSeadragon's chunk (osdViewer-*.js; the early boot script or the slide viewer asks for it) in. */
  readonly viewerChunkReceived: number | null;
  /** OpenSeadragon's container in the page: the viewer made, the slide being opened. */
  readonly viewerCreated: number | null;
  /** App only: the slide viewer's stage (its OpenSeadragon element) in the page: the workspace mounted, the early viewer adopted. */
  readonly stageMounted: number | null;
  readonly firstTileRequested: number | null;
  /** The last tile asked for before the screen was drawn, in. */
  readonly lastTileReceived: number | null;
  /**
   * The last home-view tile's ImageBitmap in the page before the screen was drawn: a page-side
   * `createImageBitmap` resolved (RECORD_BITMAPS) or a bitmap decoded elsewhere handed to the page
   * (the `HOME_TILE_DECODED_MARK` marks). Null where the page made none.
   */
  readonly bitmapsIn: number | null;
  /** The viewer's data-ready="true". */
  readonly drawn: number;
  /** App only: the early boot script's viewer showing its first full screen where the stage will be, before the app adopts it. */
  readonly earlyShown: number | null;
  /** The first full screen of tiles on screen: the early viewer's, else the viewer's data-ready. */
  readonly shown: number;
  /** App only: the annotation overlay's canvas first drawn (its data-ready="true"), after the tiles by design. */
  readonly outlinesDrawn: number | null;
  /** App only: the side panels (question, AI, GeoJSON) rendered (its last one, the GeoJSON exchange, in the page). */
  readonly panelsShown: number | null;
}

/** The order a page's requests went out, up to the first tile's. */
export interface RequestLog {
  /** Paths (with the request's resource type) sent before the first tile request. */
  readonly beforeFirstTile: readonly string[];
  /** JavaScript files the page fetched before the screen was drawn. */
  readonly scripts: readonly string[];
  /** Tile requests sent until the log was read (a tile asked twice counts twice). */
  readonly tiles: number;
  /** Distinct tiles among them. */
  readonly distinctTiles: number;
  /** Tile requests per pyramid level (the app's level 0 = full resolution; the DZI's own numbering), as "level×count". */
  readonly levels: string;
  /** Each tile request's start and end (end null while unanswered), ms since the epoch. */
  readonly tileTimes: readonly TileTime[];
}

export interface TileTime {
  readonly start: number;
  readonly end: number | null;
}

interface Entry {
  readonly path: string;
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** What the init script records in the page (see `RECORD_VIEWER_CREATED`). */
export interface PageMarks {
  readonly drawn: number;
  readonly earlyShown: number | null;
  readonly appStarted: number | null;
  readonly viewerCreated: number | null;
  readonly stageMounted: number | null;
  readonly domContentLoaded: number;
  /** When each ImageBitmap reached the page (see FirstScreenMilestones.bitmapsIn). */
  readonly bitmaps: readonly number[];
  readonly outlinesDrawn: number | null;
  readonly panelsShown: number | null;
}

/** Runs in every document before its scripts: when OpenSeadragon first puts its container in the page. */
export const RECORD_VIEWER_CREATED = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('.openseadragon-container')) {
      window.__benchViewerCreated = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
`;

/** Runs in the app's documents before its scripts: when the stage mounts, and the annotation overlay and the side panels first show. */
export const RECORD_AFTER_FIRST_SCREEN = `
  const marks = [
    ['__benchStageMounted', '[data-testid="slide-viewport"]'],
    ['__benchOutlinesDrawn', '[data-testid="slide-annotation-canvas"][data-ready="true"]'],
    ['__benchPanelsShown', '[data-testid="geojson-exchange"]'],
  ];
  new MutationObserver((_, observer) => {
    for (const [mark, selector] of marks) if (window[mark] === undefined && document.querySelector(selector)) window[mark] = performance.now();
    if (marks.every(([mark]) => window[mark] !== undefined)) observer.disconnect();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
`;

/**
 * Runs in every document before its scripts: when each page-side `createImageBitmap` resolves
 * (the bench's own wrapper; the page's code is unchanged), so pages that decode in the page and
 * pages that decode in a worker are read the same way.
 */
export const RECORD_BITMAPS = `
  window.__benchBitmaps = [];
  const decode = window.createImageBitmap.bind(window);
  window.createImageBitmap = (...args) => decode(...args).then((bitmap) => {
    window.__benchBitmaps.push(performance.now());
    return bitmap;
  });
`;

/**
 * The performance mark the app sets as each home-view tile decoded off the page reaches it
 * (src/early/tileWorker.ts's HOME_TILE_DECODED_MARK), by name: this file also runs against trees
 * without it (a land-vs-branch pair).
 */
const HOME_TILE_DECODED_MARK = 'mejirushi:home-tile-decoded';

/** Whether the app page's overlay and panels have shown (see RECORD_AFTER_FIRST_SCREEN). */
export const afterFirstScreenShown = (): boolean => window.__benchOutlinesDrawn !== undefined && window.__benchPanelsShown !== undefined;

declare global {
  interface Window {
    __benchViewerCreated?: number;
    __benchStageMounted?: number;
    __benchOutlinesDrawn?: number;
    __benchPanelsShown?: number;
    __benchBitmaps?: number[];
  }
}

export const TILE_PATH = /\/tiles\/|_files\//;
/** The level in an app tile path (…/tiles/<version>/<level>/x/y) or a DZI one (…_files/<level>/x_y.jpg). */
const TILE_LEVEL = /(?:\/tiles\/[^/]+|_files)\/(\d+)\//;
const ENTRY_SCRIPT = /\/(assets\/index|bench-bare\/assets\/slide)-[^/]*\.js$/;
const DESCRIPTOR = /^\/api\/items\/[^/]+$|\.dzi$/;
const VIEWER_CHUNK = /\/osdViewer-[^/]*\.js$/;

/** Reads the page's resource timing once its screen is drawn; `tiles`: its tile requests (RequestLog.tileTimes). */
export async function readMilestones(page: Page, tiles: readonly TileTime[]): Promise<FirstScreenMilestones> {
  const { entries, marks, timeOrigin } = await page.evaluate((decodedMark) => ({
    timeOrigin: performance.timeOrigin,
    entries: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({
      path: new URL(entry.name).pathname,
      type: entry.initiatorType,
      start: entry.startTime,
      end: entry.responseEnd,
    })),
    marks: {
      drawn: window.__benchSlideReady as number,
      // The name of src/viewer/slide/earlyViewer.ts's EARLY_SLIDE_SHOWN_MARK (this function runs in the page).
      earlyShown: performance.getEntriesByName('mejirushi:early-slide-shown')[0]?.startTime ?? null,
      // The name of src/early/appStart.ts's APP_START_MARK.
      appStarted: performance.getEntriesByName('mejirushi:app-start')[0]?.startTime ?? null,
      viewerCreated: window.__benchViewerCreated ?? null,
      stageMounted: window.__benchStageMounted ?? null,
      bitmaps: [...(window.__benchBitmaps ?? []), ...performance.getEntriesByName(decodedMark).map((mark) => mark.startTime)],
      domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
      outlinesDrawn: window.__benchOutlinesDrawn ?? null,
      panelsShown: window.__benchPanelsShown ?? null,
    },
  }), HOME_TILE_DECODED_MARK);
  const inPageTime = tiles.map(({ start, end }) => ({ start: start - timeOrigin, end: end === null ? 0 : end - timeOrigin }));
  return milestonesOf(entries, inPageTime, marks);
}

/** `tileTimes`: the tile requests, in the page's clock (end 0 where unanswered). */
export function milestonesOf(entries: readonly Entry[], tileTimes: readonly { start: number; end: number }[], marks: PageMarks): FirstScreenMilestones {
  const first = (pattern: RegExp) => entries.find((entry) => pattern.test(entry.path))?.end ?? null;
  const tiles = tileTimes.filter((tile) => tile.start <= marks.drawn);
  const bitmaps = marks.bitmaps.filter((at) => at <= marks.drawn);
  const tileEnds = tiles.map((tile) => tile.end).filter((end) => end > 0 && end <= marks.drawn);
  return {
    scriptReceived: first(ENTRY_SCRIPT),
    scriptRun: marks.domContentLoaded,
    appStarted: marks.appStarted,
    descriptorReceived: first(DESCRIPTOR),
    viewerChunkReceived: first(VIEWER_CHUNK),
    viewerCreated: marks.viewerCreated,
    stageMounted: marks.stageMounted,
    firstTileRequested: tiles.length > 0 ? Math.min(...tiles.map((tile) => tile.start)) : null,
    lastTileReceived: tileEnds.length > 0 ? Math.max(...tileEnds) : null,
    bitmapsIn: bitmaps.length > 0 ? Math.max(...bitmaps) : null,
    drawn: marks.drawn,
    earlyShown: marks.earlyShown,
    shown: marks.earlyShown === null ? marks.drawn : Math.min(marks.earlyShown, marks.drawn),
    outlinesDrawn: marks.outlinesDrawn,
    panelsShown: marks.panelsShown,
  };
}

/** Logs every request `page` sends from now on (its workers' too); read it once the screen is drawn. */
export function logRequests(page: Page): () => RequestLog {
  const sent: { path: string; type: string; request: Request }[] = [];
  const onRequest = (request: Request) => {
    sent.push({ path: new URL(request.url()).pathname, type: request.resourceType(), request });
  };
  page.on('request', onRequest);
  return () => {
    page.off('request', onRequest);
    const tileRequests = sent.filter((request) => TILE_PATH.test(request.path));
    const tiles = tileRequests.map((request) => request.path);
    const tileTimes = tileRequests.map(({ request }) => {
      const { startTime, responseEnd } = request.timing();
      return { start: startTime, end: responseEnd < 0 ? null : startTime + responseEnd };
    });
    const perLevel = new Map<string, number>();
    for (const path of tiles) {
      const level = TILE_LEVEL.exec(path)?.[1] ?? '?';
      perLevel.set(level, (perLevel.get(level) ?? 0) + 1);
    }
    const firstTile = sent.findIndex((request) => TILE_PATH.test(request.path));
    const before = firstTile < 0 ? sent : sent.slice(0, firstTile);
    return {
      beforeFirstTile: before.map((request) => `${request.type} ${request.path}`),
      scripts: sent.filter((request) => request.path.endsWith('.js')).map((request) => request.path.replace(/^.*\//, '')),
      tiles: tiles.length,
      distinctTiles: new Set(tiles).size,
      levels: [...perLevel].map(([level, count]) => `${level}×${count}`).join(' '),
      tileTimes,
    };
  };
}

export const STEPS: readonly (readonly [keyof FirstScreenMilestones, string])[] = [
  ['scriptReceived', 'entry script in'],
  ['scriptRun', 'DOMContentLoaded'],
  ['appStarted', 'app entry asked'],
  ['descriptorReceived', 'detail / .dzi in'],
  ['viewerChunkReceived', 'viewer chunk in'],
  ['viewerCreated', 'OpenSeadragon made'],
  ['stageMounted', 'stage mounted'],
  ['firstTileRequested', 'first tile asked'],
  ['lastTileReceived', 'last tile in'],
  ['bitmapsIn', 'last bitmap in the page'],
  ['earlyShown', 'early viewer shown'],
  ['drawn', 'drawn'],
  ['outlinesDrawn', 'outlines drawn'],
  ['panelsShown', 'panels shown'],
];

/** One line of medians per step, the steps a page lacks left out. */
export function formatMilestones(runs: readonly FirstScreenMilestones[]): string {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return STEPS.flatMap(([key, name]) => {
    const known = runs.map((run) => run[key]).filter((value): value is number => value !== null);
    return known.length === runs.length && known.length > 0 ? [`${name} ${ms(median(known))}`] : [];
  }).join(', ');
}
