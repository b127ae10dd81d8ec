/**
 * Where a slide's stage is laid out in a window of a given size, known before the app has rendered
 * anything: the bars above it have fixed heights and the label panel a fixed width (styles.css,
 * SlideViewer.css; stageLayout.test.ts holds the stylesheets to these numbers). The early boot
 * script shows its viewer there on a device that has never laid out a slide's stage in a window of
 * this size (stageMemory.ts), and the app's stage then takes it over where it already is.
 * CSS px of the window's layout viewport, origin top-left.
 */
import type { StageRect, WindowSize } from './stageMemory';

/** `.app-header` */
export const HEADER_HEIGHT = 42;
/** `.item-bar`: breadcrumbs, the item's title and state. */
export const ITEM_BAR_HEIGHT = 33;
/** `.toolbar-row`: the reading toolbar (sync, undo, redo, submit). */
export const TOOLBAR_ROW_HEIGHT = 45;
/** `.slv-toolbar`: the slide viewer's own toolbar, over its stage. */
export const SLIDE_TOOLBAR_HEIGHT = 38;
/** `.workspace-body`'s second column (18rem at the root's 14px). */
export const LABEL_PANEL_WIDTH = 252;
/** `.sv-root`'s `min-height`: below it the stage no longer fills the window's height. */
const VIEWER_MIN_HEIGHT = 240;
/** `.sv-root`'s background, as getComputedStyle reports it (what stageMemory keeps). */
export const STAGE_BACKGROUND = 'rgb(0, 0, 0)';

const STAGE_TOP = HEADER_HEIGHT + ITEM_BAR_HEIGHT + TOOLBAR_ROW_HEIGHT + SLIDE_TOOLBAR_HEIGHT;

/** The stage of a slide's item page with nothing between its bars (no returned-item notice), or null where the window is too small for the layout to hold. */
export function predictedStage(window: WindowSize): StageRect | null {
  const width = window.width - LABEL_PANEL_WIDTH;
  const height = window.height - STAGE_TOP;
  if (width < 1 || height + SLIDE_TOOLBAR_HEIGHT < VIEWER_MIN_HEIGHT) return null;
  return { left: 0, top: STAGE_TOP, width, height };
}
