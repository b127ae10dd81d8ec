/**
 * Slides in through the admin screen, as an admin does it: the upload form's file chooser, the
 * per-file report, the assignment form; then the annotator opens each imported slide with its
 * tiles drawn, the scale bar shown and the scan's µm per pixel, and a label image's patient name
 * never reaches the annotator's browser.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Response } from '@playwright/test';
import { LABEL_PATIENT_NAME, makeWsiFixtures, missingFixtureTools, type WsiFixtures } from '../server/testing/dicomWsiFixtures';
import { hasPathologySampleData, pathologySample } from '../server/testing/sampleData';
import { createApiClient, slideTilePath } from '../src/data/api';
import { ANNOTATOR_NAMES, byTestId, type Account, expect, openDataset, serverApi, signIn, test, type Mejirushi } from './fixtures/mejirushi';

const SVS = 'CMU-1-Small-Region.svs';

/** As the admin, on the admin screen: a gastric-biopsy dataset, the files chosen in the upload form, the report once every file is done. */
async function uploadThroughAdminScreen(page: Page, dataset: string, files: readonly string[]): Promise<{ name: string; status: string; result: string }[]> {
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'new-dataset-name').fill(dataset);
  await byTestId(page, 'new-dataset-label-set').selectOption('gastric-biopsy@1');
  await byTestId(page, 'new-dataset-submit').click();
  await expect(byTestId(page, 'upload-dataset').locator('option', { hasText: dataset })).toHaveCount(1);
  await byTestId(page, 'upload-dataset').selectOption({ label: dataset });

  const choosing = page.waitForEvent('filechooser');
  await byTestId(page, 'upload-files').click();
  await (await choosing).setFiles([...files]);
  await expect(byTestId(page, 'upload-summary')).toHaveAttribute('data-done', 'true');
  const rows = page.locator('[data-testid^="upload-row-"]');
  await expect(rows).toHaveCount(files.length);
  return rows.evaluateAll((elements) =>
    elements.map((row) => ({
      name: row.querySelector('td')?.textContent?.trim() ?? '',
      status: row.getAttribute('data-status') ?? '',
      result: row.querySelector('td:last-child')?.textContent?.trim() ?? '',
    })),
  );
}

/** On the admin screen: the chosen dataset's slide imports, each file's job ended in its state with its result, its bar full when done. */
async function expectSlideImports(page: Page, expected: Readonly<Record<string, readonly [state: string, result: string]>>): Promise<void> {
  const rows = byTestId(page, 'import-jobs').locator('tbody tr');
  await expect(rows).toHaveCount(Object.keys(expected).length);
  for (const [file, [state, result]] of Object.entries(expected)) {
    const row = rows.filter({ has: page.locator('td.file-name', { hasText: new RegExp(`^${file.replaceAll('.', '\\.')}$`) }) });
    await expect(row).toHaveAttribute('data-state', state);
    await expect(row.locator('td:last-child')).toHaveText(result);
    if (state === 'done') await expect(row.locator('progress')).toHaveJSProperty('value', 100);
  }
}

/** As the admin, on the admin screen: the dataset assigned to the fixture's annotator, by a due date if given. */
async function assignThroughAdminScreen(page: Page, dataset: string, dueDate?: string): Promise<void> {
  const panel = byTestId(page, 'admin-assign');
  await panel.getByTestId('assign-dataset').selectOption({ label: dataset });
  await panel.getByTestId(`assign-reader-${ANNOTATOR_NAMES.username}`).check();
  if (dueDate) await panel.getByTestId('assign-due-date').fill(dueDate);
  await panel.getByTestId('assign-submit').click();
  await expect(byTestId(page, 'assign-result')).toContainText(`${ANNOTATOR_NAMES.displayName}: 1 new`);
}

/** A session token, for a request the viewer has not made. */
async function tokenOf(mejirushi: Mejirushi, account: Account): Promise<string> {
  return (await createApiClient({ baseUrl: mejirushi.url, getToken: () => null }).login({ username: account.username, password: account.password })).token;
}

async function signOut(page: Page): Promise<void> {
  await byTestId(page, 'logout').click();
  await expect(page.getByTestId('login-username')).toBeVisible();
}

