/**
 * The first visit a service worker controls compiles every script again: Blink keeps its in-memory
 * copies (and the code V8 compiled for them) apart per controlling worker, so what the uncontrolled
 * first visit compiled is not reused, and V8's code cache for the worker's copies is made only when
 * they run a second time (bench/README.md, first-image). For the reader's second visit that was
 * ~300 ms of Cornerstone's chunk compiled again before the first slice, and ~200 ms more of code
 * caches made. So, once the worker has taken control of a page that started without it (the first
 * visit after an install), the chunks that page loaded are loaded once more through the worker at
 * idle (`warmupFrame.ts`): run, where they cannot start the app (`runnableChunks.ts`), else
 * compiled only, and the next visit is their second use.
 *
 * Marks `<html data-code-warmed="…">` with the outcome (the count of chunks loaded, `none`,
 * `failed`) and the performance mark {@link CODE_WARMED_MARK}. An optimisation: it never throws and
 * says nothing to the user.
 */
import { APP_ENTRY_ATTRIBUTE } from '../../vite/appEntryHeld';
import { runnableChunks } from './runnableChunks';
import { loadInHiddenFrame } from './warmupFrame';

export const CODE_WARMED_MARK = 'mejirushi:code-warmed';
/** Idle callbacks wait at most this long: a page busy for longer still gets its chunks warmed. */
export const WARMUP_IDLE_TIMEOUT_MS = 5000;
/** A chunk that neither loads nor fails within this time is not waited for (the frame is removed). */
export const WARMUP_FRAME_TIMEOUT_MS = 30_000;

/** What resource timing says of one fetch (`PerformanceResourceTiming`'s fields used here). */
export interface FetchedResource {
  readonly name: string;
  readonly initiatorType: string;
}

/** The count of chunks compiled, `none` (nothing to warm) or `failed` (not one of them loaded). */
export type CodeWarmupOutcome = number | 'none' | 'failed';

/**
 * The app's own chunks (`/assets/*.js` of `origin`) the page loaded as module scripts (imports,
 * Vite's modulepreload links), each once, in the order first fetched. Worker scripts (initiator
 * `other`) are left out: a worker has its own code cache, and the page could not compile them for it.
 */
export function chunksToWarm(entries: readonly FetchedResource[], origin: string): string[] {
  const chunks = new Set<string>();
  for (const entry of entries) {
    if (entry.initiatorType !== 'script' && entry.initiatorType !== 'link') continue;
    const url = new URL(entry.name, origin);
    if (url.origin !== origin || !/^\/assets\/[^/]+\.js$/.test(url.pathname)) continue;
    chunks.add(url.pathname);
  }
  return [...chunks];
}

export interface CodeWarmupHost {
  /** Whether a worker controlled the page when its scripts were fetched (read at the app's start). */
  readonly startedControlled: boolean;
  readonly isControlled: () => boolean;
  readonly fetchedResources: () => readonly FetchedResource[];
  readonly origin: string;
  /** The page's entry chunks (the early script, the app): never run in the warm-up. */
  readonly entries: () => readonly string[];
  /** A chunk's text through the worker, null when it cannot be read. */
  readonly chunkText: (url: string) => Promise<string | null>;
  /** Runs `task` when the page is idle. */
  readonly whenIdle: (task: () => void) => void;
  /** Loads `urls` through the worker, running those in `run` and compiling the others; resolves to how many loaded. */
  readonly load: (urls: readonly string[], run: ReadonlySet<string>) => Promise<number>;
  readonly report: (outcome: CodeWarmupOutcome) => void;
}

export interface CodeWarmup {
  /**
   * Warms the page's chunks once, at idle, if the page started uncontrolled and is controlled now;
   * resolves to the outcome, or null when there was nothing to do (later calls resolve to the first's).
   */
  start(): Promise<CodeWarmupOutcome | null>;
}

export function codeWarmup(host: CodeWarmupHost): CodeWarmup {
  let started: Promise<CodeWarmupOutcome | null> | null = null;
  const run = async (): Promise<CodeWarmupOutcome | null> => {
    // A page that started controlled got its scripts through the worker: the next visit is their second use already.
    if (host.startedControlled || !host.isControlled()) return null;
    await new Promise<void>((resolve) => host.whenIdle(resolve));
    const outcome = await warm(host);
    host.report(outcome);
    return outcome;
  };
  return {
    start() {
      started ??= run().catch(() => null);
      return started;
    },
  };
}

async function warm(host: CodeWarmupHost): Promise<CodeWarmupOutcome> {
  try {
    const chunks = chunksToWarm(host.fetchedResources(), host.origin);
    if (chunks.length === 0) return 'none';
    const texts = await Promise.all(chunks.map(async (chunk) => [chunk, await host.chunkText(chunk).catch(() => null)] as const));
    const loaded = await host.load(chunks, runnableChunks(chunks, host.entries(), new Map(texts)));
    return loaded > 0 ? loaded : 'failed';
  } catch {
    return 'failed';
  }
}

/** The document's module scripts and the app entry the early script imports (vite/appEntryHeld.ts), as paths. */
function pageEntries(page: Document): string[] {
  const urls = [...page.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map((script) => script.src);
  urls.push(...[...page.querySelectorAll<HTMLLinkElement>(`link[${APP_ENTRY_ATTRIBUTE}]`)].map((link) => link.href));
  return urls.map((url) => new URL(url, page.baseURI).pathname);
}

/** The warm-up of this page, its start state read now (call it when the app starts, before any await). */
export function pageCodeWarmup(): CodeWarmup {
  const container = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
  return codeWarmup({
    startedControlled: container?.controller != null,
    isControlled: () => container?.controller != null,
    fetchedResources: () => performance.getEntriesByType('resource') as PerformanceResourceTiming[],
    origin: window.location.origin,
    whenIdle: (task) => {
      // Safari has no idle callbacks: a timer's turn comes after the current work at least.
      if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(task, { timeout: WARMUP_IDLE_TIMEOUT_MS });
      else window.setTimeout(task, 0);
    },
    entries: () => pageEntries(document),
    chunkText: async (url) => {
      const response = await fetch(url);
      return response.ok ? response.text() : null;
    },
    load: (urls, run) => loadInHiddenFrame(document, urls, run, WARMUP_FRAME_TIMEOUT_MS),
    report: (outcome) => {
      document.documentElement.dataset.codeWarmed = String(outcome);
      performance.mark(CODE_WARMED_MARK, { detail: outcome });
    },
  });
}
