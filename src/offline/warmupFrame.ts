/**
 * Loads module chunks once in a hidden, same-origin `srcdoc` frame: those in `run` as module
 * scripts (run there, so V8 makes their code cache), the others as `<link rel="modulepreload">`
 * (fetched and compiled, not run: the app's entry compiled there starts no second app). The frame
 * is controlled by the page's service worker and bound by its CSP (a srcdoc document inherits
 * both). No `sandbox`: without `allow-scripts` Chromium refuses the preloads (a console error
 * each), and with it a same-origin frame could lift its own. The frame is removed once every chunk
 * has loaded or failed, or after `timeoutMs`.
 */
export async function loadInHiddenFrame(page: Document, urls: readonly string[], run: ReadonlySet<string>, timeoutMs: number): Promise<number> {
  const frame = page.createElement('iframe');
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.srcdoc = '<!doctype html><title></title>';
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const opened = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
    page.body.append(frame);
    const preloaded = opened.then(() => loadAll(frame, urls, run));
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(0), timeoutMs);
    });
    return await Promise.race([preloaded, timedOut]);
  } finally {
    clearTimeout(timer);
    frame.remove();
  }
}

/** Resolves to how many of `urls` loaded (run or compiled) in `frame`'s document. */
async function loadAll(frame: HTMLIFrameElement, urls: readonly string[], run: ReadonlySet<string>): Promise<number> {
  const document = frame.contentDocument;
  if (!document) return 0;
  const loaded = await Promise.all(
    urls.map(
      (url) =>
        new Promise<boolean>((resolve) => {
          const element = run.has(url) ? moduleScript(document, url) : modulePreload(document, url);
          element.addEventListener('load', () => resolve(true), { once: true });
          element.addEventListener('error', () => resolve(false), { once: true });
          document.head.append(element);
        }),
    ),
  );
  return loaded.filter(Boolean).length;
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
