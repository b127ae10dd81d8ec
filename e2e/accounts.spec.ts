import { byTestId, DEMO_DATASET_NAME, expect, signIn, test } from './fixtures/mejirushi';

test('an admin disables an annotator who is signed in elsewhere: their next step leads to the login page, which says why', async ({ browser, mejirushi }) => {
  const annotatorContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const reader = await annotatorContext.newPage();
    await signIn(reader, mejirushi.annotator);

    const admin = await adminContext.newPage();
    await signIn(admin, mejirushi.admin);
    await byTestId(admin, 'nav-admin').click();
    const row = byTestId(admin, `user-row-${mejirushi.annotator.username}`);
    await expect(row).toHaveAttribute('data-disabled', 'false');
    // The reader's live session is listed, from the browser it came from.
    await row.getByTestId('user-sessions-open').click();
    const sessions = admin.locator('[data-testid="user-sessions"][data-ready="true"]');
    await expect(sessions.getByTestId('session-row')).toHaveCount(1);
    await expect(sessions.getByTestId('session-row')).toContainText('127.0.0.1');
    await row.getByTestId('user-disable').click();
    await expect(row).toHaveAttribute('data-disabled', 'true');
    await expect(row.getByTestId('user-status')).toHaveText('Disabled');

    // The reader's next step: opening a dataset.
    await reader.getByRole('link', { name: DEMO_DATASET_NAME, exact: true }).click();
    await expect(byTestId(reader, 'login-form')).toBeVisible();
    await expect(byTestId(reader, 'login-notice')).toHaveText(
      'An administrator has disabled your account, so you were signed out. Labels not yet sent are kept on this device.',
    );
    await byTestId(reader, 'login-username').fill(mejirushi.annotator.username);
    await byTestId(reader, 'login-password').fill(mejirushi.annotator.password);
    await byTestId(reader, 'login-submit').click();
    await expect(byTestId(reader, 'login-error')).toHaveText('This account has been disabled. Please ask your administrator.');

    // Enabled again, the reader signs in and lands where they were going.
    await row.getByTestId('user-enable').click();
    await expect(row).toHaveAttribute('data-disabled', 'false');
    await byTestId(reader, 'login-submit').click();
    await expect(reader.locator('[data-testid="item-list"][data-ready="true"]')).toBeVisible();
  } finally {
    await annotatorContext.close();
    await adminContext.close();
  }
});

test('after five wrong passwords the login page says how long to wait, and the right password waits too', async ({ page, mejirushi }) => {
  await page.goto('/');
  await byTestId(page, 'login-username').fill(mejirushi.annotator.username.toUpperCase());
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await byTestId(page, 'login-password').fill(`not my password ${attempt}`);
    await byTestId(page, 'login-submit').click();
    await expect(byTestId(page, 'login-error')).toHaveText('Wrong user name or password.');
    await expect(byTestId(page, 'login-submit')).toBeEnabled();
  }
  await byTestId(page, 'login-password').fill('not my password 5');
  await byTestId(page, 'login-submit').click();
  const locked = 'Too many failed sign-ins. Sign-in is paused: please try again in 60 seconds.';
  await expect(byTestId(page, 'login-error')).toHaveText(locked);
  await byTestId(page, 'login-password').fill(mejirushi.annotator.password);
  await byTestId(page, 'login-submit').click();
  await expect(byTestId(page, 'login-error')).toHaveText(/^Too many failed sign-ins\. Sign-in is paused: please try again in \d+ seconds\.$/);
  await expect(byTestId(page, 'login-form')).toBeVisible();
});

test('an admin creates an account and resets its password: each one-time password signs in once and must be replaced', async ({ browser, mejirushi }) => {
  const adminContext = await browser.newContext();
  const readerContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await signIn(admin, mejirushi.admin);
    await byTestId(admin, 'nav-admin').click();
    await byTestId(admin, 'new-user-username').fill('tanaka');
    await byTestId(admin, 'new-user-display-name').fill('Tanaka Ichiro');
    await byTestId(admin, 'new-user-submit').click();
    await expect(byTestId(admin, 'one-time-password')).toContainText('User tanaka was created.');
    const first = await byTestId(admin, 'one-time-password-value').innerText();

    const reader = await readerContext.newPage();
    const account = { username: 'tanaka', password: first, mustChangePassword: true };
    await signIn(reader, account);

    const row = byTestId(admin, 'user-row-tanaka');
    await row.getByTestId('user-reset-password').click();
    await expect(byTestId(admin, 'one-time-password')).toContainText('The password of tanaka was reset and their sessions ended.');
    const second = await byTestId(admin, 'one-time-password-value').innerText();
    expect(second).not.toBe(first);
    await row.getByTestId('user-sessions-open').click();
    await expect(admin.locator('[data-testid="user-sessions"][data-ready="true"]').getByTestId('sessions-empty')).toBeVisible();

    // The reader's session ended with the reset; the new one-time password signs in and must be replaced.
    await reader.reload();
    await expect(byTestId(reader, 'login-form')).toBeVisible();
    await signIn(reader, { username: 'TANAKA', password: second, mustChangePassword: true });
  } finally {
    await adminContext.close();
    await readerContext.close();
  }
});
