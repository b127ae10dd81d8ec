/**
 * The app runs whole under its Content-Security-Policy (decoders' wasm and workers included),
 * patient images stay out of the browser's HTTP cache, and a refused request reaches the user as
 * a sentence, not as the server's message.
 */
import { expect, expectSliceShown, goToSlice, openDemoItem, signIn, test } from './fixtures/mejirushi';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

test('the viewer decodes and draws slices under the CSP, with no violation, and image files are not cached', async ({ page, mejirushi }) => {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const fileAnswers: (string | undefined)[] = [];
  page.on('response', (response) => {
    if (/\/api\/items\/[^/]+\/files\//.test(response.url())) fileAnswers.push(response.headers()['cache-control']);
  });

  const shell = await page.request.get('/');
  expect(shell.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(await shell.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  await expectSliceShown(page, 0);
  await goToSlice(page, 5);
  await expectSliceShown(page, 5);

  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  expect(fileAnswers.length).toBeGreaterThan(0);
  for (const cacheControl of fileAnswers) expect(cacheControl).toBe('private, no-store');
});

test('a refused request shows a sentence in the user language, not the server message', async ({ page, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  await page.goto('/datasets/not-a-dataset-id');
  const error = page.getByTestId('items-error');
  await expect(error).toHaveAttribute('data-error-code', 'invalid_input');
  await expect(error).toHaveText('Some of what was entered is not valid, or this link does not point to anything. Please check and try again.');
  await expect(error).not.toContainText('UUID');
});
