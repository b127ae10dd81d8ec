/**
 * The static site the browser benchmarks serve: a fresh production build of the app (so the
 * figures are for the code in the tree, not a stale dist/) plus the benchmark's own pages under
 * /bench-bare/ (the bare Cornerstone3D and OpenSeadragon baselines and the session seed page), built
 * with the app's Cornerstone settings from vite.config.ts.
 *
 * /bench-bare/ is a symbolic link into the static folder: the server serves it like any file,
 * but its listing for the service worker's precache (`/app-files.json`) skips links, so the app
 * precaches exactly what it would in production.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import appConfig from '../../vite.config';
import { REPO_ROOT } from '../../server/testing/processes';
import { PROFILE } from './profile';

export const BARE_BASE = '/bench-bare/';
/** Set by run-all to a site it built once, so each benchmark does not build it again. */
export const SITE_ENV = 'MEJIRUSHI_BENCH_SITE';

export interface BenchSite {
  /** Pass to the server as --static. */
  readonly staticDir: string;
  dispose(): void;
}

const BARE_ROOT = join(REPO_ROOT, 'bench', 'bare-viewer');

/** Builds the app and the benchmark pages into `<dir>/static` (+ `<dir>/bench-bare`). */
export async function buildSite(dir: string): Promise<string> {
  const staticDir = join(dir, 'static');
  const bareDir = join(dir, 'bench-bare');
  await build({
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    root: REPO_ROOT,
    logLevel: 'error',
    // Unminified when profiling, so a profile names the source's functions.
    build: { outDir: staticDir, emptyOutDir: true, ...(PROFILE ? { minify: false } : {}) },
  });
  await build({
    configFile: false,
    root: BARE_ROOT,
    base: BARE_BASE,
    logLevel: 'error',
    // The Cornerstone-related settings of the app's build, nothing else (no React, no worker).
    optimizeDeps: appConfig.optimizeDeps,
    worker: appConfig.worker,
    build: {
      outDir: bareDir,
      emptyOutDir: true,
      // Like the app's, so a profile compares the same code (the decode worker's above all).
      ...(PROFILE ? { minify: false } : {}),
      target: appConfig.build?.target,
      chunkSizeWarningLimit: appConfig.build?.chunkSizeWarningLimit,
      rolldownOptions: {
        input: { index: join(BARE_ROOT, 'index.html'), seed: join(BARE_ROOT, 'seed.html'), slide: join(BARE_ROOT, 'slide.html'), segmentation: join(BARE_ROOT, 'segmentation.html') },
      },
    },
  });
  symlinkSync(bareDir, join(staticDir, BARE_BASE.replaceAll('/', '')), 'dir');
  return staticDir;
}

/** The site named by MEJIRUSHI_BENCH_SITE, else a fresh build in a temp folder. */
export async function prepareSite(): Promise<BenchSite> {
  const given = process.env[SITE_ENV];
  if (given) return { staticDir: given, dispose: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'mejirushi-bench-site-'));
  try {
    const staticDir = await buildSite(dir);
    return { staticDir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
