/**
 * Unusual DICOM files (e2e/fixtures/odd-dicom, made by its generate.py) are shown with the pixels
 * pydicom or DCMTK decode from them, and a slice that cannot be shown says why in the user's
 * language instead of spinning or showing black.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SAH_SLICE_LABEL_SET } from '../src/core/labelSets/builtin';
import { RENDER_MODE_KEY } from '../src/viewer/cornerstone/renderMode';
import { SLICE_TIMEOUT_KEY } from '../src/viewer/sliceTimeout';
import { byTestId, expect, expectDatasetList, goToSlice, greyForValue, openDataset, readNeighbourhood, serverApi, signIn, test, type Mejirushi } from './fixtures/mejirushi';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'odd-dicom');
const DATASET = 'Odd DICOM';

interface ValuePoint { readonly row: number; readonly column: number; readonly value: number }
interface RgbPoint { readonly row: number; readonly column: number; readonly rgb: readonly [number, number, number] }
type Expected =
  | { readonly kind: 'value'; readonly points: readonly ValuePoint[] }
  | { readonly kind: 'value'; readonly frames: ReadonlyArray<readonly ValuePoint[]> }
  | { readonly kind: 'rgb'; readonly points: readonly RgbPoint[] };

const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;

/**
 * Largest difference to the reference decode: Cornerstone keeps float maps at 16-bit precision
 * over their value range (range / 65,535 ≈ 1e-4 here); baseline JPEG may differ by a level
 * between libjpeg-turbo and DCMTK's IJG decoder; colour conversions round differently by a
 * level; everything else is exact.
 */
const TOLERANCE: Readonly<Record<string, number>> = {
  'float_pixel_data.dcm': 2e-4,
  'double_float_pixel_data.dcm': 2e-4,
  'jpeg_fragments_no_offsets.dcm': 2,
  'ybr_full_422_native.dcm': 2,
  'palette_segmented_16bit.dcm': 1,
  // One stored unit of its 2.0002 HU slope (DCMTK and the loader round the IDCT differently),
  // plus Cornerstone's own rounding of the rescale (0.07 HU seen).
  'jpeg_progressive_12bit.dcm': 2.1,
};

/** As the admin, through the API: a dataset of the given files, assigned to the annotator. */
async function importFixtures(mejirushi: Mejirushi, names: readonly string[]): Promise<Map<string, string>> {
  const api = await serverApi(mejirushi.url, mejirushi.admin);
  const dataset = await api.createDataset({ name: DATASET, labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version });
  const items = new Map<string, string>();
  for (const name of names) {
    const [outcome] = (await api.uploadFile(dataset.id, name, new Blob([readFileSync(join(FIXTURES, name))]))).outcomes;
    if (outcome?.status !== 'imported') throw new Error(`${name} was not imported: ${JSON.stringify(outcome)}`);
    items.set(name, outcome.itemId);
  }
  const annotator = (await api.listUsers()).find((user) => user.username === mejirushi.annotator.username);
  if (!annotator) throw new Error('no annotator account');
  await api.assign(dataset.id, { readerIds: [annotator.id] });
  return items;
}

async function openItem(page: Page, itemId: string): Promise<void> {
  await byTestId(page, 'nav-datasets').click();
  await expectDatasetList(page);
  await openDataset(page, DATASET);
  await byTestId(page, `item-link-${itemId}`).click();
  await expect(page.locator(`[data-testid="item-page"][data-ready="true"][data-item-id="${itemId}"]`)).toBeVisible();
}

/** Waits until the current slice is ready or failed, and asserts it is drawn. */
async function expectRendered(page: Page, what: string): Promise<void> {
  await expect(page.locator('[data-testid="series-viewer"]:is([data-state="ready"], [data-state="error"])')).toBeVisible();
  const error = (await byTestId(page, 'viewer-error').count()) > 0 ? await byTestId(page, 'viewer-error').getAttribute('data-detail') : '';
  expect(await page.getByTestId('series-viewer').getAttribute('data-state'), `${what}: ${error}`).toBe('ready');
}

/** Modality values at the points, and the grey drawn at the first one lies within its window. */
async function expectValues(page: Page, what: string, points: readonly ValuePoint[], tolerance: number): Promise<void> {
  const shown = await page.evaluate((at) => at.map(({ row, column }) => window.__mejirushiViewer?.storedHu(row, column) ?? Number.NaN), points);
  const worst = Math.max(...shown.map((value, i) => Math.abs(value - (points[i]?.value ?? Number.NaN))));
  expect(worst, `${what}: largest difference to the reference over ${points.length} points (shown ${shown.slice(0, 6).join(' ')}…)`).toBeLessThanOrEqual(tolerance);

  const centre = points[Math.floor(points.length / 2)];
  if (!centre) return;
  const drawn = await readNeighbourhood(page, centre.row, centre.column);
  if (!drawn.voi) throw new Error(`${what}: no window`);
  const voi = drawn.voi;
  const greys = drawn.neighbours.map((value) => greyForValue(value, voi));
  const context = `${what}: ${drawn.neighbours.join(' ')} under ${JSON.stringify(voi)} drawn as ${drawn.grey}`;
  expect(drawn.grey, context).toBeGreaterThanOrEqual(Math.min(...greys) - 2);
  expect(drawn.grey, context).toBeLessThanOrEqual(Math.max(...greys) + 2);
}

