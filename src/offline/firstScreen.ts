/**
 * When the page's first screen is up: a list shown, a slice or a slide's first tiles drawn. The
 * live change stream waits for it (it holds a connection: see createAppStore), and so does the
 * service worker's install, since it downloads the whole app again (Cornerstone, the codecs, the
 * inference runtime) and, started at once, competed with that screen's requests and CPU. A page
 * that never reports one (the sign-in form) goes on after `fallbackMs`.
 */
import { useEffect } from 'react';

/** A screen slower than this (a huge slide on a slow link) holds what waits for it back no further. */
export const FIRST_SCREEN_FALLBACK_MS = 4000;

let report: () => void = () => undefined;
const shown = new Promise<void>((resolve) => {
  report = resolve;
});

export function markFirstScreen(): void {
  report();
}

/** Reports the first screen once `ready` is true (later calls do nothing). */
export function useFirstScreen(ready: boolean): void {
  useEffect(() => {
    if (ready) markFirstScreen();
  }, [ready]);
}

export function afterFirstScreen(fallbackMs: number): Promise<void> {
  return Promise.race([shown, new Promise<void>((resolve) => setTimeout(resolve, fallbackMs))]);
}
