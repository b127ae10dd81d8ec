/**
 * Counts the page's IndexedDB work for the label-advance benchmark: transactions by mode and
 * requests by method (`put`, `get`, `delete`, cursors…), wherever they come from (dexie or the
 * journal's direct write). Load does not move a count, so these tell two apps apart where the
 * timings cannot. Main thread only: the app's IndexedDB is there.
 */
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __benchIdb?: Record<string, number>;
  }
}

/**
 * A script for `addInitScript` wrapping the IndexedDB prototypes. A string: tsx would add its
 * `__name` helper to a function, which the page lacks.
 */
export const COUNT_IDB = `
  window.__benchIdb = {};
  const bump = (kind) => { window.__benchIdb[kind] = (window.__benchIdb[kind] || 0) + 1; };
  const wrap = (proto, method, kind) => {
    const original = proto[method];
    if (typeof original !== 'function') return;
    proto[method] = function (...args) {
      bump(kind(args));
      return original.apply(this, args);
    };
  };
  wrap(IDBDatabase.prototype, 'transaction', (args) => 'transaction ' + (args[1] || 'readonly'));
  for (const method of ['put', 'add', 'get', 'getAll', 'getAllKeys', 'getKey', 'delete', 'clear', 'count', 'openCursor', 'openKeyCursor']) {
    wrap(IDBObjectStore.prototype, method, () => method);
  }
  for (const method of ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor']) {
    wrap(IDBIndex.prototype, method, () => 'index.' + method);
  }
  wrap(IDBCursor.prototype, 'continue', () => 'cursor.continue');
`;

/** The counts so far, and zeroes them. */
export async function takeIdbCounts(page: Page): Promise<Map<string, number>> {
  const counts = await page.evaluate(() => {
    const taken = window.__benchIdb ?? {};
    window.__benchIdb = {};
    return taken;
  });
  return new Map(Object.entries(counts));
}