/** The item ids of a dataset, as the admin sees them through the API. */
async function itemsOf(mejirushi: Mejirushi, dataset: string): Promise<string[]> {
  const api = await serverApi(mejirushi.url, mejirushi.admin);
  const found = (await api.listDatasets()).find((d) => d.name === dataset);
  if (!found) throw new Error(`no dataset ${dataset}`);
  return (await api.listItems(found.id)).items.map((item) => item.id);
}

/** As the annotator: opens a slide and finds its tiles drawn (served, none failed), its scale bar and its µm per pixel. */
async function expectSlideShown(page: Page, dataset: string, itemId: string, micronsPerPixel: string): Promise<void> {
  const tiles: Response[] = [];
  const onResponse = (response: Response) => {
    if (new URL(response.url()).pathname.startsWith(`/api/items/${itemId}/tiles/`)) tiles.push(response);
  };
  page.on('response', onResponse);
  await byTestId(page, 'nav-datasets').click();
  await openDataset(page, dataset);
  await byTestId(page, `item-link-${itemId}`).click();
  // data-ready: the first full screen of tiles has been drawn.
  await expect(page.locator('[data-testid="slide-viewer"][data-ready="true"]')).toBeVisible();
  page.off('response', onResponse);
  await expect(byTestId(page, 'slide-viewer')).toHaveAttribute('data-microns-per-px', micronsPerPixel);
  await expect(byTestId(page, 'slide-scale-bar')).toBeVisible();
  await expect(byTestId(page, 'slide-tiles-failed')).toHaveCount(0);
  expect(tiles.length).toBeGreaterThan(0);
  for (const tile of tiles) {
    expect(tile.status(), tile.url()).toBe(200);
    expect(tile.headers()['content-type'], tile.url()).toMatch(/^image\/(jpeg|png)/);
  }
}

