/**
 * The slide viewer the early boot script made before the app ran (src/early/earlyBoot.ts), kept
 * until the app's slide viewer adopts it (useOsdViewer) or the page goes elsewhere. Only the page's
 * first item can have one: once the app has asked (adopted or not) or discarded it, a viewer made
 * later is destroyed at once, so there is never a second viewer nor one left behind.
 * The home view's tiles the early script decodes are offered here too, before its viewer exists:
 * the early viewer takes them, or, where the app asks first and makes its own viewer, the app's.
 */
import type { DecodedTiles } from './decodedTiles';
import type { OsdHandle } from './osdViewer';
import type { LoadTile } from './tileLoadError';

/** The performance mark set when the early viewer shows its first full screen of tiles, before the app adopts it (bench and e2e read it). */
export const EARLY_SLIDE_SHOWN_MARK = 'mejirushi:early-slide-shown';

export interface EarlyViewer {
  readonly itemId: string;
  /** The slide content it opened, as JSON: adopted only for an equal slide. */
  readonly slideKey: string;
  readonly handle: OsdHandle;
  /** Moves OpenSeadragon's element into `element`, filling it, its tiles from `load` from now on (the page's loader). */
  adoptInto(element: HTMLElement, load: LoadTile): void;
  destroy(): void;
}

export interface EarlyTiles {
  readonly itemId: string;
  /** As EarlyViewer's. */
  readonly slideKey: string;
  readonly tiles: DecodedTiles;
}

let offered: EarlyViewer | null = null;
let offeredTiles: EarlyTiles | null = null;
let over = false;

/** From the early script: the home view's tiles, decoding as they arrive, unless the app is already past wanting them (asked or discarded). */
export function offerEarlyTiles(offer: EarlyTiles): void {
  if (over) offer.tiles.close();
  else offeredTiles = offer;
}

/** The early tiles of this slide, handed over once (the early viewer's, else the app's own viewer's); any other are closed. */
export function takeEarlyTiles(itemId: string, slideKey: string): DecodedTiles | null {
  const offer = offeredTiles;
  offeredTiles = null;
  if (offer && offer.itemId === itemId && offer.slideKey === slideKey) return offer.tiles;
  offer?.tiles.close();
  return null;
}

/** From the early script: the viewer it made, unless the app is already past wanting it. */
export function offerEarlyViewer(viewer: EarlyViewer): void {
  if (over) viewer.destroy();
  else offered = viewer;
}

/** Whether the early script still has any use for making a viewer. */
export function earlyViewerWanted(): boolean {
  return !over;
}

/** The early viewer of this slide, handed over once; any other is destroyed. */
export function adoptEarlyViewer(itemId: string, slideKey: string): EarlyViewer | null {
  over = true;
  const viewer = offered;
  offered = null;
  if (viewer && viewer.itemId === itemId && viewer.slideKey === slideKey) return viewer;
  viewer?.destroy();
  return null;
}

/** The page will not show the early viewer (signed out, another route, the item closed). */
export function discardEarlyViewer(): void {
  over = true;
  offered?.destroy();
  offered = null;
  offeredTiles?.tiles.close();
  offeredTiles = null;
}
