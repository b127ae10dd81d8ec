/**
 * Where a series' viewport is laid out on its item page in a window of a given size, known before
 * the app has rendered anything: the page's bars (stageLayout.ts), the series viewer's toolbar
 * above the viewport and the reading bar and slice navigator below it have fixed heights, the
 * label panel a fixed width (styles.css, SeriesViewer.css; seriesStageLayout.test.ts holds the
 * stylesheets to these numbers). The early boot script shows a series' first slice there on a
 * device that has never laid out its viewer in a window of this size (stageMemory.ts), and the
 * app's viewer then adopts that viewport where it already is. CSS px of the window's layout
 * viewport, origin top-left.
 */
import { HEADER_HEIGHT, ITEM_BAR_HEIGHT, LABEL_PANEL_WIDTH, STAGE_BACKGROUND, TOOLBAR_ROW_HEIGHT } from './slide/stageLayout';
import type { RememberedStage, WindowSize } from './slide/stageMemory';

/** `.sv-series-toolbar`: window presets and reset, over the viewport. */
export const SERIES_TOOLBAR_HEIGHT = 34;
/** `.reading-context-bar`: the reading tools, cine, corner text and reformats, under the viewer. */
export const READING_BAR_HEIGHT = 40;
/** `.slice-navigator`: slice counter, label strip and slider, under the reading bar. */
export const SLICE_NAVIGATOR_HEIGHT = 53;
/** `.sv-root`'s `min-height`: below it the viewer no longer fits the window's height. */
const VIEWER_MIN_HEIGHT = 240;

const PANE_TOP = HEADER_HEIGHT + ITEM_BAR_HEIGHT + TOOLBAR_ROW_HEIGHT;

/**
 * The viewport of a series' item page with nothing between its bars (no returned-item notice) and
 * no study panel (the app lays the viewer out so too until it has read the study's series), or
 * null where the window is too small for the layout to hold.
 */
export function predictedSeriesStage(window: WindowSize): RememberedStage | null {
  const width = window.width - LABEL_PANEL_WIDTH;
  const viewerHeight = window.height - PANE_TOP - READING_BAR_HEIGHT - SLICE_NAVIGATOR_HEIGHT;
  if (width < 1 || viewerHeight < VIEWER_MIN_HEIGHT) return null;
  return { stage: { left: 0, top: PANE_TOP + SERIES_TOOLBAR_HEIGHT, width, height: viewerHeight - SERIES_TOOLBAR_HEIGHT }, background: STAGE_BACKGROUND };
}
