/**
 * Starts the app's entry, which index.html holds back (vite/appEntryHeld.ts): the early boot
 * script calls this as soon as the page's first screen no longer needs the two cores to itself (at
 * once on most pages; on a slide, once the early viewer has shown its first full screen). The
 * entry's module preloads, prefetched meanwhile, are asked for with it so its imports do not wait
 * for the entry to be parsed.
 */
const APP_ENTRY = 'link[data-mejirushi-app]';
const APP_PART = 'link[data-mejirushi-app-part]';

/** The performance mark set when the app's entry is asked for (e2e and the wsi bench read it). */
export const APP_START_MARK = 'mejirushi:app-start';

let started = false;

/** Imports the app's entry, once; a failure to load it is said on the page, not left blank. */
export function startApp(): void {
  if (started) return;
  started = true;
  performance.mark(APP_START_MARK);
  const entry = document.querySelector<HTMLLinkElement>(APP_ENTRY);
  if (!entry) throw new Error('index.html names no app entry');
  for (const part of document.querySelectorAll<HTMLLinkElement>(APP_PART)) {
    const preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.crossOrigin = '';
    preload.href = part.href;
    document.head.append(preload);
  }
  import(/* @vite-ignore */ entry.href).catch((error: unknown) => {
    console.error('The app could not be loaded:', error);
    const root = document.getElementById('root');
    // Both languages, as index.html's noscript: the app's own texts are in the entry that failed.
    if (root) root.textContent = 'Mejirushi could not be loaded; check the connection and reload the page. / めじるしを読み込めませんでした。接続を確認し、ページを再読み込みしてください。';
  });
}
