/**
 * The WG dashboard and annotators' credit as plain users: an annotator submits the demo series
 * and reads their certificate for this month (and its CSV); a WG lead who reads no demo item
 * opens the demo dataset's dashboard and finds each reader's progress, today's submit and the
 * waiting review, drawn and as tables.
 */
import { readFile } from 'node:fs/promises';
import { ANNOTATOR_NAMES, byTestId, expect, expectSynced, labelByKeys, localState, openDataset, openDemoItem, serverApi, signIn, test, type Account } from './fixtures/mejirushi';
import { DEMO_DATASET_NAME } from './fixtures/phantom';

test('an annotator’s credit after submitting, and a WG lead’s dashboard of the demo dataset', async ({ page, browser, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const users = await admin.listUsers();
  const annotatorId = users.find((user) => user.username === ANNOTATOR_NAMES.username)!.id;
  const firstAdminId = users.find((user) => user.username === mejirushi.admin.username)!.id;
  const demo = (await admin.listDatasets()).find((dataset) => dataset.name === DEMO_DATASET_NAME)!;

  // The annotator labels three slices and submits the series.
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await labelByKeys(page, ['1', '1', '2']);
  await expectSynced(page);
  const labelled = Object.keys((await localState(page)).labels).length;
  expect(labelled).toBeGreaterThanOrEqual(3);
  await byTestId(page, 'submit-item').click();
  await byTestId(page, 'submit-confirm-yes').click();
  await expect(byTestId(page, 'item-state')).toHaveAttribute('data-state', 'submitted');

  // Their certificate for the current month: one dataset, the item, the labels, nothing reviewed yet.
  await byTestId(page, 'nav-credit').click();
  await expect(page.locator('[data-testid="credit"][data-ready="true"]')).toBeVisible();
  await expect(byTestId(page, 'credit-person')).toContainText(ANNOTATOR_NAMES.displayName);
  const row = byTestId(page, `credit-row-${demo.id}`);
  await expect(row.locator('th')).toHaveText(DEMO_DATASET_NAME);
  await expect(row.locator('[data-figure="itemsWorked"]')).toHaveText('1');
  await expect(row.locator('[data-figure="targetsLabelled"]')).toHaveText(String(labelled));
  await expect(row.locator('[data-figure="approved"]')).toHaveText('0');
  await expect(byTestId(page, 'credit-hash')).toContainText(/[0-9a-f]{64}/);
  await expect(byTestId(page, 'credit-print')).toBeEnabled();

  const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'credit-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^credit-Yamada_Hanako-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
  expect(lines[0]).toBe('user_id,user,from,to,dataset_id,dataset,items_worked,targets_labelled,regions_drawn,records_authored,minutes_spent,approved,returned');
  expect(lines).toHaveLength(3);
  const [datasetRow, totalRow] = [lines[1]!.split(','), lines[2]!.split(',')];
  expect(datasetRow.slice(0, 2)).toEqual([annotatorId, ANNOTATOR_NAMES.displayName]);
  expect(datasetRow.slice(4, 9)).toEqual([demo.id, DEMO_DATASET_NAME, '1', String(labelled), '0']);
  expect(datasetRow.slice(11)).toEqual(['0', '0']);
  expect(totalRow.slice(4, 8)).toEqual(['', 'total', '1', String(labelled)]);

  // A plain WG lead who reads no demo item.
  const lead: Account = { username: 'tanaka', password: 'one-time-passphrase-lead', mustChangePassword: true };
  await admin.createUser({ username: lead.username, displayName: 'Tanaka Jiro', password: lead.password, roles: ['wgLead'] });
  const context = await browser.newContext({ baseURL: mejirushi.url });
  try {
    const leadPage = await context.newPage();
    await signIn(leadPage, lead);
    await openDataset(leadPage, DEMO_DATASET_NAME);
    await byTestId(leadPage, 'dataset-dashboard').click();
    await expect(byTestId(leadPage, 'dashboard-ready')).toBeAttached();
    const reader = (id: string, state: string) => byTestId(leadPage, `dashboard-reader-${id}`).locator(`[data-state="${state}"]`);
    await expect(reader(annotatorId, 'submitted')).toHaveText('1');
    await expect(reader(annotatorId, 'approved')).toHaveText('0');
    // The first admin reads the demo series too, and has not started.
    await expect(reader(firstAdminId, 'assigned')).toHaveText('1');
    await expect(byTestId(leadPage, 'dashboard-tile-waiting').locator('.dashboard-tile-value')).toHaveText('1');
    for (const chart of ['dashboard-readers-chart', 'dashboard-throughput-chart', 'dashboard-backlog-chart']) {
      await expect(byTestId(leadPage, chart)).toBeVisible();
      expect(await byTestId(leadPage, chart).evaluate((canvas) => (canvas as HTMLCanvasElement).width)).toBeGreaterThan(0);
    }
    const today = new Date().toISOString().slice(0, 10);
    await expect(byTestId(leadPage, `dashboard-day-${today}`).locator('[data-series="submits"]')).toHaveText('1');
    await expect(byTestId(leadPage, 'dashboard-backlog').locator('[data-bucket="underOneDay"] td')).toHaveText('1');
    // Loaded after the first paint: one reader handed in, so nothing to compare yet; the labels per question.
    await expect(leadPage.locator('[data-testid="dashboard-agreement"][data-ready="true"]')).toContainText('No item has two handed-in readers yet.');
    await expect(byTestId(leadPage, 'dashboard-question-sah').locator('td').first()).toHaveText(String(labelled));
  } finally {
    await context.close();
  }
});
