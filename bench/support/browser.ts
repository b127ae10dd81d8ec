/** Debian Chromium for the browser benchmarks, and contexts that start logged in. */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import type { LoginResponse } from '../../src/core/api';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../e2e/fixtures/chromium';
import { BARE_BASE } from './site';

/** Debian Chromium, launched as the end-to-end tests launch it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}

/** The e2e suites' window size. */
export const VIEWPORT = { width: 1280, height: 860 } as const;

/** `BENCH_LOGIN_COPY=0`: seeded contexts hold the IndexedDB row only, not the login's localStorage copy (as the benches ran before 2026-12-03). */
const LOGIN_COPY = process.env.BENCH_LOGIN_COPY !== '0';

/**
 * A fresh context (empty HTTP cache, IndexedDB, service workers) whose one page has stored
 * `login` the way the app does (IndexedDB row and localStorage copy), through the seed page
 * (which loads nothing of the app).
 */
export async function newSeededContext(browser: Browser, origin: string, login: LoginResponse): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: origin });
  const page = await context.newPage();
  await page.goto(`${BARE_BASE}seed.html${LOGIN_COPY ? '' : '?copy=0'}#${encodeURIComponent(JSON.stringify(login))}`);
  const seeded = await page.waitForFunction(() => document.documentElement.dataset.seeded);
  if ((await seeded.jsonValue()) !== 'true') throw new Error(`seeding the session failed: ${String(await seeded.jsonValue())}`);
  return context;
}

/** The viewer root once the shown slice is rendered (the app's and the bare page's alike). */
export function readyViewer(sliceIndex?: number): string {
  const index = sliceIndex === undefined ? '' : `[data-slice-index="${sliceIndex}"]`;
  return `[data-testid="series-viewer"][data-ready="true"]${index}`;
}

/**
 * The app's viewer once the item page has its overlays (corner text) and its mask layer (the mask
 * tools' input): the reading room as a reader has it, not a bare viewer.
 */
export const READING_ROOM = '[data-testid="series-viewer"]:has([data-testid="viewer-context"]):has([data-testid="mask-layer"])';
