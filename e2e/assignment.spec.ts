/**
 * A WG lead (not an admin) assigns the demo dataset to two readers from the admin screen, which
 * shows them only the assignment; the second reader then finds the item with its due date.
 */
import { ANNOTATOR_NAMES, byTestId, expect, openDataset, serverApi, signIn, test, type Account } from './fixtures/mejirushi';
import { DEMO_DATASET_NAME } from './fixtures/phantom';

test('a WG lead assigns the demo dataset to two readers by hand, with a due date', async ({ page, browser, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const lead: Account = { username: 'sato', password: 'one-time-passphrase-lead', mustChangePassword: true };
  const reader: Account = { username: 'suzuki', password: 'one-time-passphrase-reader', mustChangePassword: true };
  await admin.createUser({ username: lead.username, displayName: 'Sato Kenji', password: lead.password, roles: ['wgLead'] });
  await admin.createUser({ username: reader.username, displayName: 'Suzuki Ichiro', password: reader.password, roles: ['annotator'] });

  await signIn(page, lead);
  await byTestId(page, 'nav-admin').click();
  const panel = byTestId(page, 'admin-assign');
  await expect(panel).toBeVisible();
  // Accounts, uploads and models are the admin's, not the lead's.
  await expect(byTestId(page, 'admin-users')).toHaveCount(0);
  await panel.getByTestId('assign-dataset').selectOption({ label: DEMO_DATASET_NAME });
  await panel.getByTestId(`assign-reader-${ANNOTATOR_NAMES.username}`).check();
  await panel.getByTestId(`assign-reader-${reader.username}`).check();
  // The demo series has two readers already (the first admin and the fixture's annotator), so
  // spreading it two per item adds nobody: the lead names the readers by hand.
  await panel.getByTestId('assign-strategy').selectOption('roundRobin');
  await expect(panel.getByTestId('assign-readers-per-item')).toBeVisible();
  await panel.getByTestId('assign-strategy').selectOption('everyReader');
  await panel.getByTestId('assign-due-date').fill('2099-12-31');
  await panel.getByTestId('assign-submit').click();
  // The fixture's annotator reads the item already: only the new reader is added.
  await expect(byTestId(page, 'assign-result')).toContainText('Suzuki Ichiro: 1 new');
  await expect(byTestId(page, 'assign-result')).toContainText(`${ANNOTATOR_NAMES.displayName}: 0 new`);

  const readerContext = await browser.newContext({ baseURL: mejirushi.url });
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, reader);
  await openDataset(readerPage, DEMO_DATASET_NAME);
  const due = readerPage.locator('[data-testid^="item-due-"]');
  await expect(due).toHaveCount(1);
  await expect(due).toHaveAttribute('data-due', 'upcoming');
  await readerContext.close();
});
