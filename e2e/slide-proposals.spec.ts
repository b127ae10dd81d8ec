/**
 * Model proposals on a slide, as a pathologist: the tissue and nuclei model runs on the visible
 * region of the demo slide with its progress, its outlines arrive dashed, the confidence slider
 * leaves low-scoring ones out of the overlay and the counts without a re-run, and Shift+A accepts
 * those shown in view, which reach the server with the model's provenance.
 */
import type { Page } from '@playwright/test';
import type { Point } from '../src/core/annotation';
import { DEMO_LESIONS } from '../server/demo/slide/layout';
import { byTestId, expect, expectSynced, test } from './fixtures/mejirushi';
import { openDemoSlide, serverShapes, zoomOnto } from './fixtures/slides';

const MODEL = 'pathology-nuclei-tissue';
const LESION = DEMO_LESIONS[0]!;
const CENTRE: Point = [LESION.ring.reduce((sum, [x]) => sum + x, 0) / LESION.ring.length, LESION.ring.reduce((sum, [, y]) => sum + y, 0) / LESION.ring.length];

/** Outlines the overlay drew in its last frame (outlines and dots). */
async function drawn(page: Page): Promise<number> {
  return Number(await byTestId(page, 'slide-annotation-canvas').getAttribute('data-drawn'));
}

test('the tissue and nuclei model proposes outlines in the visible region; the slider filters what is drawn; Shift+A accepts those shown', async ({ page, mejirushi }) => {
  const itemId = await openDemoSlide(page, mejirushi);
  // A small part of a lesion in view: a few hundred nuclei, drawn one by one.
  await zoomOnto(page, CENTRE, 0.5);

  await expect(page.locator('[data-testid="proposal-panel"][data-ready="true"]')).toBeVisible();
  await byTestId(page, `proposal-run-visibleRegion-${MODEL}`).click();
  const progress = byTestId(page, 'proposal-progress');
  await expect(progress).toHaveAttribute('data-status', 'finished', { timeout: 120_000 });
  const proposed = Number(await progress.getAttribute('data-proposals'));
  expect(proposed).toBeGreaterThan(10);
  const shown = byTestId(page, 'proposal-shown');
  await expect.poll(async () => Number(await shown.getAttribute('data-count'))).toBeGreaterThan(10);
  const shownAtZero = Number(await shown.getAttribute('data-count'));
  await expect.poll(() => drawn(page)).toBe(shownAtZero);

  // Raised to the top, the slider hides every proposal scoring under 100 %: fewer shown, fewer drawn.
  await byTestId(page, 'proposal-confidence-lesion').fill('100');
  await expect.poll(async () => Number(await shown.getAttribute('data-count'))).toBeLessThan(shownAtZero);
  const shownAtTop = Number(await shown.getAttribute('data-count'));
  await expect.poll(() => drawn(page)).toBe(shownAtTop);
  await byTestId(page, 'proposal-confidence-lesion').fill('0');
  await expect.poll(() => drawn(page)).toBe(shownAtZero);

  await page.keyboard.press('Shift+A');
  await expect(shown).toHaveAttribute('data-count', '0');
  await expectSynced(page);
  const accepted = (await serverShapes(mejirushi, itemId)).filter((shape) => shape.provenance.decision === 'accepted');
  expect(accepted).toHaveLength(shownAtZero);
  expect(accepted[0]?.provenance.origin).toMatchObject({ kind: 'model', modelId: MODEL });
});
