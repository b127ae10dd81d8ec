/**
 * Issue 9's whole scenario, each step by a separate plain user in their own browser: a WG lead
 * assigns the demo CT series to three annotators on the admin screen; they read it (A wrong on two
 * slices, C on one) and hand it in; the reviewer compares them from the queue, returns A with a
 * comment pinned to a slice; A fixes and resubmits; the reviewer approves A (actions counted and
 * printed) and B; the lead reads agreement on the dashboard, adjudicates C's difference and makes
 * release 1; the reviewer then returns C, who fixes it, and approves; release 2 differs, release 1's
 * files stay byte-identical.
 */
import type { Page } from '@playwright/test';
import {
  byTestId,
  DEMO_DATASET_NAME,
  expect,
  expectSliceShown,
  goToSlice,
  keyFor,
  labelByKeys,
  openDataset,
  openDemoItem,
  phantomTruth,
  serverApi,
  test,
  truthClass,
  type Account,
} from './fixtures/mejirushi';
import { differingSlices, downloadReleaseFiles, expectReviewReady, openFromQueue, pageAs, readAndSubmit, readerState, returnWithComment, submitItem, wrongClass } from './fixtures/review';

/** The slices every reader labels: both classes occur, so agreement is defined. */
const READ = [4, 5, 6, 7, 8, 9];
/** A reads these wrong at first; C reads ADJUDICATED wrong until the reviewer returns it. */
const A_WRONG = [5, 7];
const ADJUDICATED = 8;
const reading = (wrongAt: readonly number[]) => (index: number) => (wrongAt.includes(index) ? wrongClass(truthClass(index)) : truthClass(index));

/** As a returned reader: opens the series, follows the one comment to its slice, relabels the given slices, resubmits. */
async function fixReturned(page: Page, comment: string, fixes: readonly number[]): Promise<void> {
  await openDemoItem(page);
  const notice = byTestId(page, 'returned-notice');
  await expect(notice).toBeVisible();
  const thread = notice.locator('[data-testid^="comment-thread-"]');
  await expect(thread).toHaveCount(1);
  await expect(thread).toContainText(comment);
  const threadId = (await thread.getAttribute('data-testid'))!.replace('comment-thread-', '');
  await byTestId(page, `comment-jump-${threadId}`).click();
  await expectSliceShown(page, fixes[0]!);
  for (const index of fixes) {
    await goToSlice(page, index);
    await labelByKeys(page, [keyFor(truthClass(index))]);
  }
  await submitItem(page);
}

async function makeRelease(page: Page, number: number): Promise<void> {
  const releases = page.locator('[data-testid="releases"][data-ready="true"]');
  await expect(releases).toBeVisible();
  await byTestId(page, 'release-make').click();
  await expect(byTestId(page, `release-row-${number}`)).toBeVisible();
  await expect(releases).toBeVisible();
}

interface ReleasedRecords {
  items: { id: string; source: string; records: { record: { targetId: string; classCodes: string[] }; basis: string }[] }[];
}

