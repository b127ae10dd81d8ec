/**
 * Model proposals on a frame set, as an annotator: three ultrasound-like stills with a patient's
 * name burned in (drawn by the de-identification tests' own generator) make a frame set on the
 * `burned-in-text` label set. The built-in PP-OCR text detector runs on every frame in the
 * browser's inference worker; its boxes arrive pending over each caption. One is accepted (selected
 * with V, then A), one rejected (X, the frame's best), the confidence slider hides and shows
 * them without a re-run, and after a reload the accepted one carries
 * the model's provenance on the server while the rejected one is hidden. A frame set of another
 * label set says no model applies.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import type { Point, Shape } from '../src/core/annotation';
import { allRecords } from '../src/data/testing/allRecords';
import { ULTRASOUND_HEIGHT, ULTRASOUND_WIDTH } from '../workers/deid/testing/captionedUltrasound';
import { CAPTIONS, captionedStills, drawnRegions, expectCaptionProposals } from './fixtures/captionedFrames';
import { expectFramesReady, videoFrameSet } from './fixtures/frames';
import { countInputs } from './fixtures/inputs';
import { byTestId, expect, expectSynced, openDataset, serverApi, settled, signIn, test, type Mejirushi } from './fixtures/mejirushi';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..');
const MODEL = 'ppocr-text-det';
const DATASET = 'Ultrasound captions';

/**
 * With the import CLI: one captioned still per caption (PNG, in caption order) as a frame set of a
 * `burned-in-text` dataset, assigned to the annotator. Answers each frame's caption ink (grey, row-major).
 */
async function captionedFrameSet(mejirushi: Mejirushi): Promise<Uint8Array[]> {
  const { folder, inks } = await captionedStills();
  await run(
    'node',
    ['--import', 'tsx', 'server/cli/import.ts', folder, '--dataset', DATASET, '--data', mejirushi.server.dataDir, '--label-set', 'burned-in-text@1', '--assign', mejirushi.annotator.username],
    { cwd: repoRoot },
  );
  return inks;
}

/** Page px of image px `point` on the large view's frame. */
async function onScreen(page: Page, [x, y]: Point): Promise<Point> {
  const box = await byTestId(page, 'frame-large').locator('img').boundingBox();
  if (!box) throw new Error('the large view should show the frame');
  return [box.x + (x * box.width) / ULTRASOUND_WIDTH, box.y + (y * box.height) / ULTRASOUND_HEIGHT];
}

async function showFrame(page: Page, frame: number): Promise<void> {
  await expect(byTestId(page, 'frame-large')).toHaveAttribute('data-frame', String(frame));
  await expectFramesReady(page);
  await expect(byTestId(page, 'frame-regions-layer')).toHaveAttribute('data-ready', 'true');
}

