import type { Page } from '@playwright/test';
import { byTestId, expect, expectSliceShown, goToSlice, openDemoItem, phantomTruth, signIn, test } from './fixtures/mejirushi';

/** Where image pixel (row, column) of the shown slice lies on the page. */
async function pagePoint(page: Page, row: number, column: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('.sv-viewport').boundingBox();
  if (!box) throw new Error('the viewport has no box');
  const [x, y] = await page.evaluate(([r, c]) => window.__mejirushiViewer!.imageToCanvas(r, c), [row, column] as const);
  return { x: box.x + x, y: box.y + y };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

async function statsOf(page: Page, tool: string): Promise<Record<string, number | string>> {
  const item = byTestId(page, `measurement-${tool}`);
  await expect(item).toHaveCount(1);
  return JSON.parse((await item.getAttribute('data-stats')) ?? '{}') as Record<string, number | string>;
}

test('reading context: slice location and thickness, HU probe, length and ROI, presets by key, cine', async ({ page, mejirushi }) => {
  const truth = phantomTruth();
  const firstZ = -40; // the demo generator's first slice (server/demo/phantom.ts), 5 mm apart
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  const viewer = byTestId(page, 'series-viewer');
  const context = byTestId(page, 'viewer-context');

  // Location and thickness, updated when paging.
  await goToSlice(page, 3);
  await expectSliceShown(page, 3);
  await expect(context).toHaveAttribute('data-location', String(firstZ + 3 * truth.sliceSpacingMm));
  await expect(context).toHaveAttribute('data-thickness', '5');
  await expect(byTestId(page, 'viewer-location')).toHaveText('Location −25.0 mm');
  await expect(byTestId(page, 'viewer-thickness')).toHaveText('Thickness 5.0 mm');
  await expect(byTestId(page, 'viewer-marker-left')).toHaveText('R');
  await expect(byTestId(page, 'viewer-marker-top')).toHaveText('A');
  await page.keyboard.press('ArrowDown');
  await expectSliceShown(page, 4);
  await expect(context).toHaveAttribute('data-location', String(firstZ + 4 * truth.sliceSpacingMm));

  // The HU probe reads the phantom's known value under the pointer.
  const probe = truth.probes[0];
  if (!probe) throw new Error('the phantom has no probe');
  await goToSlice(page, probe.sliceIndex);
  await expectSliceShown(page, probe.sliceIndex);
  const at = await pagePoint(page, probe.row, probe.column);
  await page.mouse.move(at.x, at.y);
  const reading = byTestId(page, 'viewer-probe');
  await expect(reading).toHaveAttribute('data-row', String(probe.row));
  await expect(reading).toHaveAttribute('data-column', String(probe.column));
  await expect(reading).toHaveAttribute('data-value', String(probe.hu));
  await expect(reading).toContainText(`${probe.hu} HU`);

  // Length of 200 px = 90 mm at 0.45 mm/px (the tools attach after the first frame: wait for the tool to hold).
  await page.keyboard.press('l');
  await expect(byTestId(page, 'reading-tool-length')).toHaveAttribute('aria-pressed', 'true');
  const left = await pagePoint(page, 256, 156);
  const right = await pagePoint(page, 256, 356);
  await expect(async () => {
    await drag(page, left, right);
    await expect(byTestId(page, 'measurement-length')).toHaveCount(1, { timeout: 2_000 });
  }).toPass();
  const length = await statsOf(page, 'length');
  expect(length.unit).toBe('mm');
  // A pointer lands on whole CSS px: within one image px (0.45 mm) of each end.
  expect(Math.abs(Number(length.length) - 200 * truth.pixelSpacing[1])).toBeLessThan(2 * truth.pixelSpacing[1]);

  // An ellipse ROI (Cornerstone's is dragged from its centre) 10 px in radius inside the head, clear of the line:
  // area π·(4.5 mm)², HU statistics in order.
  await page.keyboard.press('e');
  await drag(page, await pagePoint(page, 300, 256), await pagePoint(page, 310, 266));
  const roi = await statsOf(page, 'ellipse');
  expect(roi.valueUnit).toBe('HU');
  expect(roi.areaUnit).toBe('mm²');
  expect(Number(roi.area)).toBeGreaterThan(Math.PI * 4 * 4);
  expect(Number(roi.area)).toBeLessThan(Math.PI * 5 * 5);
  expect(Number(roi.min)).toBeLessThanOrEqual(Number(roi.mean));
  expect(Number(roi.mean)).toBeLessThanOrEqual(Number(roi.max));
  expect(Number(roi.stdDev)).toBeGreaterThanOrEqual(0);

  // Window presets by key.
  await page.keyboard.press('b');
  await expect(viewer).toHaveAttribute('data-voi', '80/40');
  await page.keyboard.press('k');
  await expect(viewer).toHaveAttribute('data-voi', '40/40');

  // Corner text hides and returns with I.
  await page.keyboard.press('i');
  await expect(context).toHaveCount(0);
  await page.keyboard.press('i');
  await expect(context).toHaveCount(1);

  // Cine plays through the slices (looping) and stops where it is.
  const cine = byTestId(page, 'cine-toggle');
  const start = Number(await viewer.getAttribute('data-slice-index'));
  await page.keyboard.press('c');
  await expect(cine).toHaveAttribute('data-state', 'playing');
  await expect.poll(async () => Number(await viewer.getAttribute('data-slice-index'))).not.toBe(start);
  await page.keyboard.press('c');
  await expect(cine).toHaveAttribute('data-state', 'paused');
  const stoppedAt = Number(await byTestId(page, 'slice-counter').getAttribute('data-index'));
  await expectSliceShown(page, stoppedAt);
  await expect(byTestId(page, 'slice-counter')).toHaveAttribute('data-index', String(stoppedAt));

  // Reformats of the demo volume (regular: 5 mm steps): coronal and sagittal, one pixel row per slice.
  await page.keyboard.press('m');
  await expect(byTestId(page, 'reformat-regularity')).toHaveAttribute('data-regular', 'true');
  await expect(byTestId(page, 'reformat-coronal')).toHaveAttribute('data-height', String(truth.sliceCount));
  await expect(byTestId(page, 'reformat-sagittal')).toHaveAttribute('data-width', String(truth.rows));
  await expect(byTestId(page, 'reformat-coronal-marker-top')).toHaveText('S');
  await expect(byTestId(page, 'reformat-sagittal-marker-left')).toHaveText('A');
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'reformat-notice')).toHaveCount(0);

  // Every key is listed in the help, with the mouse actions.
  await page.keyboard.press('?');
  const help = byTestId(page, 'shortcut-help');
  await expect(help).toContainText('Window preset: Brain');
  await expect(help).toContainText('Left drag: Length');
  await expect(help).toContainText('Right drag');
});
