/**
 * CPU or GPU rendering. Under a software WebGL rasteriser (SwiftShader, llvmpipe: CI, GPU-less
 * clients, some VMs) Cornerstone's CPU path is faster than its WebGL path with identical pixels
 * (2.3 s vs 3.2 s to the first image, 17 vs 56 ms per cached slice, measured here), so GPU is
 * chosen only for a real WebGL2 device. `?render=cpu|gpu` overrides the choice for this tab.
 */
import type { TabChoice } from '../tabChoice';

export type RenderMode = 'cpu' | 'gpu';

/** Keeps `?render=` for the whole tab (see RENDER_MODE_CHOICE). */
export const RENDER_MODE_KEY = 'mejirushi.render';

export interface WebGlCapabilities {
  readonly webgl2: boolean;
  readonly softwareRasterizer: boolean;
}

export function parseRenderMode(value: string | null | undefined): RenderMode | null {
  return value === 'cpu' || value === 'gpu' ? value : null;
}

/** `?render=cpu|gpu`, kept for the whole tab. */
export const RENDER_MODE_CHOICE: TabChoice<RenderMode> = { param: 'render', key: RENDER_MODE_KEY, parse: parseRenderMode };

export function chooseRenderMode(requested: RenderMode | null, capabilities: WebGlCapabilities): RenderMode {
  if (requested) return requested;
  return capabilities.webgl2 && !capabilities.softwareRasterizer ? 'gpu' : 'cpu';
}
