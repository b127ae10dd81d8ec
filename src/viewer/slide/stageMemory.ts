/**
 * Where the slide workspace laid out its stage (the OpenSeadragon element) on this device, per
 * window size, so the early boot script can make its viewer at the stage's size and place before
 * the app has laid anything out (src/early/earlyBoot.ts): adopted, it then needs no resize and no
 * second set of tiles, and it can be shown where the stage will be. A window of another size
 * finds nothing here: the layout's own prediction stands in (stageLayout.ts).
 */

import { predictedStage, STAGE_BACKGROUND } from './stageLayout';
import type { ViewerSize } from './tilePrefetch';

/** CSS px of the window's layout viewport, origin top-left. */
export interface StageRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowSize {
  readonly width: number;
  readonly height: number;
}

interface Remembered {
  readonly window: WindowSize;
  readonly stage: StageRect;
  /** The stage's colour (CSS), shown in the slide's margins before the app's styles are in. */
  readonly background: string;
}

export type RememberedStage = Omit<Remembered, 'window'>;

type StageStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const STAGE_MEMORY_KEY = 'mejirushi.slideStage';
/** The same for the series viewer's viewport (Cornerstone's element), read by the early series viewer. */
export const SERIES_STAGE_MEMORY_KEY = 'mejirushi.seriesStage';
/** Window sizes kept (a reader moving between a laptop's screen and a monitor, full screen or not). */
export const REMEMBERED_WINDOWS = 4;

function isRect(value: unknown): value is StageRect {
  const rect = value as StageRect | null;
  return typeof rect === 'object' && rect !== null && [rect.left, rect.top, rect.width, rect.height].every(Number.isFinite) && rect.width > 0 && rect.height > 0;
}

function isRemembered(value: unknown): value is Remembered {
  const entry = value as Remembered | null;
  return typeof entry === 'object' && entry !== null && isRect({ left: 0, top: 0, ...entry.window }) && isRect(entry.stage) && typeof entry.background === 'string';
}

function read(storage: StageStorage, key: string): Remembered[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRemembered) : [];
  } catch {
    // Unreadable (another version's shape, storage blocked): as if nothing were remembered.
    return [];
  }
}

const sameWindow = (a: WindowSize, b: WindowSize) => a.width === b.width && a.height === b.height;
const sameRect = (a: StageRect, b: StageRect) => a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;

/** The stage laid out in a window of this size, the latest first; at most REMEMBERED_WINDOWS sizes. */
export function rememberStage(storage: StageStorage, window: WindowSize, stage: StageRect, background: string, key = STAGE_MEMORY_KEY): void {
  const kept = read(storage, key);
  const latest = kept[0];
  if (latest && sameWindow(latest.window, window) && sameRect(latest.stage, stage) && latest.background === background) return;
  const next = [{ window, stage, background }, ...kept.filter((entry) => !sameWindow(entry.window, window))].slice(0, REMEMBERED_WINDOWS);
  try {
    storage.setItem(key, JSON.stringify(next));
  } catch {
    // Storage full or blocked: the next page's early viewer only falls back to the window's size.
  }
}

/** The stage last laid out in a window of exactly this size, if any. */
export function rememberedStage(storage: StageStorage | null, window: WindowSize, key = STAGE_MEMORY_KEY): RememberedStage | null {
  if (!storage) return null;
  const entry = read(storage, key).find((candidate) => sameWindow(candidate.window, window));
  return entry ? { stage: entry.stage, background: entry.background } : null;
}

/**
 * Where this window's slide stage is expected: as last laid out here, else where the layout puts it
 * (stageLayout.ts), else nothing known (a window too small for the layout).
 */
export function expectedStage(storage: StageStorage | null, window: WindowSize): RememberedStage | null {
  const remembered = rememberedStage(storage, window);
  if (remembered) return remembered;
  const predicted = predictedStage(window);
  return predicted ? { stage: predicted, background: STAGE_BACKGROUND } : null;
}

/**
 * The viewer size the home view's tiles are guessed for before the viewer is laid out: the
 * expected stage's, else the window's (a stand-in: the stage is smaller). The early script and the
 * app guess alike, so the app's requests take the early answers.
 */
export function expectedViewerSize(storage: StageStorage | null, window: WindowSize): ViewerSize {
  const expected = expectedStage(storage, window);
  return expected ? { width: expected.stage.width, height: expected.stage.height, exact: true } : window;
}
