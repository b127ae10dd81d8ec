import { expect, expectSliceShown, openDemoItem, signIn, test } from './fixtures/mejirushi';

// The mouse tools (wheel scroll, window/level drag, pan, zoom) attach after the first slice is
// drawn; the keyboard and the toolbar work from the start.
test('wheel, drag, pan, zoom, presets and reset work with the mouse as a radiologist uses them', async ({ page, mejirushi }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await signIn(page, mejirushi.annotator);
  await openDemoItem(page);
  const viewer = page.getByTestId('series-viewer');
  await expect(viewer).toHaveAttribute('data-ready', 'true');
  const box = await page.locator('.sv-viewport').boundingBox();
  if (!box) throw new Error('the viewport has no box');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const centre = () => page.evaluate(() => window.__mejirushiViewer!.imageToCanvas(256, 256));

  const start = Number(await viewer.getAttribute('data-slice-index'));
  await page.mouse.move(cx, cy);
  // Each poll turns the wheel once more, until the tools have attached and the slice moves.
  await expect
    .poll(async () => {
      await page.mouse.wheel(0, 100);
      return Number(await viewer.getAttribute('data-slice-index'));
    })
    .toBeGreaterThan(start);
  await expectSliceShown(page, Number(await viewer.getAttribute('data-slice-index')));

  const fileWindow = (await viewer.getAttribute('data-voi')) ?? '';
  const before = await centre();
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy + 40, { steps: 5 });
  await page.mouse.up();
  await expect(viewer).not.toHaveAttribute('data-voi', fileWindow);

  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(cx + 50, cy + 30, { steps: 5 });
  await page.mouse.up({ button: 'middle' });
  await expect(viewer).toHaveAttribute('data-ready', 'true');
  const panned = await centre();
  expect(panned).not.toEqual(before);

  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'right' });
  await page.mouse.move(cx, cy + 60, { steps: 5 });
  await page.mouse.up({ button: 'right' });
  await expect(viewer).toHaveAttribute('data-ready', 'true');
  expect(await centre()).not.toEqual(panned);

  await page.getByTestId('viewer-preset-brain').click();
  await expect(viewer).toHaveAttribute('data-voi', '80/40');
  await page.getByTestId('viewer-reset').click();
  await expect(viewer).toHaveAttribute('data-voi', fileWindow);
  await expect.poll(centre).toEqual(before);
  expect(consoleErrors).toEqual([]);
});
