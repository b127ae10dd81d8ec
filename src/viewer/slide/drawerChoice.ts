/**
 * Which OpenSeadragon drawer draws the tiles. Canvas is the default: on machines without a GPU
 * (software WebGL, as in CI and some hospital desktops) it panned at 60 fps where WebGL managed
 * 4–13 fps (docs: platform facts). `?drawer=webgl` in the address, or the local setting
 * `mejirushi.slideDrawer` = `webgl`, picks WebGL where a real GPU makes it the better choice.
 */
export type SlideDrawer = 'canvas' | 'webgl';

export const DRAWER_SETTING_KEY = 'mejirushi.slideDrawer';

function parse(value: string | null | undefined): SlideDrawer | null {
  return value === 'canvas' || value === 'webgl' ? value : null;
}

/** `search`: the address's query string; `stored`: the local setting. The address wins. */
export function chooseDrawer(search: string, stored: string | null): SlideDrawer {
  return parse(new URLSearchParams(search).get('drawer')) ?? parse(stored) ?? 'canvas';
}

export function browserDrawer(): SlideDrawer {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(DRAWER_SETTING_KEY);
  } catch {
    // Storage blocked: the default holds.
  }
  return chooseDrawer(window.location.search, stored);
}
