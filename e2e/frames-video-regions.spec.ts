/**
 * Boxes and polygons on the video player's frames, as a plain annotator: paused on frame 4 of an
 * endoscopy-video (version 2) clip (scaled up to fill the player), B drags a box and P clicks a triangle in the frame's own
 * px, a class key re-classes the selection (undone and redone), Space waits in region mode while
 * the arrows and `[` still step and mark; the regions belong to frame 4 alone (gone a frame on, back a frame
 * back), the timeline marks that one frame, they survive a reload on the server, and the COCO
 * export carries them.
 */
import type { Page } from '@playwright/test';
import type { Point, Shape } from '../src/core/annotation';
import { allRecords } from '../src/data/testing/allRecords';
import { drawBoxAndTriangle, expectCocoBoxAndTriangle, expectPlayerFrame, frameRegions, reclassBoxByKey, regionClasses, stepPlayerTo } from './fixtures/frameRegions';
import { videoFrameSet } from './fixtures/frames';
import { byTestId, expect, expectSynced, openDataset, serverApi, settled, signIn, test } from './fixtures/mejirushi';

const DATASET = 'Lesion video';
const FRAMES = 20;
/** The clip's frame size (image px): 160×120, see `videoFrameSet`. */
const FRAME = { width: 160, height: 120 };
/** The frame drawn on (0-based). */
const DRAWN = 3;

/**
 * Where image px `point` of the frame lands on the page: the canvas's box as laid out, the frame
 * fitted inside it (object-fit: contain), as a person sees it.
 */
async function onScreen(page: Page, [x, y]: Point): Promise<Point> {
  const box = await byTestId(page, 'video-canvas').boundingBox();
  if (!box) throw new Error('the player should show the frame');
  const scale = Math.min(box.width / FRAME.width, box.height / FRAME.height);
  const left = box.x + (box.width - FRAME.width * scale) / 2;
  const top = box.y + (box.height - FRAME.height * scale) / 2;
  return [left + x * scale, top + y * scale];
}

/** Whether the timeline's region strip is painted under frame `index` (its canvas's own pixels). */
function markedUnder(page: Page, index: number): Promise<boolean> {
  return byTestId(page, 'video-region-marks').evaluate(
    (canvas, at) => {
      const element = canvas as HTMLCanvasElement;
      const column = Math.floor(((at.index + 0.5) / at.frames) * element.width);
      return (element.getContext('2d')?.getImageData(column, 0, 1, 1).data[3] ?? 0) > 0;
    },
    { index, frames: FRAMES },
  );
}

test('boxes and polygons drawn on a paused video frame belong to that frame, survive a reload and go to COCO', async ({ page, mejirushi }) => {
  const itemId = await videoFrameSet(mejirushi, DATASET, FRAMES, { labelSetId: 'endoscopy-video', labelSetVersion: 2 });
  await signIn(page, mejirushi.annotator);
  await openDataset(page, DATASET);
  await byTestId(page, `item-link-${itemId}`).click();
  // endoscopy-video asks about runs of frames, so the player comes first.
  await expect(byTestId(page, 'frame-mode-player')).toHaveAttribute('aria-pressed', 'true');
  await expectPlayerFrame(page, 0);
  await expect(byTestId(page, 'frame-regions-bar')).toHaveAttribute('data-mode', 'tagging');
  await stepPlayerTo(page, DRAWN);
  // The 160×120 frame is drawn larger than its own px: the tools must map through the scaling.
  const canvasBox = await byTestId(page, 'video-canvas').boundingBox();
  expect(canvasBox?.width ?? 0).toBeGreaterThan(FRAME.width * 2);

  // B a box, X then P a triangle, V and K re-class the box; undo and redo by keys.
  const at = (point: Point) => onScreen(page, point);
  await drawBoxAndTriangle(page, at);
  await reclassBoxByKey(page, at);
  await page.keyboard.press('Control+z');
  await expect.poll(() => regionClasses(page)).toEqual(['polygon:lesion.erosion', 'rectangle:lesion.ulcer']);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => regionClasses(page)).toEqual(['polygon:lesion.erosion', 'rectangle:lesion.bleeding']);

  // In region mode Space does not play the frame away; the timeline marks this frame and no other.
  await page.keyboard.press(' ');
  await expect(byTestId(page, 'video-play')).toBeDisabled();
  await expect(byTestId(page, 'video-player')).toHaveAttribute('data-playing', 'false');
  await expect(byTestId(page, 'video-player')).toHaveAttribute('data-frame', String(DRAWN));
  await expect(byTestId(page, 'video-region-marks')).toHaveAttribute('data-count', '1');
  await expect.poll(() => markedUnder(page, DRAWN)).toBe(true);
  expect(await markedUnder(page, DRAWN + 5)).toBe(false);

  // Esc drops the selection; still in region mode, → steps to a frame with no regions and ← back.
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'frame-regions-layer')).toHaveAttribute('data-selected', '0');
  await stepPlayerTo(page, DRAWN + 1);
  await expect(byTestId(page, 'frame-regions-bar')).toHaveAttribute('data-mode', 'regions');
  await expect(frameRegions(page)).toHaveCount(0);
  await stepPlayerTo(page, DRAWN);
  await expect.poll(() => regionClasses(page)).toEqual(['polygon:lesion.erosion', 'rectangle:lesion.bleeding']);
  // `[` is the player's even in region mode; Esc is the region layer's there (back to tagging), then the player's (clears the mark).
  await page.keyboard.press('[');
  await expect(byTestId(page, 'video-marks')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'frame-regions-bar')).toHaveAttribute('data-mode', 'tagging');
  await expect(byTestId(page, 'video-marks')).toBeVisible();
  await expect(byTestId(page, 'video-play')).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'video-marks')).toHaveCount(0);
  // `?` lists the region keys beside the player's, and which keys the player keeps in region mode.
  await page.keyboard.press('?');
  const help = byTestId(page, 'shortcut-help');
  await expect(help).toContainText('Esc (B / P / V)');
  await expect(help).toContainText('← / → , / . [ / ] (B / P / V)');
  await byTestId(page, 'shortcut-help-close').click();
  await expect(help).toHaveCount(0);

  await settled(page);
  await expectSynced(page);
  const frames = (await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.targetIds)) as readonly string[] | undefined;
  const drawnTarget = frames?.[DRAWN];
  if (!drawnTarget) throw new Error('the app test API should name the open item targets');
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const stored = (await allRecords(api, itemId)).flatMap((r) => (r.record?.type === 'shape' ? [r.record as Shape] : []));
  expect(stored.map((shape) => [shape.targetId, shape.questionId, shape.classCode, shape.geometry.type]).sort()).toEqual([
    [drawnTarget, 'lesion', 'lesion.bleeding', 'rectangle'],
    [drawnTarget, 'lesion', 'lesion.erosion', 'polygon'],
  ]);

  await page.reload();
  await expect(page.locator('[data-testid="video-player"][data-ready="true"]')).toBeVisible();
  await stepPlayerTo(page, DRAWN);
  await expect.poll(() => regionClasses(page)).toEqual(['polygon:lesion.erosion', 'rectangle:lesion.bleeding']);
  await expect(byTestId(page, 'video-region-marks')).toHaveAttribute('data-count', '1');
  await stepPlayerTo(page, DRAWN - 1);
  await expect(frameRegions(page)).toHaveCount(0);

  // The player's Export: the drawn frame's image holds the box and the triangle in its px.
  await expectCocoBoxAndTriangle(page, drawnTarget, DRAWN + 1, FRAME);
});
