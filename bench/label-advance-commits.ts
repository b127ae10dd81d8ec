/**
 * Counts the page's React commits for the label-advance benchmark, through the hook React's
 * production build reports to (the one React DevTools installs): every commit of a root, whatever
 * caused it. A count load does not move, so two apps can be told apart where timings cannot.
 */
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __benchReactCommits?: number;
  }
}

/** A script for `addInitScript`, run before React loads (a string: see label-advance-idb.ts). */
export const COUNT_REACT_COMMITS = `
  window.__benchReactCommits = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(),
    supportsFiber: true,
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    onScheduleFiberRoot() {},
    onCommitFiberRoot() { window.__benchReactCommits += 1; },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
`;

/** The commits so far, and zeroes the count. */
export async function takeReactCommits(page: Page): Promise<number> {
  return page.evaluate(() => {
    const taken = window.__benchReactCommits ?? 0;
    window.__benchReactCommits = 0;
    return taken;
  });
}
