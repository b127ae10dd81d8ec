/**
 * Loads module chunks once in a hidden, same-origin `srcdoc` frame: those in `run` as module
 * scripts (run there, so V8 makes their code cache), the others as `<link rel="modulepreload">`
 * (fetched and compiled, not run: the app's entry compiled there starts no second app). The frame
 * is controlled by the page's service worker and bound by its CSP (a srcdoc document inherits
 * both). No `sandbox`: without `allow-scripts` Chromium refuses the preloads (a console error
 * each), and with it a same-origin frame could lift its own. The frame is removed once every chunk
 * has loaded or failed, or after `timeoutMs`; resolves to how many loaded by then.
 */
export async function loadInHiddenFrame(page: Document, urls: readonly string[], run: ReadonlySet<string>, timeoutMs: number): Promise<number> {
  const frame = page.createElement('iframe');
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.srcdoc = '<!doctype html><title></title>';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loaded = 0;
  try {
    const opened = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
    page.body.append(frame);
    const allSettled = opened.then(() => loadAll(frame, urls, run, () => (loaded += 1)));
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([allSettled, timedOut]);
    return loaded;
  } finally {
    clearTimeout(timer);
    frame.remove();
  }
}

/** Settles once each of `urls` has loaded (run or compiled) in `frame`'s document or failed; `onLoaded` for each that loaded. */
async function loadAll(frame: HTMLIFrameElement, urls: readonly string[], run: ReadonlySet<string>, onLoaded: () => void): Promise<void> {
  const document = frame.contentDocument;
  if (!document) return;
  await Promise.all(
    urls.map(
      (url) =>
        new Promise<void>((resolve) => {
          const element = run.has(url) ? moduleScript(document, url) : modulePreload(document, url);
          element.addEventListener(
            'load',
            () => {
              onLoaded();
              resolve();
            },
            { once: true },
          );
          element.addEventListener('error', () => resolve(), { once: true });
          document.head.append(element);
        }),
    ),
  );
}

function moduleScript(document: Document, url: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = url;
  return script;
}

function modulePreload(document: Document, url: string): HTMLLinkElement {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = url;
  return link;
}
