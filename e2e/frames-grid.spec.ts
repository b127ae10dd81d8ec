import type { Page } from '@playwright/test';
import { allRecords } from '../src/data/testing/allRecords';
import { hasFundusSampleData } from '../server/testing/frameFixtures';
import { countInputEvents, downloaded, expectFramesReady, firstThumbnailDrawn, fundusFrameSet, FUNDUS_STILLS, videoFrameSet } from './fixtures/frames';
import { byTestId, expect, expectSynced, openDataset, serverApi, serverLabels, settled, signIn, test } from './fixtures/mejirushi';

const VIDEO_DATASET = 'Colonoscopy clips';
const FUNDUS_DATASET = 'Fundus photographs';

/** The frame the workspace's keys act on now. */
const currentFrame = async (page: Page) => Number(await byTestId(page, 'frame-workspace').getAttribute('data-current-frame'));

/** Frames in the DOM (the rows in view) and the questions each carries a band for. */
const cellAnswers = (page: Page) =>
  page.locator('[data-testid="frame-cell"]').evaluateAll((cells) => cells.map((cell) => [Number(cell.getAttribute('data-frame')), cell.getAttribute('data-answers') ?? ''] as const));

test('tags 30 video frames one key each, keeps them over a reload, tags a Shift run with one key as one range record', async ({ page, mejirushi }) => {
  const itemId = await videoFrameSet(mejirushi, VIDEO_DATASET, 40);
  const spriteRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/sprites/')) spriteRequests.push(request.url());
  });
  await signIn(page, mejirushi.annotator);
  await openDataset(page, VIDEO_DATASET);
  await byTestId(page, `item-link-${itemId}`).click();
  await expectFramesReady(page);
  await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-question', 'mayo');
  expect(await currentFrame(page)).toBe(0);
  // Thumbnails come from the one sprite sheet of 40 frames, and only the rows in view are in the page.
  await expect.poll(() => firstThumbnailDrawn(page)).toBe(true);
  const grid = byTestId(page, 'frame-grid');
  expect(Number(await grid.getAttribute('data-rows')) * Number(await grid.getAttribute('data-columns'))).toBeGreaterThanOrEqual(40);
  expect(await byTestId(page, 'frame-cell').count()).toBeLessThan(40);

  const inputs = await countInputEvents(page);
  const mayo = (frame: number) => frame % 4;
  for (let frame = 0; frame < 30; frame += 1) {
    await page.keyboard.press(String(mayo(frame)));
    // Each key answered its frame and moved on: the next frame is current.
    await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-current-frame', String(frame + 1));
  }
  expect(spriteRequests).toHaveLength(1);
  const perFrame = (await inputs()) / 30;
  console.log(`FRAMES keys-per-frame=${perFrame}`);
  expect(perFrame).toBeLessThanOrEqual(1);

  await settled(page);
  await expectSynced(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const frames = (await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.targetIds)) as readonly string[] | undefined;
  if (!frames) throw new Error('the app test API should name the open item targets');
  const tagged = Object.fromEntries(frames.slice(0, 30).map((targetId, frame) => [targetId, `mayo.${mayo(frame)}`]));
  await expect.poll(() => serverLabels(api, itemId)).toEqual(tagged);

  await page.reload();
  await expectFramesReady(page);
  await page.keyboard.press('Home');
  await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-current-frame', '0');
  const shown = await cellAnswers(page);
  expect(shown.length).toBeGreaterThan(0);
  for (const [frame, answers] of shown) expect(answers).toBe(frame < 30 ? 'mayo' : '');
  await expect(byTestId(page, 'frame-question-mayo')).toHaveAttribute('data-open', 'false');

  // A run of five frames selected with Shift, answered with one key: one command, one undo step.
  await page.keyboard.press('End');
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowLeft');
  await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-current-frame', '34');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+ArrowRight');
  await expect(byTestId(page, 'frame-selection')).toBeVisible();
  await page.keyboard.press('2');
  const run = Object.fromEntries(frames.slice(34, 39).map((targetId) => [targetId, 'mayo.2']));
  await expect.poll(() => page.evaluate(() => window.__mejirushi?.store.getState().openItem?.labelled)).toBe(35);
  await page.keyboard.press('Control+z');
  await expect.poll(() => page.evaluate(() => window.__mejirushi?.store.getState().openItem?.labelled)).toBe(30);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => page.evaluate(() => window.__mejirushi?.store.getState().openItem?.labelled)).toBe(35);
  await settled(page);
  await expectSynced(page);
  // The run is ONE range record on the server (first and last frame), beside the 30 single-frame answers.
  const serverRuns = async () =>
    (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'label' && record.endTargetId !== undefined ? [[record.targetId, record.endTargetId, record.classCodes.join(' ')]] : []));
  await expect.poll(serverRuns).toEqual([[frames[34], frames[38], 'mayo.2']]);
  expect(await serverLabels(api, itemId)).toEqual({ ...tagged, [frames[34] as string]: 'mayo.2' });

  // After a reload every frame of the run shows its answer, and progress counts the five frames.
  await page.reload();
  await expectFramesReady(page);
  await expect.poll(() => page.evaluate(() => window.__mejirushi?.store.getState().openItem?.labelled)).toBe(35);
  await page.keyboard.press('End');
  await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-current-frame', '39');
  const tail = (await cellAnswers(page)).filter(([frame]) => frame >= 30);
  expect(tail.map(([frame]) => frame)).toEqual(expect.arrayContaining([34, 35, 36, 37, 38]));
  for (const [frame, answers] of tail) expect(answers).toBe(frame >= 34 && frame <= 38 ? 'mayo' : '');

  // Both exports read back: COCO names every frame as an image with its Mayo answer as an
  // attribute; the CSV has one row per answer.
  const mayoOf = { ...tagged, ...run } as Record<string, string>;
  const coco = JSON.parse(await downloaded(page, 'frames-export-coco', /-coco\.json$/)) as { images: { file_name: string; attributes?: { mayo?: string } }[] };
  expect(coco.images.map((image) => image.file_name)).toEqual(frames);
  expect(coco.images.filter((image) => image.attributes?.mayo !== undefined).map((image) => [image.file_name, image.attributes?.mayo])).toEqual(Object.entries(mayoOf).sort(([a], [b]) => frames.indexOf(a) - frames.indexOf(b)));
  // The CSV keeps the run as one row, from its first frame to its last.
  const csv = (await downloaded(page, 'frames-export-csv', /-frame-labels\.csv$/)).trimEnd().split('\r\n');
  expect(csv).toHaveLength(1 + 30 + 1);
  expect(csv.filter((line) => line.startsWith('35,39,'))).toHaveLength(1);

  // A key, then a reload at once (nothing waited for): the answer, held in memory until the page
  // is idle, is journaled as the page goes and written and sent by the next load.
  await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-current-frame', '39');
  await page.keyboard.press('3');
  await page.reload();
  await expectFramesReady(page);
  await expect.poll(() => page.evaluate(() => window.__mejirushi?.store.getState().openItem?.labelled)).toBe(36);
  await settled(page);
  await expectSynced(page);
  await expect.poll(() => serverLabels(api, itemId)).toEqual({ ...tagged, [frames[34] as string]: 'mayo.2', [frames[39] as string]: 'mayo.3' });
});

