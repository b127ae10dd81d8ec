/**
 * How much of each outline the overlay draws at the current zoom. Decided per frame from screen
 * sizes and the count in view, so a slide of 10^6 outlines costs at most a raster of the density
 * grid when zoomed out, and a few thousand paths when zoomed in.
 */

/** Outlines smaller than this on screen (CSS px, the longer side of the box) are drawn as a dot. */
export const DOT_MAX_SCREEN_PX = 3;

/**
 * Vertices closer than this to the last one drawn are skipped (CSS px): at intermediate zoom a
 * 24-vertex gland outline a dozen px across draws with a handful of vertices.
 */
export const SIMPLIFY_SCREEN_PX = 1.5;

/**
 * Above this many outlines in view the overlay draws the density grid instead of each outline.
 * Measured with bench/wsi-overlay (Chromium, software rendering): 100k dots cost ~40 ms a frame,
 * 20k ~8 ms; past ~20k the dots merge into a texture the density raster shows as well.
 */
export const DENSITY_MIN_IN_VIEW = 20_000;

export type Detail = 'dot' | 'outline';

/** Dot or outline, from the outline's size on screen. */
export function detailFor(boxWidth: number, boxHeight: number, screenPxPerImagePx: number): Detail {
  return Math.max(boxWidth, boxHeight) * screenPxPerImagePx < DOT_MAX_SCREEN_PX ? 'dot' : 'outline';
}

/** Whether to draw the density raster instead of outlines, given how many are in view. */
export function drawsDensity(countInView: number): boolean {
  return countInView > DENSITY_MIN_IN_VIEW;
}
