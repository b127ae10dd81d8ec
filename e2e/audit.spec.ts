import { ANNOTATOR_NAMES, byTestId, expect, expectSynced, labelByKeys, openDemoItem, serverApi, signIn, test, type Account } from './fixtures/mejirushi';

test('an admin finds an annotator’s labelled write in the audit log and sees the chain verified', async ({ page, browser, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await labelByKeys(page, ['1']);
  await expectSynced(page);

  // An admin who reads no item: the first admin reads the demo series, and a reader of an item is
  // blinded to the other readers' writes of it, in the audit log too.
  const auditor: Account = { username: 'kansa', password: 'one-time-passphrase-audit', mustChangePassword: true };
  await (await serverApi(mejirushi.url, mejirushi.admin)).createUser({ username: auditor.username, displayName: 'Kansa Taro', password: auditor.password, roles: ['admin'] });
  const context = await browser.newContext({ baseURL: mejirushi.url });
  try {
    const admin = await context.newPage();
    await signIn(admin, auditor);
    await byTestId(admin, 'nav-admin').click();
    await byTestId(admin, 'audit-open').click();
    const panel = byTestId(admin, 'audit-panel');
    await expect(panel).toHaveAttribute('data-ready', 'true');
    await expect(byTestId(admin, 'audit-row').first()).toBeVisible();

    await byTestId(admin, 'audit-user').selectOption({ label: `${ANNOTATOR_NAMES.displayName} (${ANNOTATOR_NAMES.username})` });
    await byTestId(admin, 'audit-action').fill('annotation.');
    await byTestId(admin, 'audit-apply').click();
    const rows = byTestId(admin, 'audit-row');
    // Once the filtered page is in, only that user's annotation writes are listed.
    await expect.poll(async () => [...new Set(await rows.getByTestId('audit-row-user').allTextContents())]).toEqual([ANNOTATOR_NAMES.displayName]);
    await expect.poll(async () => [...new Set(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-action'))))]).toEqual(['annotation.batch']);
    await expect(panel).toHaveAttribute('data-ready', 'true');

    await byTestId(admin, 'audit-verify').click();
    await expect(byTestId(admin, 'audit-verdict')).toHaveAttribute('data-ok', 'true');
    await expect(byTestId(admin, 'audit-verdict')).toContainText('Chain intact');
  } finally {
    await context.close();
  }
});
