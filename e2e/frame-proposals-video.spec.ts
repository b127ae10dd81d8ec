/**
 * Model proposals in the video player, as an annotator: a clip made by ffmpeg of three
 * ultrasound-like stills with a patient's name burned in, uploaded to a `burned-in-text` dataset.
 * In the player the built-in PP-OCR text detector runs on the marked frames (`[` `]`) and then on
 * the frame shown; its boxes lie pending over each caption on the paused frame and after playback.
 * Shift+A accepts every box of the third frame, which the grid's "proposals pending" filter then
 * leaves out; A accepts the first frame's best box, X rejects the second's. After a reload the
 * accepted boxes carry the model's provenance on the server and the rejected one stays hidden.
 */
import type { Page } from '@playwright/test';
import type { Shape } from '../src/core/annotation';
import { allRecords } from '../src/data/testing/allRecords';
import { CAPTIONS, captionedClip, drawnRegions, expectCaptionProposals } from './fixtures/captionedFrames';
import { expectPlayerFrame, stepPlayerTo } from './fixtures/frameRegions';
import { byTestId, expect, expectSynced, openDataset, serverApi, settled, signIn, test } from './fixtures/mejirushi';

const MODEL = 'ppocr-text-det';
const DATASET = 'Ultrasound clip';

/** Runs the model over `scope` from the AI panel and waits for the run to finish `frames` frames; the keys are the player's again after. */
async function runModel(page: Page, scope: 'currentFrame' | 'selectedFrames' | 'allFrames', frames: number): Promise<void> {
  await byTestId(page, `proposal-run-${scope}-${MODEL}`).click();
  // One locator for all three: an earlier run's finished bar must not pass for this one's.
  const finished = page.locator(`[data-testid="proposal-progress"][data-status="finished"][data-done="${frames}"][data-total="${frames}"]`);
  await expect(finished).toBeVisible({ timeout: 300_000 });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function openPlayer(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="item-page"][data-ready="true"]')).toBeVisible();
  // burned-in-text asks no question about runs of frames: the grid comes first.
  await byTestId(page, 'frame-mode-player').click();
  await expect(byTestId(page, 'frame-mode-player')).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // On the frame the reader was last on (the item remembers it).
  await expect(page.locator('[data-testid="video-player"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(page, 'frame-regions-layer')).toHaveAttribute('data-ready', 'true');
}

test('the text detector runs in the video player on marked frames and the frame shown; boxes decided by key keep their decisions and provenance over a reload', async ({ page, mejirushi }) => {
  const { itemId, inks } = await captionedClip(mejirushi, DATASET);
  await signIn(page, mejirushi.annotator);
  await openDataset(page, DATASET);
  await byTestId(page, `item-link-${itemId}`).click();
  await openPlayer(page);
  await expectPlayerFrame(page, 0);
  const frames = (await page.evaluate(() => window.__mejirushi?.store.getState().openItem?.targetIds)) as readonly string[] | undefined;
  if (frames?.length !== CAPTIONS.length) throw new Error(`the clip should decode to ${CAPTIONS.length} frames, got ${frames?.length}`);
  await expect(page.locator('[data-testid="proposal-panel"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(page, `proposal-model-${MODEL}`)).toBeVisible();

  // Frames 2–3 marked with [ and ]: the panel offers them as the selection, and runs on them alone.
  await stepPlayerTo(page, 1);
  await expect(byTestId(page, `proposal-run-selectedFrames-${MODEL}`)).toHaveCount(0);
  await page.keyboard.press('[');
  await stepPlayerTo(page, 2);
  await page.keyboard.press(']');
  await runModel(page, 'selectedFrames', 2);
  await page.keyboard.press('Escape');
  await expect(byTestId(page, `proposal-run-selectedFrames-${MODEL}`)).toHaveCount(0);
  await stepPlayerTo(page, 0);
  expect(await drawnRegions(page)).toEqual([]);
  await runModel(page, 'currentFrame', 1);

  // Every frame: pending boxes over its caption, on the paused frame; the last one's after playing to it.
  const proposedOn: number[] = [];
  for (const [frame, ink] of inks.entries()) {
    if (frame === CAPTIONS.length - 1) {
      await byTestId(page, 'video-play').click();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await expectPlayerFrame(page, frame);
      await expect(page.locator('[data-testid="video-player"][data-playing="false"]')).toBeVisible();
    } else await stepPlayerTo(page, frame);
    proposedOn.push(await expectCaptionProposals(page, ink));
  }

  // Frame 3 (shown): Shift+A accepts every box on it; the grid's pending filter then leaves it out.
  await page.keyboard.press('Shift+A');
  await expect.poll(async () => (await drawnRegions(page)).filter((r) => r.proposal).length).toBe(0);
  await page.keyboard.press('g');
  await expect(byTestId(page, 'frame-workspace')).toBeVisible();
  await byTestId(page, 'frame-filter').selectOption('pending');
  await expect.poll(() => page.locator('[data-testid="frame-cell"]').evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-frame'))))).toEqual([0, 1]);
  await expect(byTestId(page, 'frame-shown-count')).toHaveText(`2 of ${CAPTIONS.length} frames shown`);
  await openPlayer(page);

  // Frame 1: A accepts its best box. Frame 2: X rejects its best.
  await stepPlayerTo(page, 0);
  await page.keyboard.press('a');
  await expect.poll(async () => (await drawnRegions(page)).filter((r) => !r.proposal).length).toBe(1);
  const [accepted] = (await drawnRegions(page)).filter((r) => !r.proposal);
  await stepPlayerTo(page, 1);
  await page.keyboard.press('x');
  await expect.poll(async () => (await drawnRegions(page)).length).toBe((proposedOn[1] ?? 0) - 1);
  if (!accepted) throw new Error('frame 1 should hold the accepted box');

  await settled(page);
  await expectSynced(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const shapes = (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'shape' ? [record as Shape] : []));
  expect(shapes).toHaveLength(proposedOn.reduce((sum, n) => sum + n, 0));
  const decided = (decision: string, frame: string) => shapes.filter((shape) => shape.provenance.decision === decision && shape.targetId === frame);
  expect(decided('accepted', frames[0] as string).map((shape) => shape.id)).toEqual([accepted.id]);
  expect(decided('accepted', frames[2] as string)).toHaveLength(proposedOn[2] ?? 0);
  expect(decided('rejected', frames[1] as string)).toHaveLength(1);
  for (const shape of shapes.filter((s) => s.provenance.decision === 'accepted')) {
    expect([shape.questionId, shape.classCode]).toEqual(['text', 'text.burnedIn']);
    expect(shape.provenance.origin).toMatchObject({ kind: 'model', modelId: MODEL, version: '4.0.0', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), threshold: expect.any(Number), score: expect.any(Number) });
    expect(shape.provenance.decidedBy).toBeTruthy();
  }
  const [rejected] = decided('rejected', frames[1] as string);

  // After a reload, in the player: frame 1's box is solid, frame 2's rejected one stays hidden.
  await page.reload();
  await openPlayer(page);
  await stepPlayerTo(page, 0);
  await expect(page.locator(`[data-testid="frame-region"][data-id="${accepted.id}"]`)).toHaveAttribute('data-proposal', 'false');
  await stepPlayerTo(page, 1);
  await expect.poll(async () => (await drawnRegions(page)).length).toBe((proposedOn[1] ?? 0) - 1);
  expect((await drawnRegions(page)).map((r) => r.id)).not.toContain(rejected?.id);
});
