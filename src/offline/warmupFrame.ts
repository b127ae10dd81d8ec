/**
 * Loads module chunks once in a hidden, same-origin `srcdoc` frame as `<link rel="modulepreload">`:
 * the frame is controlled by the page's service worker and bound by its CSP (a srcdoc document
 * inherits both), and a module preload fetches and compiles a module without running it, so the
 * app's entry compiled there starts no second app. No `sandbox`: without `allow-scripts` Chromium
 * refuses the preloads (a console error each), and with it a same-origin frame could lift its own.
 * The frame is removed once every chunk has loaded or failed, or after `timeoutMs`.
 */
export async function loadInHiddenFrame(page: Document, urls: readonly string[], timeoutMs: number): Promise<number> {
  const frame = page.createElement('iframe');
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.srcdoc = '<!doctype html><title></title>';
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const opened = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
    page.body.append(frame);
    const preloaded = opened.then(() => preloadAll(frame, urls));
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(0), timeoutMs);
    });
    return await Promise.race([preloaded, timedOut]);
  } finally {
    clearTimeout(timer);
    frame.remove();
  }
}

/** Resolves to how many of `urls` loaded (compiled) in `frame`'s document. */
async function preloadAll(frame: HTMLIFrameElement, urls: readonly string[]): Promise<number> {
  const document = frame.contentDocument;
  if (!document) return 0;
  const loaded = await Promise.all(
    urls.map(
      (url) =>
        new Promise<boolean>((resolve) => {
          const link = document.createElement('link');
          link.rel = 'modulepreload';
          link.href = url;
          link.addEventListener('load', () => resolve(true), { once: true });
          link.addEventListener('error', () => resolve(false), { once: true });
          document.head.append(link);
        }),
    ),
  );
  return loaded.filter(Boolean).length;
}
