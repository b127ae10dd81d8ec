import {
  byTestId,
  expect,
  expectSynced,
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
} from './fixtures/mejirushi';

const WRITE = /\/api\/items\/[^/]+\/annotations\/me$/;
const keysFor = (slices: readonly number[]) => slices.map((i) => keyFor(truthClass(i)));

test('the server dies mid-sync: labelling goes on, and after a restart nothing is lost or doubled', async ({ page, mejirushi }) => {
  const writeKeys = recordWriteKeys(page);
  await signIn(page, mejirushi.annotator);
  const itemId = await openDemoItem(page);

  await labelByKeys(page, keysFor([0, 1, 2]));
  await settled(page);
  await expectSynced(page);

  // The next write reaches the server and is applied, then the server dies before answering:
  // the client cannot know whether it landed.
  let appliedStatus = 0;
  let crashDone: ((key: string) => void) | null = null;
  const crashed = new Promise<string>((resolve) => {
    crashDone = resolve;
  });
  await page.route(WRITE, async (route) => {
    const done = crashDone;
    if (route.request().method() !== 'PATCH' || !done) return route.fallback();
    crashDone = null;
    appliedStatus = (await route.fetch()).status();
    await mejirushi.server.kill();
    await route.abort('connectionreset');
    done(route.request().headers()['idempotency-key'] ?? '');
  });
  const replayed: string[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'PATCH' && response.headers()['idempotent-replayed'] === 'true') {
      replayed.push(response.request().headers()['idempotency-key'] ?? '');
    }
  });
  await labelByKeys(page, keysFor([3]));
  const crashedOn = await crashed;
  expect(appliedStatus).toBe(200);
  expect(crashedOn).not.toBe('');

  // Labelling never waits for the server.
  await labelByKeys(page, keysFor([4, 5, 6, 7, 8]));
  await expect(page.getByTestId('item-page')).toHaveAttribute('data-editable', 'true');
  await expect(syncBadge(page)).toHaveAttribute('data-status', 'offline');
  await settled(page);
  expect(await pendingCount(page)).toBeGreaterThan(0);
  const labelled = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  expect((await stripClasses(page)).slice(0, 10)).toEqual([...labelled.map(truthClass), '']);

  await mejirushi.server.start();
  await page.evaluate(() => window.__mejirushi?.retryNow());
  await settled(page);
  await expectSynced(page);

  const api = await serverApi(mejirushi.url, mejirushi.annotator);
  const expected = truthLabels(labelled);
  expect((await localState(page)).labels).toEqual(expected);
  expect(await serverLabels(api, itemId)).toEqual(expected);

  const opIds = (await api.listRevisions(itemId)).map((r) => r.opId);
  expect(new Set(opIds).size).toBe(opIds.length);
  expect(opIds.filter((id) => id === crashedOn)).toHaveLength(1);
  // The lost answer was asked for again under the same key and answered from the stored result.
  expect(replayed).toContain(crashedOn);
  expect([...opIds].sort()).toEqual([...new Set(writeKeys)].sort());
  await expect(byTestId(page, 'series-answer')).toHaveAttribute('data-answer', 'sah.present');
});
