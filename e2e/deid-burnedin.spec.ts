/**
 * Burned-in text before upload: an ultrasound-like instance generated here with a patient's name
 * and date drawn into its pixels is uploaded into a dataset that requires de-identification. The
 * real detector (PP-OCR, in the browser's inference worker) proposes boxes; the admin (upload is
 * admin-only) adds one, confirms with the keyboard and uploads. The stored instance, fetched back
 * through the API, is black wherever a box was and where the text was, unchanged elsewhere, says
 * Burned In Annotation NO, and its report holds the boxes. A CT slice full of identifying
 * attributes goes in the same upload: it needs no check, and is sent into the staged upload as its
 * check wrote it (its new header, its pixels read from the file) while the ultrasound waits for
 * review. Meanwhile the page holds the shown preview only, no file (`data-held-bytes`).
 */
import dcmjs from 'dcmjs';
import { PHI_STRINGS } from '../src/core/deid/testing/phiDicom';
import { ULTRASOUND_HEIGHT, ULTRASOUND_WIDTH } from '../workers/deid/testing/captionedUltrasound';
import { burnedInFiles, requiredDataset } from './fixtures/burnedInUpload';
import { byTestId, expect, serverApi, signIn, test } from './fixtures/mejirushi';

const WIDTH = ULTRASOUND_WIDTH;
const HEIGHT = ULTRASOUND_HEIGHT;

test('an ultrasound image with a burned-in name is checked, its confirmed boxes blacked out before upload, and stored so', async ({ page, mejirushi }) => {
  const { ultrasoundPath: path, ctPath, pixels, ink } = await burnedInFiles();
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = await requiredDataset(admin, 'Ultrasound');

  await signIn(page, mejirushi.admin);
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'upload-dataset').selectOption({ label: 'Ultrasound' });
  const ctStaged = page.waitForResponse((response) => /\/api\/staged-uploads\/[^/]+\/files$/.test(response.url()));
  await byTestId(page, 'upload-files').setInputFiles([path, ctPath]);

  const review = byTestId(page, 'burnedin-review');
  await expect(review).toHaveAttribute('data-remaining', '1', { timeout: 300_000 });
  await expect(byTestId(page, 'upload-summary')).toHaveAttribute('data-done', 'false');
  await expect(byTestId(page, 'burnedin-upload')).toBeDisabled();
  // The page holds the shown image's preview only: the CT slice went into the staged upload during
  // the check (its header let go once sent), and nothing of the ultrasound's file is held.
  await expect(review).toHaveAttribute('data-ready', 'true');
  expect((await ctStaged).status()).toBe(200);
  await expect(byTestId(page, 'upload-row-1')).toHaveAttribute('data-status', 'pending');
  await expect(byTestId(page, 'admin-upload')).toHaveAttribute('data-held-bytes', String(WIDTH * HEIGHT * 4));
  // The detector found the caption: a box over it.
  await expect(byTestId(page, 'burnedin-box-0')).toBeVisible();
  const proposed = await page.locator('[data-testid^="burnedin-box-"]').count();

  // A box drawn by hand over part of the sector (image px 200–240 × 200–230).
  const image = byTestId(page, 'burnedin-image');
  const bounds = await image.boundingBox();
  if (!bounds) throw new Error('no image');
  const at = (x: number, y: number) => [bounds.x + (x / WIDTH) * bounds.width, bounds.y + (y / HEIGHT) * bounds.height] as const;
  await page.mouse.move(...at(200, 200));
  await page.mouse.down();
  await page.mouse.move(...at(220, 215));
  await page.mouse.move(...at(240, 230));
  await page.mouse.up();
  await expect(page.locator('[data-testid^="burnedin-box-"]')).toHaveCount(proposed + 1);

  await review.press('a');
  await expect(review).toHaveAttribute('data-remaining', '0');
  await byTestId(page, 'burnedin-upload').click();
  await expect(byTestId(page, 'upload-summary')).toHaveAttribute('data-done', 'true', { timeout: 120_000 });
  await expect(byTestId(page, 'upload-row-0')).toHaveAttribute('data-status', 'imported');
  await expect(byTestId(page, 'upload-row-1')).toHaveAttribute('data-status', 'imported');
  await expect(byTestId(page, 'admin-upload')).toHaveAttribute('data-held-bytes', '0');

  const reports = await admin.listDeidReports(dataset.id);
  expect(reports).toHaveLength(2);
  const report = reports.find((r) => r.burnedIn);
  if (!report?.burnedIn) throw new Error('no burned-in report');
  expect(report.burnedIn).toMatchObject({ reason: 'ultrasound', status: 'redacted', frames: 1 });
  expect(report.burnedIn.boxes).toHaveLength(proposed + 1);
  expect(report.methodCodes).toContain('113101');
  expect(JSON.stringify(report)).not.toContain('YAMADA');

  const { items } = await admin.listItems(dataset.id, { limit: 10 });
  expect(items).toHaveLength(2);
  type StoredFile = ReturnType<typeof dcmjs.data.DicomMessage.readFile>;
  const files: StoredFile[] = [];
  for (const listed of items) {
    const { item } = await admin.getItem(listed.id);
    if (item.content.kind !== 'series') throw new Error('not a series');
    files.push(dcmjs.data.DicomMessage.readFile(await admin.loadFile(item.id, item.content.slices[0]!.fileId)));
  }
  const modalityOf = (file: StoredFile) => file.dict['00080060']?.Value?.[0];
  const stored = files.find((file) => modalityOf(file) === 'US');
  const ct = files.find((file) => modalityOf(file) === 'CT');
  if (!stored || !ct) throw new Error(`stored modalities: ${files.map(modalityOf).join(', ')}`);
  const ctText = JSON.stringify(ct.dict);
  expect(PHI_STRINGS.filter((phi) => ctText.includes(phi))).toEqual([]);
  expect(stored.dict['00280301']?.Value).toEqual(['NO']);
  const storedPixels = new Uint8Array((stored.dict['7FE00010']?.Value as ArrayBuffer[])[0]!);
  const inBox = (x: number, y: number) => report.burnedIn!.boxes.some((b) => x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height);
  let inked = 0;
  const wrong: string[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = y * WIDTH + x;
      const expected = inBox(x, y) ? 0 : pixels[i];
      if (storedPixels[i] !== expected) wrong.push(`(${x}, ${y}) ${storedPixels[i]} not ${expected}`);
      if (ink[i]! > 128) {
        inked += 1;
        if (storedPixels[i] !== 0) wrong.push(`text pixel (${x}, ${y}) not blacked out`);
      }
    }
  }
  expect(wrong.slice(0, 10)).toEqual([]);
  expect(inked).toBeGreaterThan(100);
  expect(inBox(220, 215)).toBe(true);
});
