/**
 * Which view draws the reformats. Cornerstone's volume viewport needs WebGL, so CPU rendering
 * (chosen under a software rasteriser, see cornerstone/renderMode.ts) always gets the app's
 * canvas views. With GPU rendering the volume viewport is the default; `?reformat=canvas` (kept
 * for the tab) asks for the canvas views there too, e.g. to compare the two.
 */
import type { RenderMode } from '../cornerstone/renderMode';
import type { TabChoice } from '../tabChoice';

export type ReformatViewKind = 'volume' | 'canvas';

export const REFORMAT_VIEW_KEY = 'mejirushi.reformatView';

export function parseReformatView(value: string | null | undefined): ReformatViewKind | null {
  return value === 'volume' || value === 'canvas' ? value : null;
}

/** `?reformat=volume|canvas`, kept for the whole tab. */
export const REFORMAT_VIEW_CHOICE: TabChoice<ReformatViewKind> = { param: 'reformat', key: REFORMAT_VIEW_KEY, parse: parseReformatView };

export function chooseReformatView(renderMode: RenderMode, requested: ReformatViewKind | null): ReformatViewKind {
  return renderMode === 'gpu' && requested !== 'canvas' ? 'volume' : 'canvas';
}
