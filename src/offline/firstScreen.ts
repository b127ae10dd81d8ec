/**
 * When the page's first screen is up: a list shown, a slice or a slide's first tiles drawn. The
 * service worker's install waits for it, since it downloads the whole app again (Cornerstone, the
 * codecs, the inference runtime) and, started at once, competed with that screen's requests and
 * CPU. A page that never reports one (the sign-in form) goes on after `fallbackMs`.
 */
import { useEffect } from 'react';

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
