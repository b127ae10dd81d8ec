/**
 * The deid benchmarks' page (bench/deid-browser/) in headless Debian Chromium (the e2e launch
 * options): built with the app's worker settings, so the de-identification worker is bundled as
 * the app bundles it, and served by vite preview.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../e2e/fixtures/chromium';
import { REPO_ROOT } from '../../server/testing/processes';
import appConfig from '../../vite.config';
import { PROFILE } from './profile';
import { uploadSink } from './uploadSink';

const PAGE_ROOT = join(REPO_ROOT, 'bench', 'deid-browser');

export interface DeidPage {
  readonly page: Page;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Builds the page into `outDir`, serves it and opens it, ready (`html[data-ready]`). */
export async function openDeidPage(outDir: string): Promise<DeidPage> {
  // Unminified when profiling, so a profile names the source's functions.
  await build({ configFile: false, root: PAGE_ROOT, logLevel: 'error', worker: appConfig.worker, build: { outDir, emptyOutDir: true, target: appConfig.build?.target, ...(PROFILE ? { minify: false } : {}) } });
  const server = await preview({ configFile: false, root: PAGE_ROOT, logLevel: 'error', plugins: [uploadSink()], build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const stopServer = () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await stopServer();
    throw new Error('vite preview gave no address');
  }
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  const close = async () => {
    await browser.close();
    await stopServer();
  };
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    return { page, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