let dir = '';
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejirushi-slide-import-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('an admin imports the Aperio sample through the upload form, a truncated copy is refused with a reason, and the annotator reads the slide', async ({ page, mejirushi }) => {
  if (!hasPathologySampleData()) console.log(`slide-import.spec.ts: SVS test skipped: no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);
  test.skip(!hasPathologySampleData(), `no ${SVS} in the sample data (set MEJIRUSHI_SAMPLE_DATA)`);
  const bytes = readFileSync(pathologySample(SVS));
  const truncated = join(dir, 'CMU-1-Small-Region-truncated.svs');
  writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const dataset = 'Aperio slides';

  await signIn(page, mejirushi.admin);
  const report = await uploadThroughAdminScreen(page, dataset, [pathologySample(SVS), truncated]);
  expect(report.map((row) => [row.name, row.status])).toEqual([
    [SVS, 'imported'],
    ['CMU-1-Small-Region-truncated.svs', 'refused'],
  ]);
  expect(report[0]?.result).toBe('Imported');
  expect(report[1]?.result).toBe('Refused: the slide file is incomplete (cut off before its end). Copy or upload it again.');
  await expectSlideImports(page, { [SVS]: ['done', 'Imported'], 'CMU-1-Small-Region-truncated.svs': ['failed', 'Refused: the slide file is incomplete (cut off before its end). Copy or upload it again.'] });
  // The server built the pyramids after answering the uploads: an admin who leaves the screen finds the jobs again.
  await byTestId(page, 'nav-datasets').click();
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'upload-dataset').selectOption({ label: dataset });
  await expectSlideImports(page, { [SVS]: ['done', 'Imported'], 'CMU-1-Small-Region-truncated.svs': ['failed', 'Refused: the slide file is incomplete (cut off before its end). Copy or upload it again.'] });
  const items = await itemsOf(mejirushi, dataset);
  expect(items).toHaveLength(1);
  // A due date already past: the annotator's list flags the slide as overdue.
  await assignThroughAdminScreen(page, dataset, '2020-01-31');
  await signOut(page);

  await signIn(page, mejirushi.annotator);
  await byTestId(page, 'nav-datasets').click();
  await openDataset(page, dataset);
  await expect(byTestId(page, `item-due-${items[0] ?? ''}`)).toHaveAttribute('data-due', 'overdue');
  await expectSlideShown(page, dataset, items[0] ?? '', '0.499');
});

/** The DICOM WSI fixture files (pydicom), made per test and removed after it; the test skips with a line where pydicom is missing. */
async function wsiFixturesOrSkip(): Promise<WsiFixtures> {
  const missing = missingFixtureTools();
  if (missing) console.log(`slide-import.spec.ts: DICOM WSI test skipped: ${missing}`);
  test.skip(missing !== null, missing ?? '');
  const fixtures = await makeWsiFixtures();
  wsiDir = fixtures.dir;
  return fixtures;
}

let wsiDir = '';
test.afterEach(() => {
  if (wsiDir) rmSync(wsiDir, { recursive: true, force: true });
  wsiDir = '';
});

/** Level 0 in two concatenated instances, a downsample-4 level and the label: four files of one slide. */
const wsiFiles = (fixtures: WsiFixtures): string[] => [fixtures.fullLevel0[0], fixtures.fullLevel0[1], fixtures.fullLevel2, fixtures.label];

test('the annotator reads a DICOM WSI uploaded through the form at its µm per pixel and never receives its label\'s patient name', async ({ page, mejirushi }) => {
  const fixtures = await wsiFixturesOrSkip();
  const dataset = 'DICOM WSI';
  await signIn(page, mejirushi.admin);
  await uploadThroughAdminScreen(page, dataset, wsiFiles(fixtures));
  const items = await itemsOf(mejirushi, dataset);
  expect(items).toHaveLength(1);
  await assignThroughAdminScreen(page, dataset);
  await signOut(page);

  // Everything the annotator's browser receives from here on, read as text (JSON) and as bytes (tiles).
  const received: { url: string; body: Buffer }[] = [];
  page.on('response', async (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    try {
      received.push({ url: response.url(), body: await response.body() });
    } catch {
      // A redirect or a response the page dropped before its body arrived has nothing to read.
    }
  });
  await signIn(page, mejirushi.annotator);
  const itemId = items[0] ?? '';
  await expectSlideShown(page, dataset, itemId, '0.25');
  expect(received.some(({ url }) => new URL(url).pathname === `/api/items/${itemId}`)).toBe(true);
  expect(received.some(({ url }) => new URL(url).pathname.startsWith(`/api/items/${itemId}/tiles/`))).toBe(true);
  for (const { url, body } of received) {
    expect(body.toString('latin1').includes(LABEL_PATIENT_NAME), `${url} carries the label's patient name`).toBe(false);
    expect(body.equals(fixtures.labelJpeg), `${url} is the label image`).toBe(false);
  }
});

// The form sends one file per request: the server gathers the instances of one pyramid across them.
test('a DICOM WSI pyramid split over several files imports through the upload form as one whole slide', async ({ page, mejirushi }) => {
  const fixtures = await wsiFixturesOrSkip();
  const dataset = 'DICOM WSI';
  const files = wsiFiles(fixtures);
  await signIn(page, mejirushi.admin);
  const report = await uploadThroughAdminScreen(page, dataset, files);
  const items = await itemsOf(mejirushi, dataset);
  expect(items).toHaveLength(1);
  expect(report.map((row) => [row.name, row.status, row.result])).toEqual(files.map((file) => [file.split('/').at(-1), 'imported', 'Imported']));
  // Level 0 is whole: a tile of the second concatenated instance is served as stored.
  const { item } = await (await serverApi(mejirushi.url, mejirushi.admin)).getItem(items[0] ?? '');
  if (item.content.kind !== 'slide') throw new Error(`item ${item.id} is a ${item.content.kind}, not a slide`);
  const path = slideTilePath(item.id, item.content.tileVersion, 0, 3, 3);
  const tile = await fetch(`${mejirushi.url}${path}`, { headers: { authorization: `Bearer ${await tokenOf(mejirushi, mejirushi.admin)}` } });
  expect(tile.status).toBe(200);
  expect(Buffer.from(await tile.arrayBuffer()).equals(fixtures.storedJpegs.get('0/3/3') ?? Buffer.alloc(0))).toBe(true);
});
