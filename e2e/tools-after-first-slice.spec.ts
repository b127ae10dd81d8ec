import { byTestId, expect, expectSliceShown, keyFor, openDemoItem, SAH_PRESENT, signIn, stripClasses, stroke, test, waitForItem } from './fixtures/mejirushi';

// Cornerstone's tools are a chunk of their own, asked for once the first slice is drawn
// (src/viewer/lazyTools.ts). Held back here, as on a slow link: keys pressed meanwhile are not lost.
test('keys pressed before the image tools arrive: a label key labels at once, a reading tool picked holds once they load', async ({ page, browser, mejirushi }) => {
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);
  // No service worker, so every asset request goes through the route below.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const reader = await context.newPage();
    await signIn(reader, mejirushi.annotator);
    let toolsAsked = false;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await reader.route(/\/assets\/tools-[^/]*\.js$/, async (route) => {
      toolsAsked = true;
      await released;
      await route.continue();
    });
    await reader.goto(`/items/${itemId}`);
    await waitForItem(reader);
    await expect.poll(() => toolsAsked).toBe(true);

    // Label keys need no Cornerstone tool.
    await reader.keyboard.press(keyFor(SAH_PRESENT));
    await expect.poll(async () => (await stripClasses(reader))[0]).toBe(SAH_PRESENT);
    await expectSliceShown(reader, 1);
    // The length tool picked while the tools are still on their way: the toolbar shows it at once.
    await reader.keyboard.press('l');
    await expect(byTestId(reader, 'reading-tool-length')).toHaveAttribute('aria-pressed', 'true');

    release();
    // Not pressed again: the choice made before the tools loaded is the left button's once they do.
    await expect(async () => {
      // A 200 image px line across the middle row.
      await stroke(reader, [156, 256], [356, 256]);
      await expect(byTestId(reader, 'measurement-length')).toHaveCount(1, { timeout: 2_000 });
    }).toPass();
  } finally {
    await context.close();
  }
});
