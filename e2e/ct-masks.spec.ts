import type { Page } from '@playwright/test';
import { decodeRuns } from '../src/core/mask';
import { demoPhantomSlices } from '../server/demo/phantomHu';
import { allRecords } from '../src/data/testing/allRecords';
import {
  byTestId,
  expect,
  expectSliceShown,
  expectSynced,
  goToSlice,
  openDemoItem,
  segmentPixels as segmentPixelsOf,
  serverApi,
  settled,
  signIn,
  stroke,
  test,
  waitForItem,
} from './fixtures/mejirushi';

const SEGMENT = 'sah.blood';

/** The segment's pixel count as the panel shows it. */
const segmentPixels = (page: Page) => segmentPixelsOf(page, SEGMENT);

/** The blood pixel of slice `index` with the most blood around it (a 9×9 window), as [column, row]. */
function bloodCentre(hu: Float32Array, width: number, range: readonly [number, number]): readonly [number, number] {
  const blood = (i: number) => hu[i]! >= range[0] && hu[i]! <= range[1];
  let best: readonly [number, number] = [0, 0];
  let most = -1;
  for (let row = 4; row < width - 4; row += 2) {
    for (let column = 4; column < width - 4; column += 2) {
      if (!blood(row * width + column)) continue;
      let n = 0;
      for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) if (blood((row + dy) * width + column + dx)) n++;
      if (n > most) [most, best] = [n, [column, row]];
    }
  }
  return best;
}

test('CT masks: brush, erase, undo/redo, threshold brush; the masks reach the server and their volume survives a reload', async ({ page, mejirushi }) => {
  const { slices, truth } = demoPhantomSlices();
  const [brushSlice, thresholdSlice] = [truth.sahSliceIndices[1]!, truth.sahSliceIndices[3]!];
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  await expect(byTestId(page, 'segmentation-panel')).toBeVisible();
  expect(await segmentPixels(page)).toBe(0);

  // Brush, then an eraser stroke over part of it; undo brings the brushed mask back, redo the erased one.
  await goToSlice(page, brushSlice);
  await expectSliceShown(page, brushSlice);
  await page.keyboard.press('g');
  await expect(byTestId(page, 'mask-tool-maskBrush')).toHaveAttribute('aria-pressed', 'true');
  await stroke(page, [200, 250], [260, 250]);
  const brushed = await segmentPixels(page);
  expect(brushed).toBeGreaterThan(60 * 4);
  await page.keyboard.press('u');
  await expect(byTestId(page, 'mask-tool-maskEraser')).toHaveAttribute('aria-pressed', 'true');
  await stroke(page, [200, 250], [220, 250]);
  const erased = await segmentPixels(page);
  expect(erased).toBeGreaterThan(0);
  expect(erased).toBeLessThan(brushed);
  await page.keyboard.press('Control+z');
  await expect.poll(() => segmentPixels(page)).toBe(brushed);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => segmentPixels(page)).toBe(erased);

  // The threshold brush, 60–80 HU, wide: only blood is painted.
  await goToSlice(page, thresholdSlice);
  await expectSliceShown(page, thresholdSlice);
  await page.keyboard.press('h');
  await expect(byTestId(page, 'mask-tool-thresholdBrush')).toHaveAttribute('aria-pressed', 'true');
  await byTestId(page, 'mask-hu-low').fill('60');
  await byTestId(page, 'mask-hu-high').fill('80');
  // Keys typed in the range inputs stay there: give the page the keyboard back.
  await byTestId(page, 'mask-hu-high').evaluate((input) => (input as HTMLInputElement).blur());
  for (let i = 0; i < 6; i++) await page.keyboard.press(']');
  const slice = slices[thresholdSlice]!;
  const [column, row] = bloodCentre(slice.hu, slice.width, [60, 80]);
  await stroke(page, [column - 3, row], [column + 3, row]);
  await expect.poll(() => segmentPixels(page)).toBeGreaterThan(erased);
  const total = await segmentPixels(page);
  const volume = byTestId(page, `segment-volume-${SEGMENT}`);
  const voxelMl = (truth.pixelSpacing[0] * truth.pixelSpacing[1] * truth.sliceSpacingMm) / 1000;
  expect(Number(await volume.getAttribute('data-ml'))).toBeCloseTo(total * voxelMl, 6);
  await expect(volume).toContainText('ml');

  // Saved, synced, reloaded: the same masks, one record per slice on the server.
  await settled(page);
  await expectSynced(page);
  await page.reload();
  await waitForItem(page);
  await expect.poll(() => segmentPixels(page)).toBe(total);

  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const masks = (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'mask' ? [record] : []));
  expect(masks.map((m) => [m.questionId, m.classCode, m.targetId]).sort()).toEqual(
    [brushSlice, thresholdSlice].map((i) => ['sah-outline', SEGMENT, truth.sopInstanceUids[i]!]).sort(),
  );
  const thresholded = masks.find((m) => m.targetId === truth.sopInstanceUids[thresholdSlice])!;
  const labels = decodeRuns(thresholded.runs, thresholded.width * thresholded.height);
  const set = labels.reduce((n, v) => n + v, 0);
  expect(set).toBe(total - erased);
  const outOfRange = [...labels.keys()].filter((i) => labels[i] === 1 && !(slice.hu[i]! >= 60 && slice.hu[i]! <= 80));
  expect(outOfRange).toEqual([]);
});
