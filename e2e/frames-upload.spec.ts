/**
 * A folder of stills in through the admin screen as one frame set, as a data manager does it (the
 * upload is an admin's task: the least role that may upload): the folder chosen with the folder
 * chooser, each still's row with its progress, the folder's import job in the import jobs table,
 * then each still's outcome from the job's report; then the annotator opens the frame set
 * with every frame, and no file or folder name (here a patient's name) reaches their browser.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expectFramesReady } from './fixtures/frames';
import { byTestId, expect, openDataset, serverApi, signIn, test } from './fixtures/mejirushi';

const PATIENT = 'SATO^JIRO';
const STILLS = 12;

let dir = '';
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejirushi-stills-upload-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('an admin uploads a folder of stills as one frame set with a report per still; the annotator sees every frame and no name', async ({ page, mejirushi }) => {
  const folder = join(dir, PATIENT);
  mkdirSync(folder);
  for (let i = 1; i <= STILLS; i += 1) {
    const shade = 20 * i;
    await sharp({ create: { width: 64 + i, height: 48, channels: 3, background: { r: shade, g: 120, b: 255 - shade } } }).png().toFile(join(folder, `${PATIENT}-${i}.png`));
  }
  writeFileSync(join(folder, `${PATIENT}-cut.jpg`), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]));
  writeFileSync(join(folder, 'notes.txt'), 'not a still');
  const dataset = 'Uploaded stills';

  await signIn(page, mejirushi.admin);
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'new-dataset-name').fill(dataset);
  await byTestId(page, 'new-dataset-label-set').selectOption('fundus-grading@2');
  await byTestId(page, 'new-dataset-submit').click();
  await expect(byTestId(page, 'upload-dataset').locator('option', { hasText: dataset })).toHaveCount(1);
  await byTestId(page, 'upload-dataset').selectOption({ label: dataset });
  await byTestId(page, 'stills-folder').setInputFiles(folder);

  // The folder is imported by a job, shown like a slide's: it ends done (a refused still does not fail it) with its count.
  const job = page.locator('tr[data-testid^="import-job-"]', { hasText: `${PATIENT}/` });
  await expect(job).toHaveAttribute('data-state', 'done');
  await expect(job).toContainText(`${STILLS} stills imported, 1 refused`);
  await expect(byTestId(page, 'stills-summary')).toHaveAttribute('data-done', 'true');
  const rows = page.locator('[data-testid^="stills-row-"]');
  // notes.txt is no still and is not sent.
  await expect(rows).toHaveCount(STILLS + 1);
  const statuses = await rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('data-status')));
  expect(statuses.filter((status) => status === 'imported')).toHaveLength(STILLS);
  expect(statuses.filter((status) => status === 'refused')).toHaveLength(1);
  await expect(rows.filter({ hasText: `${PATIENT}-cut.jpg` })).toHaveAttribute('data-status', 'refused');
  await expect(byTestId(page, 'stills-summary')).toHaveText(`${STILLS + 1} of ${STILLS + 1} stills sent; ${STILLS} imported, 1 refused`);

  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const found = (await admin.listDatasets()).find((d) => d.name === dataset);
  if (!found) throw new Error(`no dataset ${dataset}`);
  const items = (await admin.listItems(found.id)).items;
  expect(items).toHaveLength(1);
  const annotator = (await admin.listUsers()).find((user) => user.username === mejirushi.annotator.username);
  if (!annotator) throw new Error('the fixture should have made the annotator');
  await admin.assign(found.id, { readerIds: [annotator.id] });
  await byTestId(page, 'logout').click();

  await signIn(page, mejirushi.annotator);
  await byTestId(page, 'nav-datasets').click();
  await openDataset(page, dataset);
  await byTestId(page, `item-link-${items[0]?.id}`).click();
  await expectFramesReady(page);
  await expect(byTestId(page, 'frame-position')).toHaveText(`Frame 1 of ${STILLS}`);
  await expect(page.locator('body')).not.toContainText(PATIENT);
  expect(await page.content()).not.toContain(PATIENT);
});