test('issue 9 end to end: assign, read, review and return, fix, approve, dashboard, adjudicate, release, later edit', async ({ browser, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const account = (username: string): Account => ({ username, password: 'one-time-passphrase', mustChangePassword: true });
  const accounts = { a: account('aoki'), b: account('baba'), c: account('chiba'), reviewer: account('mori'), lead: account('sato') };
  const a = await admin.createUser({ username: 'aoki', displayName: 'Aoki Aya', password: accounts.a.password, roles: ['annotator'] });
  const b = await admin.createUser({ username: 'baba', displayName: 'Baba Ben', password: accounts.b.password, roles: ['annotator'] });
  const c = await admin.createUser({ username: 'chiba', displayName: 'Chiba Chie', password: accounts.c.password, roles: ['annotator'] });
  await admin.createUser({ username: 'mori', displayName: 'Mori Aiko', password: accounts.reviewer.password, roles: ['reviewer'] });
  await admin.createUser({ username: 'sato', displayName: 'Sato Kenji', password: accounts.lead.password, roles: ['wgLead'] });
  const uids = phantomTruth().sopInstanceUids;

  // The WG lead assigns the series to the three annotators by hand on the admin screen.
  const lead = await pageAs(browser, mejirushi.url, accounts.lead);
  await byTestId(lead, 'nav-admin').click();
  const panel = byTestId(lead, 'admin-assign');
  await panel.getByTestId('assign-dataset').selectOption({ label: DEMO_DATASET_NAME });
  for (const name of ['aoki', 'baba', 'chiba']) await panel.getByTestId(`assign-reader-${name}`).check();
  await panel.getByTestId('assign-strategy').selectOption('everyReader');
  await panel.getByTestId('assign-submit').click();
  for (const name of ['Aoki Aya', 'Baba Ben', 'Chiba Chie']) await expect(byTestId(lead, 'assign-result')).toContainText(`${name}: 1 new`);

  // 1. Three readers: A wrong on two slices, B right, C agreeing with B but on one slice.
  const pageA = await pageAs(browser, mejirushi.url, accounts.a);
  const itemId = await readAndSubmit(pageA, READ, reading(A_WRONG));
  await pageA.context().close();
  for (const [who, wrongAt] of [[accounts.b, []], [accounts.c, [ADJUDICATED]]] as const) {
    const page = await pageAs(browser, mejirushi.url, who);
    await readAndSubmit(page, READ, reading(wrongAt));
    await page.context().close();
  }

  // 2. The reviewer opens A's row from the queue: every layer, the differing slices exactly; returns A pinned to the first.
  const reviewer = await pageAs(browser, mejirushi.url, accounts.reviewer);
  const reviewerApi = await serverApi(mejirushi.url, accounts.reviewer);
  await openFromQueue(reviewer, itemId, a.id);
  for (const reader of [a, b, c]) await expect(byTestId(reviewer, `review-layer-${reader.id}`)).toBeChecked();
  expect(await differingSlices(reviewer)).toEqual([...A_WRONG, ADJUDICATED]);
  await expectSliceShown(reviewer, A_WRONG[0]!);
  const commentA = `Slices ${A_WRONG.map((i) => i + 1).join(' and ')}: look again at the blood.`;
  await returnWithComment(reviewer, a.id, commentA);
  expect(await readerState(reviewerApi, itemId, a.id)).toBe('returned');

  // 3. A sees the notice and the comment, jumps to its slice, fixes both, resubmits.
  const pageA2 = await pageAs(browser, mejirushi.url, accounts.a);
  await fixReturned(pageA2, commentA, A_WRONG);
  await pageA2.context().close();

  // 4. The reviewer approves A from the queue (actions counted from the queue), then B.
  await byTestId(reviewer, 'nav-review').click();
  await expect(reviewer.locator('[data-testid="review-queue"][data-ready="true"]')).toBeVisible();
  let actions = 0;
  await byTestId(reviewer, `review-row-${itemId}-${a.id}`).getByRole('link').click();
  actions += 1;
  await expectReviewReady(reviewer, a.id);
  expect(await differingSlices(reviewer)).toEqual([ADJUDICATED]);
  await reviewer.keyboard.press('a');
  actions += 1;
  await expect.poll(() => readerState(reviewerApi, itemId, a.id)).toBe('approved');
  console.log(`REVIEW approve-actions=${actions}`);
  expect(actions).toBeLessThanOrEqual(2);
  await openFromQueue(reviewer, itemId, b.id);
  await reviewer.keyboard.press('a');
  await expect.poll(() => readerState(reviewerApi, itemId, b.id)).toBe('approved');

  // 5. The lead's dashboard: a row per reader, and an agreement figure once it loads.
  await lead.goto('/');
  await openDataset(lead, DEMO_DATASET_NAME);
  await byTestId(lead, 'dataset-dashboard').click();
  await expect(byTestId(lead, 'dashboard-ready')).toBeAttached();
  const readerCell = (id: string, state: string) => byTestId(lead, `dashboard-reader-${id}`).locator(`[data-state="${state}"]`);
  await expect(readerCell(a.id, 'approved')).toHaveText('1');
  await expect(readerCell(b.id, 'approved')).toHaveText('1');
  await expect(readerCell(c.id, 'submitted')).toHaveText('1');
  const agreement = lead.locator('[data-testid="dashboard-agreement"][data-ready="true"]');
  await expect(agreement.locator('[data-testid^="dashboard-agreement-sah-"] td').nth(2)).toHaveText(/^-?\d\.\d{3}$/);

  // 6. The lead settles the one slice C still differs on (B's answer), makes release 1 and downloads it.
  await lead.goto('/');
  await openDataset(lead, DEMO_DATASET_NAME);
  await byTestId(lead, `item-adjudicate-${itemId}`).click();
  const adjudication = lead.locator('[data-testid="adjudication"][data-ready="true"]');
  await expect(adjudication).toBeVisible();
  await expect(byTestId(lead, 'adjudication-progress')).toHaveAttribute('data-total', '1');
  await byTestId(lead, `adjudication-unit-sah-${uids[ADJUDICATED]}`).getByTestId(`adjudication-pick-${b.id}`).click();
  await expect(byTestId(lead, 'adjudication')).toHaveAttribute('data-complete', 'true');
  await expect(adjudication).toBeVisible();
  await byTestId(lead, 'adjudication-releases').click();
  await makeRelease(lead, 1);
  const release1 = await downloadReleaseFiles(lead, 1);
  const records1 = JSON.parse(release1.get('records.json')!.toString('utf8')) as ReleasedRecords;
  expect(records1.items.map((item) => [item.id, item.source])).toEqual([[itemId, 'consensus']]);
  const settled1 = records1.items[0]!.records.find((entry) => entry.record.targetId === uids[ADJUDICATED]);
  expect(settled1).toMatchObject({ basis: 'picked', record: { classCodes: [truthClass(ADJUDICATED)] } });

  // 7. A later edit: the reviewer returns C on that slice; C fixes it; approved; release 2.
  await openFromQueue(reviewer, itemId, c.id);
  expect(await differingSlices(reviewer)).toEqual([ADJUDICATED]);
  await expectSliceShown(reviewer, ADJUDICATED);
  const commentC = `Slice ${ADJUDICATED + 1}: there is blood here.`;
  await returnWithComment(reviewer, c.id, commentC);
  // The reviewer stays on the queue meanwhile: its Review link then brings C's resubmission in.
  await expect(reviewer.locator('[data-testid="review-queue"][data-ready="true"]')).toBeVisible();
  const pageC = await pageAs(browser, mejirushi.url, accounts.c);
  await fixReturned(pageC, commentC, [ADJUDICATED]);
  await pageC.context().close();
  await openFromQueue(reviewer, itemId, c.id);
  expect(await differingSlices(reviewer)).toEqual([]);
  await reviewer.keyboard.press('a');
  await expect.poll(() => readerState(reviewerApi, itemId, c.id)).toBe('approved');

  await lead.reload();
  await makeRelease(lead, 2);
  const release2 = await downloadReleaseFiles(lead, 2);
  const records2 = JSON.parse(release2.get('records.json')!.toString('utf8')) as ReleasedRecords;
  expect(release2.get('records.json')!.equals(release1.get('records.json')!)).toBe(false);
  // Every reader now agrees on the slice the lead had to settle.
  expect(records2.items[0]!.records.find((entry) => entry.record.targetId === uids[ADJUDICATED])).toMatchObject({ basis: 'agreed', record: { classCodes: [truthClass(ADJUDICATED)] } });
  const again = await downloadReleaseFiles(lead, 1);
  for (const [name, bytes] of release1) expect(again.get(name)!.equals(bytes), name).toBe(true);
  await Promise.all([lead.context().close(), reviewer.context().close()]);
});
