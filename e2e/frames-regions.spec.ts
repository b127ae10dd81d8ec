import type { Page } from '@playwright/test';
import type { Point, Shape } from '../src/core/annotation';
import { allRecords } from '../src/data/testing/allRecords';
import { drawBoxAndTriangle, expectCocoBoxAndTriangle, reclassBoxByKey, regionClasses } from './fixtures/frameRegions';
import { expectFramesReady, videoFrameSet } from './fixtures/frames';
import { byTestId, expect, expectSynced, openDataset, serverApi, settled, signIn, test } from './fixtures/mejirushi';

const DATASET = 'Lesion clips';
/** The clip's frame size (image px): 160×120, see `videoFrameSet`. */
const FRAME = { width: 160, height: 120 };

/** Where image px `point` of the frame on screen is, in page px: read from the <img> as laid out (its zoom included). */
async function onScreen(page: Page, [x, y]: Point): Promise<Point> {
  const box = await byTestId(page, 'frame-large').locator('img').boundingBox();
  if (!box) throw new Error('the large view should show the frame');
  return [box.x + (x * box.width) / FRAME.width, box.y + (y * box.height) / FRAME.height];
}

test('draws a box and a polygon on frame 2 by mouse, re-classes by key, undoes, keeps them over a reload and exports them to COCO', async ({ page, mejirushi }) => {
  const itemId = await videoFrameSet(mejirushi, DATASET, 6);
  await signIn(page, mejirushi.annotator);
  await openDataset(page, DATASET);
  await byTestId(page, `item-link-${itemId}`).click();
  await expectFramesReady(page);
  await expect(byTestId(page, 'frame-regions-bar')).toHaveAttribute('data-mode', 'tagging');

  // Frame 2, zoomed in twice: the tools draw in the frame's own px whatever the zoom.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(byTestId(page, 'frame-large')).toHaveAttribute('data-frame', '1');
  await expectFramesReady(page);
  await expect(byTestId(page, 'frame-regions-layer')).toHaveAttribute('data-ready', 'true');

  // B a box, X then P a triangle, V and K re-class the box (one undo step each way).
  const at = (point: Point) => onScreen(page, point);
  await drawBoxAndTriangle(page, at);
  await reclassBoxByKey(page, at);
  await page.keyboard.press('Control+z');
  await expect.poll(() => regionClasses(page)).toEqual(['polygon:lesion.erosion', 'rectangle:lesion.ulcer']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => regionClasses(page)).toEqual(['rectangle:lesion.ulcer']);
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => regionClasses(page)).toEqual(['polygon:lesion.erosion', 'rectangle:lesion.bleeding']);

  // Esc clears the selection, a second Esc goes back to tagging; the grid cell counts the frame's regions.
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'frame-regions-layer')).toHaveAttribute('data-selected', '0');
  await expect(byTestId(page, 'frame-regions-bar')).toHaveAttribute('data-mode', 'regions');
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'frame-regions-bar')).toHaveAttribute('data-mode', 'tagging');
  await expect(page.locator('[data-testid="frame-cell"][data-frame="1"] [data-testid="frame-cell-regions"]')).toHaveText('2');

  await settled(page);
  await expectSynced(page);
  const frames = (await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.targetIds)) as readonly string[] | undefined;
  const frame2 = frames?.[1];
  if (!frame2) throw new Error('the app test API should name the open item targets');
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const stored = (await allRecords(api, itemId)).flatMap((r) => (r.record?.type === 'shape' ? [r.record as Shape] : []));
  expect(stored.map((shape) => [shape.targetId, shape.questionId, shape.classCode, shape.geometry.type]).sort()).toEqual([
    [frame2, 'lesion', 'lesion.bleeding', 'rectangle'],
    [frame2, 'lesion', 'lesion.erosion', 'polygon'],
  ]);

  await page.reload();
  await expectFramesReady(page);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(byTestId(page, 'frame-large')).toHaveAttribute('data-frame', '1');
  await expectFramesReady(page);
  await expect.poll(() => regionClasses(page)).toEqual(['polygon:lesion.erosion', 'rectangle:lesion.bleeding']);

  // COCO: frame 2 is image 2; the box and the triangle in its px, each with its class's category.
  await expectCocoBoxAndTriangle(page, frame2, 2, FRAME);
});