async function expectColours(page: Page, what: string, points: readonly RgbPoint[], tolerance: number): Promise<void> {
  const shown = await page.evaluate((at) => at.map(({ row, column }) => window.__mejirushiViewer?.storedRgb(row, column) ?? null), points);
  const differences = shown.flatMap((rgb, i) => (rgb ?? [Number.NaN, Number.NaN, Number.NaN]).map((v, c) => Math.abs(v - (points[i]?.rgb[c] ?? Number.NaN))));
  const worstAt = differences.indexOf(Math.max(...differences));
  const point = points[Math.floor(worstAt / 3)];
  expect(Math.max(...differences), `${what}: largest colour difference, at ${JSON.stringify(point)}: shown ${JSON.stringify(shown[Math.floor(worstAt / 3)])}`).toBeLessThanOrEqual(tolerance);
  // What the canvas shows is that colour (grey = mean of R, G, B), not a black or blank frame.
  const centre = points[Math.floor(points.length / 2)];
  if (!centre) return;
  const grey = await page.evaluate(({ row, column }) => window.__mejirushiViewer?.readDisplayedGrey(row, column) ?? Number.NaN, centre);
  const expected = (centre.rgb[0] + centre.rgb[1] + centre.rgb[2]) / 3;
  expect(Math.abs(grey - expected), `${what}: drawn grey ${grey} at ${JSON.stringify(centre)}`).toBeLessThanOrEqual(12);
}

async function expectFileShown(page: Page, name: string): Promise<void> {
  const expected = EXPECTED[name];
  if (!expected) throw new Error(`no reference for ${name}`);
  const tolerance = TOLERANCE[name] ?? 0;
  if (expected.kind === 'rgb') {
    await expectRendered(page, name);
    await expectColours(page, name, expected.points, tolerance);
  } else if ('frames' in expected) {
    await expect(page.locator('[data-testid^="strip-cell-"]')).toHaveCount(expected.frames.length);
    for (const [frame, points] of expected.frames.entries()) {
      await goToSlice(page, frame);
      await expectRendered(page, `${name} frame ${frame + 1}`);
      await expectValues(page, `${name} frame ${frame + 1}`, points, tolerance);
    }
  } else {
    await expectRendered(page, name);
    await expectValues(page, name, expected.points, tolerance);
  }
}

for (const name of Object.keys(EXPECTED)) {
  test(`${name} is drawn with the pixels pydicom or DCMTK decode from it`, async ({ page, mejirushi }) => {
    const items = await importFixtures(mejirushi, [name]);
    await signIn(page, mejirushi.annotator);
    await openItem(page, items.get(name) ?? '');
    await expectFileShown(page, name);
  });
}

test('a CR whose PixelSpacing is 0\\0 is drawn on the WebGL path too', async ({ page, mejirushi }) => {
  const name = 'cr_zero_pixel_spacing.dcm';
  const items = await importFixtures(mejirushi, [name]);
  await page.addInitScript(([key]) => sessionStorage.setItem(key, 'gpu'), [RENDER_MODE_KEY] as const);
  await signIn(page, mejirushi.annotator);
  await openItem(page, items.get(name) ?? '');
  await expect(page.getByTestId('series-viewer')).toHaveAttribute('data-render-mode', 'gpu');
  await expectFileShown(page, name);
});

/** Start of Image marker: every frame's JPEG stream begins with it. */
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff]);

/** The error panel says it in a sentence of the user's language, without the decoder's words. */
async function expectRefusedInWords(page: Page, kind: string, sentence: RegExp): Promise<void> {
  const panel = byTestId(page, 'viewer-error');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-kind', kind);
  await expect(page.getByTestId('series-viewer')).toHaveAttribute('data-state', 'error');
  await expect(byTestId(page, 'viewer-loading')).toHaveCount(0);
  await expect(panel).toContainText(sentence);
  await expect(panel).not.toContainText(/decod|codec|jpeg|undefined|exception|pixel data|\bat \w+\.js/i);
}

// Playwright's routes see no request a service worker answers.
test.describe(() => {
  test.use({ serviceWorkers: 'block' });
  test('a file that cannot be decoded or never arrives shows the reason, in Japanese too, instead of loading forever', async ({ page, mejirushi }) => {
    const items = await importFixtures(mejirushi, ['jpeg_fragments_no_offsets.dcm', 'ybr_full_422_native.dcm']);
    const broken = items.get('jpeg_fragments_no_offsets.dcm') ?? '';
    const hanging = items.get('ybr_full_422_native.dcm') ?? '';
    // The JPEG file arrives with its compressed frames overwritten; the other one never arrives.
    const garbled = Buffer.from(readFileSync(join(FIXTURES, 'jpeg_fragments_no_offsets.dcm')));
    for (let at = garbled.indexOf(JPEG_START); at !== -1; at = garbled.indexOf(JPEG_START, at + 1)) garbled.fill(0x5a, at, at + 300);
    await page.route(`**/api/items/${broken}/files/**`, (route) => route.fulfill({ status: 200, contentType: 'application/dicom', body: garbled }));
    await page.route(`**/api/items/${hanging}/files/**`, () => undefined);
    await page.addInitScript(([key]) => sessionStorage.setItem(key, '3000'), [SLICE_TIMEOUT_KEY] as const);

    await signIn(page, mejirushi.annotator);
    await openItem(page, broken);
    await expectRefusedInWords(page, 'unreadable', /could not be read/);

    await openItem(page, hanging);
    await expectRefusedInWords(page, 'timeout', /did not arrive in time/);

    await byTestId(page, 'lang-ja').click();
    await expect(byTestId(page, 'viewer-error')).toContainText(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
