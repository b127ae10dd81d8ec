import { ANNOTATOR_NAMES, byTestId, expect, expectSynced, labelByKeys, openDemoItem, signIn, test } from './fixtures/mejirushi';

test('an admin finds an annotator’s labelled write in the audit log and sees the chain verified', async ({ page, browser, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await labelByKeys(page, ['1']);
  await expectSynced(page);

  const context = await browser.newContext({ baseURL: mejirushi.url });
  try {
    const admin = await context.newPage();
    await signIn(admin, mejirushi.admin);
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
