/**
 * Key → next image on screen, timed in the page: every keydown's timeStamp (when the input
 * arrived, so time the key waits behind earlier work counts) and every time a new index shows as
 * ready on the view's root. The label-advance and frame-tagging benchmarks share it.
 */
import type { Page } from '@playwright/test';

export interface StepMarks {
  keys: { key: string; t: number }[];
  readies: { index: number; t: number }[];
}

declare global {
  interface Window {
    __benchSteps?: StepMarks;
  }
}

/**
 * A script for `addInitScript` (runs in every document before its scripts) recording the steps;
 * `ready` selects the view's root once it shows its image, `indexAttribute` names what it shows.
 * A string: tsx would add its `__name` helper to a function, which the page lacks.
 */
export function recordSteps(ready: string, indexAttribute: string): string {
  return `
  window.__benchSteps = { keys: [], readies: [] };
  window.addEventListener('keydown', (event) => {
    window.__benchSteps.keys.push({ key: event.key, t: event.timeStamp });
  }, true);
  new MutationObserver(() => {
    const root = document.querySelector(${JSON.stringify(ready)});
    if (!root) return;
    const index = Number(root.getAttribute(${JSON.stringify(indexAttribute)}));
    const readies = window.__benchSteps.readies;
    const last = readies[readies.length - 1];
    if (!last || last.index !== index) readies.push({ index, t: performance.now() });
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'data-loaded', ${JSON.stringify(indexAttribute)}] });
`;
}

/** Forgets the steps recorded so far (before a pass). */
export async function resetSteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (window.__benchSteps) window.__benchSteps = { keys: [], readies: [] };
  });
}

/** Keydown → index `i + 1` shown, for each of the first `steps` keys since the reset (in-page ms). */
export async function stepTimes(page: Page, steps: number): Promise<number[]> {
  const marks = await page.evaluate(() => window.__benchSteps);
  if (!marks || marks.keys.length < steps) throw new Error(`expected ${steps} key presses, the page saw ${marks?.keys.length ?? 0}`);
  return marks.keys.slice(0, steps).map((key, i) => {
    const ready = marks.readies.find((r) => r.index === i + 1 && r.t >= key.t);
    if (!ready) throw new Error(`nothing shown at ${i + 1} after key ${i + 1}`);
    return ready.t - key.t;
  });
}
