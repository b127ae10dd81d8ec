import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Mask } from '../src/core/annotation';
import { countSet } from '../src/core/mask';
import type { ApiClient } from '../src/data/api';
import { allRecords } from '../src/data/testing/allRecords';
import { hasSampleData, sampleDataDir } from '../server/testing/sampleData';
import {
  byTestId,
  expect,
  expectSliceShown,
  expectSynced,
  goToSlice,
  openDemoItem,
  phantomTruth,
  segmentPixels,
  serverApi,
  settled,
  signIn,
  stroke,
  test,
} from './fixtures/mejirushi';

const QUESTION = 'sah-outline';
const SEGMENT = 'sah.blood';
const labels = join(sampleDataDir(), 'radiology', 'dicom-labels');
const liver = join(labels, 'seg_liver_binary_3frame.dcm');
const rtstruct = join(labels, 'rtstruct_no_meta.dcm');
const hasSamples = hasSampleData() && existsSync(liver) && existsSync(rtstruct);
if (!hasSamples) console.log(`ct-seg-import.spec.ts: no sample SEG/RTSTRUCT at ${labels} (set MEJIRUSHI_SAMPLE_DATA): the refusal of another series' file is not checked`);
/** The series the shared sample SEG segments (not ours). */
const LIVER_SERIES = '1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1';

/** The live masks on the server, as slice → class → set pixels, with their provenance. */
async function serverMasks(api: ApiClient, itemId: string): Promise<Mask[]> {
  return (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'mask' ? [record] : []));
}

const pixelsBySlice = (masks: readonly Mask[]) => masks.map((m) => [m.targetId, m.classCode, m.width, m.height, countSet(m.runs)] as const).sort();

async function importFile(page: Page, file: string): Promise<void> {
  await byTestId(page, 'dicom-label-import-file').setInputFiles(file);
}

test('CT SEG import: masks exported as a DICOM SEG come back on the same slices after an import, as one undo step naming the file', async ({ page, mejirushi }) => {
  const truth = phantomTruth();
  const slices = [truth.sahSliceIndices[0]!, truth.sahSliceIndices[2]!];
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  await expect(byTestId(page, 'segmentation-panel')).toBeVisible();

  // Two slices brushed, each stroke its own undo step.
  for (const [i, slice] of slices.entries()) {
    await goToSlice(page, slice);
    await expectSliceShown(page, slice);
    if (i === 0) {
      await page.keyboard.press('g');
      await expect(byTestId(page, 'mask-tool-maskBrush')).toHaveAttribute('aria-pressed', 'true');
    }
    await stroke(page, [180 + 20 * i, 240], [250, 260 + 10 * i]);
  }
  const painted = await segmentPixels(page, SEGMENT);
  expect(painted).toBeGreaterThan(0);
  await settled(page);
  await expectSynced(page);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const exported = await serverMasks(api, itemId);
  expect(exported.map((m) => m.targetId).sort()).toEqual(slices.map((i) => truth.sopInstanceUids[i]!).sort());

  // The app's SEG export, saved as the reader would.
  const downloading = page.waitForEvent('download');
  await byTestId(page, `seg-export-${QUESTION}`).click();
  const download = await downloading;
  const segFile = test.info().outputPath(download.suggestedFilename());
  expect(segFile).toMatch(/-seg\.dcm$/);
  await download.saveAs(segFile);

  // Both strokes undone: no masks left here or on the server.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect.poll(() => segmentPixels(page, SEGMENT)).toBe(0);
  await settled(page);
  await expectSynced(page);
  expect(await serverMasks(api, itemId)).toEqual([]);

  // The plan: the segment matched to its class by code, on the two painted slices, nothing refused.
  await importFile(page, segFile);
  const plan = byTestId(page, 'dicom-label-import-plan');
  await expect(plan).toBeVisible();
  const source = plan.getByTestId('dicom-label-import-source');
  await expect(source).toHaveCount(1);
  await expect(source).toHaveAttribute('data-class', SEGMENT);
  await expect(source).toHaveAttribute('data-slices', [...slices].sort((a, b) => a - b).join(' '));
  await expect(byTestId(page, 'dicom-label-import-refusals')).toHaveCount(0);
  await byTestId(page, 'dicom-label-import-confirm').click();
  await expect(byTestId(page, 'dicom-label-import-summary')).toHaveAttribute('data-imported', '2');
  await expect.poll(() => segmentPixels(page, SEGMENT)).toBe(painted);

  // On the server: per slice and class, the very pixels that were exported, each record naming the file.
  await settled(page);
  await expectSynced(page);
  const imported = await serverMasks(api, itemId);
  expect(pixelsBySlice(imported)).toEqual(pixelsBySlice(exported));
  for (const mask of imported) {
    const before = exported.find((m) => m.targetId === mask.targetId)!;
    expect(mask.runs).toEqual(before.runs);
    expect(mask.provenance.imported).toMatchObject({ format: 'dicomSeg', file: download.suggestedFilename(), number: 1 });
  }

  // The import is one undo step.
  await page.keyboard.press('Control+z');
  await expect.poll(() => segmentPixels(page, SEGMENT)).toBe(0);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => segmentPixels(page, SEGMENT)).toBe(painted);
});

test.describe('with the shared sample SEG and RTSTRUCT', () => {
  test.skip(!hasSamples, `no sample SEG/RTSTRUCT at ${labels} (set MEJIRUSHI_SAMPLE_DATA)`);

  test('CT SEG import: a SEG or RT Structure Set made on another series is refused, naming the series it needs', async ({ page, mejirushi }) => {
    await signIn(page, mejirushi.annotator);
    await openDemoItem(page);
    const summary = byTestId(page, 'dicom-label-import-summary');

    await importFile(page, liver);
    await expect(summary).toHaveAttribute('role', 'alert');
    await expect(summary).toContainText(`series ${LIVER_SERIES}`);
    await expect(summary).toHaveAttribute('data-imported', '0');

    await importFile(page, rtstruct);
    await expect(summary).toContainText('rtstruct_no_meta.dcm');
    await expect(summary).toContainText('series 1.2.826.0.1.3680043.8.498.2010020400001.2.1.1');
    await expect(byTestId(page, 'dicom-label-import-plan')).toHaveCount(0);
  });
});
