import {
  byTestId,
  expect,
  expectSliceShown,
  expectSynced,
  goToSlice,
  keyFor,
  labelByKeys,
  localState,
  openDemoItem,
  pendingCount,
  recordWriteKeys,
  serverApi,
  serverLabels,
  settled,
  signIn,
  stripClasses,
  syncBadge,
  test,
  truthClass,
  truthLabels,
  waitForItem,
} from './fixtures/mejirushi';

const FIRST = 4;
const SLICES = [4, 5, 6, 7, 8]; // two without and three with the bleed

test('labels made offline survive an offline reload and reach the server exactly once', async ({ page, context, mejirushi }) => {
  const writeKeys = recordWriteKeys(page);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const frames = { attached: 0, detached: 0, requests: [] as string[] };
  page.on('frameattached', () => (frames.attached += 1));
  page.on('framedetached', () => (frames.detached += 1));
  page.on('request', (request) => {
    // The worker's own fetches (its precache) belong to no frame.
    if (!request.serviceWorker() && request.frame() !== page.mainFrame()) frames.requests.push(new URL(request.url()).pathname);
  });
  await signIn(page, mejirushi.annotator);
  // The worker must control the page before the series is read, so its files are kept for offline use.
  await expect(page.locator('html[data-sw-ready="true"]')).toBeAttached();
  // The first page the worker controls loads its chunks once more through it at idle (codeWarmup.ts),
  // in a frame that came and went, running only chunks that cannot start the app: it asked for chunks
  // only (an app started there would ask the server for its session and data), and nothing failed.
  await expect(page.locator('html')).toHaveAttribute('data-code-warmed', /^[1-9]\d*$/);
  expect(frames).toMatchObject({ attached: 1, detached: 1 });
  expect(page.frames()).toHaveLength(1);
  expect(frames.requests.length).toBeGreaterThan(0);
  expect(frames.requests.filter((path) => !/^\/assets\/[^/]+\.js$/.test(path))).toEqual([]);
  await expect(page.locator('#root')).toHaveCount(1);
  expect(consoleErrors).toEqual([]);
  const itemId = await openDemoItem(page);
  // The reader looks at the slices before the network goes (a slice never shown takes no label),
  // so their files are kept for offline use; then starts labelling at the first.
  for (const index of [...SLICES].reverse()) {
    await goToSlice(page, index);
    await expectSliceShown(page, index);
  }

  await context.setOffline(true);
  await expect(byTestId(page, 'offline-banner')).toBeVisible();
  await labelByKeys(page, SLICES.map((i) => keyFor(truthClass(i))));
  const expectedStrip = (await stripClasses(page)).map((_, i) => (SLICES.includes(i) ? truthClass(i) : ''));
  expect(await stripClasses(page)).toEqual(expectedStrip);
  await expect(syncBadge(page)).toHaveAttribute('data-status', 'offline');
  await settled(page);
  expect(await pendingCount(page)).toBeGreaterThan(0);

  // The app, the labels and the images all come back without a network.
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await waitForItem(page);
  await expect(byTestId(page, 'offline-banner')).toBeVisible();
  expect(await stripClasses(page)).toEqual(expectedStrip);
  await goToSlice(page, FIRST);
  await expectSliceShown(page, FIRST);
  expect(await pendingCount(page)).toBeGreaterThan(0);
  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  expect(await serverLabels(api, itemId)).toEqual({});

  // The item list says the same: the labels are on this device only, and its progress counts them.
  await byTestId(page, 'back-to-items').click();
  await expect(page.locator('[data-testid="item-list"][data-ready="true"]')).toBeVisible();
  const listed = byTestId(page, `item-sync-${itemId}`);
  await expect(listed).toHaveAttribute('data-status', 'offline');
  await expect(byTestId(page, `item-progress-${itemId}`)).toHaveAttribute('data-labelled', String(SLICES.length));

  await context.setOffline(false);
  await expect(listed).toHaveAttribute('data-status', 'synced');
  await settled(page);
  const expected = truthLabels(SLICES);
  expect(await serverLabels(api, itemId)).toEqual(expected);
  await byTestId(page, `item-link-${itemId}`).click();
  await waitForItem(page);
  await expectSynced(page);
  expect((await localState(page)).labels).toEqual(expected);

  // Exactly once: each write the client sent (one idempotency key each, however often retried)
  // is one revision on the server, and no revision comes from anywhere else.
  const revisions = await api.listRevisions(itemId);
  const opIds = revisions.map((r) => r.opId);
  expect(new Set(opIds).size).toBe(opIds.length);
  expect([...opIds].sort()).toEqual([...new Set(writeKeys)].sort());
});
