import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Page } from '@playwright/test';
import dicomParser from 'dicom-parser';
import { hasSampleData, sampleDataDir } from '../server/testing/sampleData';
import { SAH_SLICE_LABEL_SET } from '../src/core/labelSets/builtin';
import { byTestId, expect, expectDatasetList, greyForValue, openDataset, readNeighbourhood, serverApi, signIn, test } from './fixtures/mejirushi';

const radiology = join(sampleDataDir(), 'radiology');
const ENCODINGS = 'dicom-encodings/ct-chest-ge-all-syntaxes';
const REFERENCE = 'ct_explicit_le.dcm';

if (!hasSampleData()) console.log(`import-real-data.spec.ts skipped: no sample data at ${radiology} (set MEJIRUSHI_SAMPLE_DATA)`);
test.skip(!hasSampleData(), `no sample data at ${radiology} (set MEJIRUSHI_SAMPLE_DATA)`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** SOPInstanceUID of a file, or null where it cannot be read as DICOM Part 10. */
function sopInstanceUidOf(path: string): string | null {
  try {
    return dicomParser.parseDicom(new Uint8Array(readFileSync(path))).string('x00080018')?.trim() ?? null;
  } catch {
    return null;
  }
}

function headerOf(path: string): { photometric: string; frames: number } {
  const data = dicomParser.parseDicom(new Uint8Array(readFileSync(path)));
  return { photometric: data.string('x00280004')?.trim() ?? '', frames: data.intString('x00280008') ?? 1 };
}

/**
 * The centre of the slice on screen is drawn as its window says: grey images through the linear
 * VOI function (inverted for MONOCHROME1); colour ones carry no modality value.
 */
async function expectShownAsStored(page: Page, what: string, photometric: string): Promise<void> {
  const { rows, columns } = await page.evaluate(() => {
    const content = window.__mejirushi?.store.getState().openItem?.detail?.item.content;
    if (content?.kind !== 'series') throw new Error('no series is open');
    return { rows: content.rows, columns: content.columns };
  });
  const shown = await readNeighbourhood(page, Math.floor(rows / 2), Math.floor(columns / 2));
  if (!photometric.startsWith('MONOCHROME')) {
    expect(shown.hu, `${what} (${photometric}) is colour`).toBeNaN();
    return;
  }
  const voi = shown.voi;
  if (!voi) throw new Error(`${what}: no window`);
  const greys = shown.neighbours.map((value) => greyForValue(value, voi, photometric === 'MONOCHROME1'));
  const [low, high] = [Math.min(...greys) - 2, Math.max(...greys) + 2];
  const context = `${what}: ${shown.neighbours.join(' ')} under ${JSON.stringify(voi)} shows ${shown.grey}, expected ${low.toFixed(1)}–${high.toFixed(1)}`;
  expect(shown.grey, context).toBeGreaterThanOrEqual(low);
  expect(shown.grey, context).toBeLessThanOrEqual(high);
}

/** Waits until the viewer settles on the current slice and asserts it rendered. */
async function expectRendered(page: Page, what: string): Promise<void> {
  const viewer = page.getByTestId('series-viewer');
  await expect(page.locator('[data-testid="series-viewer"]:is([data-state="ready"], [data-state="error"])')).toBeVisible();
  const error = (await byTestId(page, 'viewer-error').count()) > 0 ? await byTestId(page, 'viewer-error').innerText() : '';
  expect(await viewer.getAttribute('data-state'), `${what}: ${error}`).toBe('ready');
}

/** From anywhere: datasets → dataset → item, as a user clicks. */
async function openItem(page: Page, datasetName: string, itemId: string): Promise<void> {
  await byTestId(page, 'nav-datasets').click();
  await expectDatasetList(page);
  await openDataset(page, datasetName);
  await byTestId(page, `item-link-${itemId}`).click();
  await expect(page.locator(`[data-testid="item-page"][data-ready="true"][data-item-id="${itemId}"]`)).toBeVisible();
}

test('every radiology sample file is imported or refused with the server\'s reason, and every imported item renders', async ({ page, mejirushi }) => {
  const files = filesUnder(radiology).filter((path) => !relative(radiology, path).startsWith(ENCODINGS));
  await signIn(page, mejirushi.admin);

  await byTestId(page, 'nav-admin').click();
  const dataset = 'Radiology samples';
  await byTestId(page, 'new-dataset-name').fill(dataset);
  await byTestId(page, 'new-dataset-submit').click();
  await expect(byTestId(page, 'upload-dataset').locator('option', { hasText: dataset })).toHaveCount(1);
  await byTestId(page, 'upload-dataset').selectOption({ label: dataset });

  await byTestId(page, 'upload-files').setInputFiles(files);
  await expect(byTestId(page, 'upload-summary')).toHaveAttribute('data-done', 'true', { timeout: 300_000 });
  const rows = page.locator('[data-testid^="upload-row-"]');
  await expect(rows).toHaveCount(files.length);
  const shown = await rows.evaluateAll((elements) =>
    elements.map((row) => ({
      name: row.querySelector('td')?.textContent?.trim() ?? '',
      status: row.getAttribute('data-status') ?? '',
      result: row.querySelector('td:last-child')?.textContent?.trim() ?? '',
    })),
  );

  // What the report says is what the server did: imported files are stored (by SOPInstanceUID),
  // refused ones are not and say why.
  const api = await serverApi(mejirushi.url, mejirushi.admin);
  const datasetId = (await api.listDatasets()).find((d) => d.name === dataset)?.id ?? '';
  const { items } = await api.listItems(datasetId, { limit: 100 });
  const itemOfSop = new Map<string, string>();
  for (const { id } of items) {
    const { item } = await api.getItem(id);
    if (item.content.kind === 'series') for (const slice of item.content.slices) itemOfSop.set(slice.sopInstanceUid, id);
  }
  const itemFiles = new Map<string, string[]>();
  const refused = new Map<string, string>();
  for (const row of shown) {
    const path = files.find((file) => basename(file) === row.name);
    if (!path) throw new Error(`the report names a file that was not uploaded: ${row.name}`);
    const sop = sopInstanceUidOf(path);
    expect(['imported', 'refused'], `${row.name}: ${row.result}`).toContain(row.status);
    if (row.status === 'imported') {
      const itemId = sop ? itemOfSop.get(sop) : undefined;
      if (!itemId) throw new Error(`${row.name} is reported imported but the server holds no instance ${sop}`);
      itemFiles.set(itemId, [...(itemFiles.get(itemId) ?? []), row.name]);
    } else {
      expect(sop === null || !itemOfSop.has(sop), `${row.name} is reported refused but was stored`).toBe(true);
      refused.set(row.name, row.result);
    }
  }
  expect(itemOfSop.size).toBe(shown.filter((row) => row.status === 'imported').length);
  // Only the two label objects are refused, each saying why (they are not images).
  expect([...refused.keys()].sort()).toEqual(['rtstruct_no_meta.dcm', 'seg_liver_binary_3frame.dcm']);
  expect(refused.get('rtstruct_no_meta.dcm')).toMatch(/^Refused: .*pixel data/i);
  expect(refused.get('seg_liver_binary_3frame.dcm')).toMatch(/^Refused: .*Segmentation/);

  // Every imported series opens and renders, down to its last slice or frame.
  expect(items.map((item) => item.id).sort()).toEqual([...itemFiles.keys()].sort());
  for (const [itemId, names] of itemFiles) {
    const what = names.length > 1 ? `${names.length} files of one series` : (names[0] ?? itemId);
    const headers = names.map((name) => headerOf(files.find((file) => basename(file) === name) ?? ''));
    const photometric = headers[0]?.photometric ?? '';
    await openItem(page, dataset, itemId);
    await expectRendered(page, what);
    await expectShownAsStored(page, what, photometric);
    // One slice per frame of every file: multi-frame files are read frame by frame.
    const count = headers.reduce((sum, header) => sum + header.frames, 0);
    await expect(page.locator('[data-testid^="strip-cell-"]')).toHaveCount(count);
    if (count > 1) {
      await page.keyboard.press('End');
      await expect(page.getByTestId('series-viewer')).toHaveAttribute('data-slice-index', String(count - 1));
      await expectRendered(page, `${what}, slice ${count} of ${count}`);
      await expectShownAsStored(page, `${what}, slice ${count}`, photometric);
    }
  }
});

/** Stored value → HU of a native (uncompressed, little endian, signed 16-bit) CT slice, read with dicom-parser. */
function nativeHu(path: string): (row: number, column: number) => number {
  const bytes = new Uint8Array(readFileSync(path));
  const data = dicomParser.parseDicom(bytes);
  const pixels = data.elements.x7fe00010;
  if (!pixels || data.uint16('x00280100') !== 16 || data.uint16('x00280103') !== 1) throw new Error(`${path} is not native signed 16-bit`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + pixels.dataOffset, pixels.length);
  const columns = data.uint16('x00280011') ?? 0;
  const slope = data.floatString('x00281053') ?? 1;
  const intercept = data.floatString('x00281052') ?? 0;
  return (row, column) => view.getInt16((row * columns + column) * 2, true) * slope + intercept;
}

/**
 * Largest |HU difference| to the uncompressed reference each lossy encoding may show; lossless
 * ones must match exactly. Near-lossless JPEG-LS and lossy JPEG 2000: the maxima SOURCES.md
 * documents. The two re-scaled JPEGs: the largest difference DCMTK's own decoder (dcmdjpeg)
 * gives over the whole slice (8-bit baseline: 2 levels of its 32.12 HU slope; 12-bit: 35.6 HU).
 */
const TOLERANCE_HU: Readonly<Record<string, number>> = {
  'ct_jpegls_near_lossless.dcm': 1,
  'ct_j2k_lossy.dcm': 5,
  'ct_jpeg_baseline_8bit.dcm': 64.3,
  'ct_jpeg_extended_12bit.dcm': 35.7,
};

test('the 13 encodings of one CT slice all render: lossless ones with identical HU, lossy ones close', async ({ page, mejirushi }) => {
  const dir = join(radiology, ENCODINGS);
  const files = filesUnder(dir);
  expect(files).toHaveLength(13);
  const reference = nativeHu(join(dir, REFERENCE));
  const step = 16; // a 32 × 32 grid over the 512 × 512 slice
  const grid = Array.from({ length: 32 * 32 }, (_, i) => [Math.floor(i / 32) * step + 7, (i % 32) * step + 7] as const);
  const expectedHu = grid.map(([row, column]) => reference(row, column));

  await signIn(page, mejirushi.admin);
  // Nine of the files share one SOPInstanceUID, so each goes into its own dataset (here through the API).
  const api = await serverApi(mejirushi.url, mejirushi.admin);
  const opened: Array<{ name: string; dataset: string; itemId: string }> = [];
  for (const path of files) {
    const name = basename(path);
    const dataset = `Encoding ${name}`;
    const created = await api.createDataset({ name: dataset, labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version });
    const [outcome] = (await api.uploadFile(created.id, name, new Blob([readFileSync(path)]))).outcomes;
    if (outcome?.status !== 'imported') throw new Error(`${name} was not imported: ${JSON.stringify(outcome)}`);
    opened.push({ name, dataset, itemId: outcome.itemId });
  }
  await page.reload(); // the list was loaded before these datasets existed
  await expectDatasetList(page);

  for (const { name, dataset, itemId } of opened) {
    await openItem(page, dataset, itemId);
    await expectRendered(page, name);
    const shown = await page.evaluate((points) => {
      const viewer = window.__mejirushiViewer;
      if (!viewer) throw new Error('no viewer test hook');
      return points.map(([row, column]) => viewer.storedHu(row, column));
    }, grid);
    const worst = Math.max(...shown.map((hu, i) => Math.abs(hu - (expectedHu[i] ?? Number.NaN))));
    expect(worst, `${name}: largest HU difference to ${REFERENCE} over ${grid.length} points`).toBeLessThanOrEqual(TOLERANCE_HU[name] ?? 0);
  }
});