test('grades three fundus photographs on three questions each with number keys', async ({ page, mejirushi }) => {
  test.skip(!hasFundusSampleData(), 'the fundus photographs of ../shared/data/fundus are not on this machine');
  await fundusFrameSet(mejirushi, FUNDUS_DATASET);
  await signIn(page, mejirushi.annotator);
  await openDataset(page, FUNDUS_DATASET);
  await page.locator('[data-testid^="item-link-"]').first().click();
  await expectFramesReady(page);
  await expect(byTestId(page, 'frame-walk-all')).toBeChecked();

  // Gradable, DR grade, referable DME: each key moves to the next open question; → to the next photograph.
  const grades = [
    ['1', '2', '0'],
    ['1', '4', '1'],
    ['1', '0', '0'],
  ] as const;
  for (const [photo, keys] of grades.entries()) {
    await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-current-frame', String(photo));
    await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-question', 'gradable');
    for (const key of keys) await page.keyboard.press(key);
    await expect(byTestId(page, 'frame-workspace')).toHaveAttribute('data-question', 'glaucoma');
    await expect(byTestId(page, 'frame-question-dme')).toHaveAttribute('data-open', 'false');
    await page.keyboard.press('ArrowRight');
  }
  await settled(page);
  await expectSynced(page);
  const itemId = await byTestId(page, 'item-page').getAttribute('data-item-id');
  if (!itemId) throw new Error('the item page names its item');
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const targets = (await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.targetIds)) as readonly string[];
  expect(targets).toHaveLength(FUNDUS_STILLS.length);
  const answers = (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'label' ? [`${targets.indexOf(record.targetId)} ${record.questionId} ${record.classCodes.join()}`] : [])).sort();
  expect(answers).toEqual(
    ['0 gradable gradable.yes', '0 dr dr.2', '0 dme dme.no', '1 gradable gradable.yes', '1 dr dr.4', '1 dme dme.yes', '2 gradable gradable.yes', '2 dr dr.0', '2 dme dme.no'].sort(),
  );
});
