/**
 * The series viewport the early boot script made before the app ran (src/early/earlyBoot.ts): a
 * Cornerstone stack viewport showing the slice the reader was on, laid out where this window last
 * had the series viewer's viewport, kept until the app's series viewer adopts it (useStackViewport)
 * or the page goes elsewhere. Like the slide's (slide/earlyViewer.ts), only the page's first item
 * can have one: once the app has asked (adopted or not) or discarded it, one made later is
 * destroyed at once. This module holds no Cornerstone code, so the app's entry can import it.
 */
import type { RenderingEngine, StackViewport } from '@cornerstonejs/core';

/** The performance mark set when the early viewport shows its slice, before the app adopts it (bench and e2e read it). */
export const EARLY_SERIES_SHOWN_MARK = 'mejirushi:early-series-shown';

export interface EarlySeriesViewer {
  /** The image id it shows: adopted only by a viewer whose series holds it. */
  readonly imageId: string;
  readonly engine: RenderingEngine;
  readonly viewport: StackViewport;
  /** Moves the viewport's element into `element`, filling it, and lets it take the pointer. */
  adoptInto(element: HTMLElement): void;
  destroy(): void;
}

let offered: EarlySeriesViewer | null = null;
let over = false;

/** From the early script: the viewer it made, unless the app is already past wanting it. */
export function offerEarlySeriesViewer(viewer: EarlySeriesViewer): void {
  if (over) viewer.destroy();
  else offered = viewer;
}

/** Whether the early script still has any use for making a viewer. */
export function earlySeriesViewerWanted(): boolean {
  return !over;
}

/**
 * The early viewer, handed over once to the first series viewer mounted, if its series holds the
 * early image (the page's item: the early script runs on an item's URL only, and boot.ts discards
 * it once the page leaves that item); else it is destroyed.
 */
export function adoptEarlySeriesViewer(imageIds: readonly string[]): EarlySeriesViewer | null {
  over = true;
  const viewer = offered;
  offered = null;
  if (viewer && imageIds.includes(viewer.imageId)) return viewer;
  viewer?.destroy();
  return null;
}

/** The page will not show the early viewer (signed out, another route, the item closed). */
export function discardEarlySeriesViewer(): void {
  over = true;
  offered?.destroy();
  offered = null;
}
