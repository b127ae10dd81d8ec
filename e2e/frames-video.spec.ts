/**
 * The video player on the generated demo video, as a plain annotator: stepping frame by frame to
 * the seeded bleeding (its red blotch read from the canvas's pixels), `[` `]` and a class key tag
 * the run as ONE frame-range record on the server, the band survives a reload, and dragging the
 * band's last edge changes that record's end.
 */
import type { Page } from '@playwright/test';
import type { TargetLabel } from '../src/core/annotation';
import type { FrameSetItem } from '../src/core/item';
import { allRecords } from '../src/data/testing/allRecords';
import { DEMO_VIDEO_DATASET_NAME } from '../server/demo/video/seed';
import { BLEEDING_SPOT, DEMO_VIDEO_EVENTS, DEMO_VIDEO_FPS, DEMO_VIDEO_FRAMES } from '../server/demo/video/truth';
import { assignDemoDataset } from './fixtures/demoDatasets';
import { byTestId, expect, openDataset, serverApi, signIn, test, type Mejirushi } from './fixtures/mejirushi';

/** The seeded demo video assigned to the annotator too (as the admin, through the API); answers its item id. */
async function assignDemoVideo(mejirushi: Mejirushi): Promise<string> {
  const datasetId = await assignDemoDataset(mejirushi, DEMO_VIDEO_DATASET_NAME);
  const [item] = (await (await serverApi(mejirushi.url, mejirushi.admin)).listItems(datasetId)).items;
  if (!item) throw new Error('the demo video dataset holds no item');
  return item.id;
}

/** The player shows frame `index` (0-based), drawn. */
async function expectFrameShown(page: Page, index: number): Promise<void> {
  await expect(page.locator(`[data-testid="video-player"][data-frame="${index}"][data-ready="true"]`)).toBeVisible();
}

/** RGB of one pixel of the frame on the canvas (its backing store is the frame's own size). */
function framePixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  return byTestId(page, 'video-canvas').evaluate(
    (canvas, at) => {
      const data = (canvas as HTMLCanvasElement).getContext('2d')?.getImageData(at.x, at.y, 1, 1).data;
      return [data?.[0] ?? 0, data?.[1] ?? 0, data?.[2] ?? 0] as [number, number, number];
    },
    { x, y },
  );
}

/** Steps from frame `from` to `to` by keys: a second at a time with Shift+→, then frame by frame. */
async function stepTo(page: Page, from: number, to: number): Promise<number> {
  let presses = 0;
  let at = from;
  while (to - at >= DEMO_VIDEO_FPS) {
    await page.keyboard.press('Shift+ArrowRight');
    at += DEMO_VIDEO_FPS;
    presses += 1;
  }
  while (at < to) {
    await page.keyboard.press('ArrowRight');
    at += 1;
    presses += 1;
  }
  await expectFrameShown(page, to);
  return presses;
}

/** The annotator's frame-range records as the server holds them. */
async function serverRanges(mejirushi: Mejirushi, itemId: string): Promise<TargetLabel[]> {
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  return (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'label' && record.endTargetId !== undefined ? [record] : []));
}

// The demo video is made and imported only for the specs that ask (server config MEJIRUSHI_DEMO_VIDEO).
test.use({ demoVideo: true });

test('a video range marked with [ ] and a key is one record, kept over a reload, and its dragged edge moves its end', async ({ page, mejirushi }) => {
  const itemId = await assignDemoVideo(mejirushi);
  const bleeding = DEMO_VIDEO_EVENTS.find((event) => event.classCode === 'event.bleeding')!;
  await signIn(page, mejirushi.annotator);
  const video = (await (await serverApi(mejirushi.url, mejirushi.annotator)).getItem(itemId)).item.content as FrameSetItem;
  expect([video.frames.length, video.fps]).toEqual([DEMO_VIDEO_FRAMES, DEMO_VIDEO_FPS]);
  await openDataset(page, DEMO_VIDEO_DATASET_NAME);
  await byTestId(page, `item-link-${itemId}`).click();
  await expect(page.locator('[data-testid="item-page"][data-ready="true"]')).toBeVisible();
  await expectFrameShown(page, 0);

  // Frame-accurate stepping: the frame before the bleeding shows none, its first frame shows it.
  let presses = await stepTo(page, 0, bleeding.first - 1);
  const isBlood = ([r, g]: [number, number, number]) => r > 100 && g < 60;
  expect(isBlood(await framePixel(page, BLEEDING_SPOT.x, BLEEDING_SPOT.y))).toBe(false);
  presses += await stepTo(page, bleeding.first - 1, bleeding.first);
  expect(isBlood(await framePixel(page, BLEEDING_SPOT.x, BLEEDING_SPOT.y))).toBe(true);
  await expect(byTestId(page, 'video-time')).toHaveText('00:02.10');

  await page.keyboard.press('[');
  presses += 1 + (await stepTo(page, bleeding.first, bleeding.last));
  await page.keyboard.press(']');
  await page.keyboard.press('1');
  presses += 2;
  const band = byTestId(page, 'video-band');
  await expect(band).toHaveCount(1);
  await expect(band).toHaveAttribute('data-class', 'event.bleeding');
  await expect(band).toHaveAttribute('data-first', String(bleeding.first));
  await expect(band).toHaveAttribute('data-last', String(bleeding.last));
  console.log(`tagging ${bleeding.last - bleeding.first + 1} frames took ${presses} key presses (stepping included), 3 of them to mark and tag`);

  const target = (index: number) => video.frames[index]!.targetId;
  await expect.poll(async () => (await serverRanges(mejirushi, itemId)).map((r) => [r.targetId, r.endTargetId, r.classCodes])).toEqual([
    [target(bleeding.first), target(bleeding.last), ['event.bleeding']],
  ]);

  await page.reload();
  await expect(page.locator('[data-testid="item-page"][data-ready="true"]')).toBeVisible();
  await expect(band).toHaveCount(1);
  await expect(band).toHaveAttribute('data-first', String(bleeding.first));
  await expect(band).toHaveAttribute('data-last', String(bleeding.last));

  // Select the band, then drag its last edge to frame 120 of the timeline.
  await band.click();
  const handle = byTestId(page, 'video-band-last');
  const from = await handle.boundingBox();
  const timeline = await byTestId(page, 'video-timeline').boundingBox();
  if (!from || !timeline) throw new Error('the band edge or the timeline is not on screen');
  const newLast = 120;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(timeline.x + ((newLast + 0.5) / DEMO_VIDEO_FRAMES) * timeline.width, from.y + from.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(band).toHaveAttribute('data-last', String(newLast));
  await expect(band).toHaveAttribute('data-first', String(bleeding.first));
  await expect.poll(async () => (await serverRanges(mejirushi, itemId)).map((r) => [r.targetId, r.endTargetId])).toEqual([[target(bleeding.first), target(newLast)]]);
});