test('the burned-in text detector proposes boxes over the caption of every frame; one accepted and one rejected by key keep their decisions and provenance over a reload', async ({ page, mejirushi }) => {
  const inks = await captionedFrameSet(mejirushi);
  const clipId = await videoFrameSet(mejirushi, 'Lesion clips', 3);
  const inputs = await countInputs(page);
  await signIn(page, mejirushi.annotator);
  await openDataset(page, DATASET);
  await page.locator('[data-testid^="item-link-"]').first().click();
  await expectFramesReady(page);
  const itemId = await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.itemId);
  const frames = (await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.targetIds)) as readonly string[] | undefined;
  if (!itemId || frames?.length !== CAPTIONS.length) throw new Error('the app test API should name the open frame set and its frames');

  await expect(page.locator('[data-testid="proposal-panel"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(page, `proposal-model-${MODEL}`)).toBeVisible();
  await inputs.reset();
  await byTestId(page, `proposal-run-allFrames-${MODEL}`).click();
  const progress = byTestId(page, 'proposal-progress');
  await expect(progress).toHaveAttribute('data-status', 'finished', { timeout: 300_000 });
  await expect(progress).toHaveAttribute('data-done', String(CAPTIONS.length));
  await expect(progress).toHaveAttribute('data-total', String(CAPTIONS.length));
  const runInputs = await inputs.read();

  // Every frame: pending boxes (dashed) over its caption, nowhere below the caption's band.
  const proposedOn: number[] = [];
  for (const [frame, ink] of inks.entries()) {
    if (frame > 0) await page.keyboard.press('ArrowRight');
    await showFrame(page, frame);
    proposedOn.push(await expectCaptionProposals(page, ink));
  }
  const lastShown = proposedOn[CAPTIONS.length - 1] ?? 0;
  await expect(byTestId(page, 'proposal-shown')).toHaveAttribute('data-count', String(lastShown));

  // The confidence slider re-filters without a re-run: at 100 % no box is shown, at 0 % every one is again.
  const slider = byTestId(page, 'proposal-confidence-text');
  await slider.fill('100');
  await expect.poll(async () => (await drawnRegions(page)).length).toBe(0);
  await expect(byTestId(page, 'proposal-shown')).toHaveAttribute('data-count', '0');
  await slider.fill('0');
  await expect.poll(async () => (await drawnRegions(page)).length).toBe(lastShown);
  // The keys are the page's again, not the slider's.
  await slider.blur();

  // Frame 1: region mode, V, a click on a box selects it; A accepts that one (drawn solid now).
  await inputs.reset();
  await page.keyboard.press('Home');
  await showFrame(page, 0);
  const [first] = await drawnRegions(page);
  if (!first) throw new Error('frame 1 should hold a proposal');
  await page.keyboard.press('b');
  await page.keyboard.press('v');
  await page.mouse.click(...(await onScreen(page, [first.box.x + first.box.width / 2, first.box.y + first.box.height / 2])));
  await expect(byTestId(page, 'frame-regions-layer')).toHaveAttribute('data-selected', '1');
  await page.keyboard.press('a');
  await expect(page.locator(`[data-testid="frame-region"][data-id="${first.id}"]`)).toHaveAttribute('data-proposal', 'false');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(byTestId(page, 'frame-regions-bar')).toHaveAttribute('data-mode', 'tagging');

  // Frame 2: X rejects its best proposal, which leaves the view.
  await page.keyboard.press('ArrowRight');
  await showFrame(page, 1);
  await page.keyboard.press('x');
  await expect.poll(async () => (await drawnRegions(page)).length).toBe((proposedOn[1] ?? 0) - 1);
  const decideInputs = await inputs.read();
  console.log(`INPUTS frame-proposals run=${runInputs} accept-and-reject=${decideInputs} frames=${CAPTIONS.length} boxes=${proposedOn.join('+')}`);
  expect(runInputs).toBe(1);

  await settled(page);
  await expectSynced(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const shapes = (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'shape' ? [record as Shape] : []));
  expect(shapes).toHaveLength(proposedOn.reduce((sum, n) => sum + n, 0));
  const accepted = shapes.filter((shape) => shape.provenance.decision === 'accepted');
  const rejected = shapes.filter((shape) => shape.provenance.decision === 'rejected');
  expect(accepted.map((shape) => [shape.id, shape.targetId, shape.questionId, shape.classCode])).toEqual([[first.id, frames[0], 'text', 'text.burnedIn']]);
  expect(accepted[0]?.provenance.origin).toMatchObject({ kind: 'model', modelId: MODEL, version: '4.0.0', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), threshold: expect.any(Number), score: expect.any(Number) });
  expect(accepted[0]?.provenance.decidedBy).toBeTruthy();
  expect(rejected.map((shape) => shape.targetId)).toEqual([frames[1]]);

  // After a reload: frame 1's box is solid, frame 2's rejected one stays hidden.
  await page.reload();
  await expectFramesReady(page);
  await page.keyboard.press('Home');
  await showFrame(page, 0);
  await expect(page.locator(`[data-testid="frame-region"][data-id="${first.id}"]`)).toHaveAttribute('data-proposal', 'false');
  await page.keyboard.press('ArrowRight');
  await showFrame(page, 1);
  await expect.poll(async () => (await drawnRegions(page)).map((r) => r.id)).not.toContain(rejected[0]?.id);
  await expect.poll(async () => (await drawnRegions(page)).length).toBe((proposedOn[1] ?? 0) - 1);

  // A frame set whose label set no model maps to: the panel says so.
  await byTestId(page, 'nav-datasets').click();
  await openDataset(page, 'Lesion clips');
  await byTestId(page, `item-link-${clipId}`).click();
  await expectFramesReady(page);
  await expect(page.locator('[data-testid="proposal-panel"][data-ready="true"]')).toContainText('No model applies');
});
