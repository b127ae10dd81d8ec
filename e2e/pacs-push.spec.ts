/**
 * A push of a dataset's exports to a real PACS (Orthanc) through the admin's *Push exports to a
 * PACS* form: the demo dataset's reader outlines blood on one slice (through the API); an admin
 * who reads none of it pushes that reader's SEG and SR, sees the push's progress, presses Cancel by keyboard while the
 * only page is on its way (it is held until then) and sees that page finish, both stored; the password typed is not
 * kept; a second push finds both already there: the PACS holds one copy of each. A cancel that stops before a second
 * page needs more than 20 items with exports (megabytes of phantom uploads here): pacsPushPages.test.ts covers it.
 */
import { DEMO_DATASET_NAME } from '../server/bootstrap';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../server/testing/orthanc';
import { encodeRuns } from '../src/core/mask';
import { maskId } from '../src/core/recordIds';
import { ANNOTATOR_NAMES, bearerToken, byTestId, expect, serverApi, signIn, test } from './fixtures/mejirushi';

if (!hasOrthanc()) console.log('pacs-push.spec.ts skipped: it needs Orthanc (apt-get install orthanc orthanc-dicomweb)');
test.skip(!hasOrthanc(), 'needs Orthanc');
// page.route must see the push's requests, which a service worker would otherwise answer for the page.
test.use({ serviceWorkers: 'block' });

test("an admin pushes a reader's SEG and SR to a PACS, watching its progress; a cancel lets the page in flight finish; pushing again sends nothing", async ({ page, mejirushi }) => {
  let orthanc: RunningOrthanc | null = null;
  try {
    orthanc = await startOrthanc();
    const admin = await serverApi(mejirushi.url, mejirushi.admin);
    const demo = (await admin.listDatasets()).find((dataset) => dataset.name === DEMO_DATASET_NAME);
    if (!demo) throw new Error('no demo dataset');
    const readerId = (await admin.listUsers()).find((user) => user.username === ANNOTATOR_NAMES.username)!.id;
    await bearerToken(mejirushi.url, mejirushi.annotator);
    const reader = await serverApi(mejirushi.url, mejirushi.annotator);
    const [first] = (await reader.listItems(demo.id)).items;
    const detail = await reader.getItem(first!.id);
    if (detail.item.content.kind !== 'series') throw new Error('the demo item is a series');
    const { rows, columns, slices } = detail.item.content;
    const labels = new Uint8Array(rows * columns);
    for (let r = 200; r < 240; r += 1) labels.fill(1, r * columns + 200, r * columns + 260);
    const targetId = slices[Math.floor(slices.length / 2)]!.targetId;
    const at = new Date().toISOString();
    const record = {
      type: 'mask' as const,
      id: maskId('sah-outline', targetId, 'sah.blood'),
      questionId: 'sah-outline',
      targetId,
      classCode: 'sah.blood',
      width: columns,
      height: rows,
      runs: encodeRuns(labels),
      provenance: { origin: { kind: 'human' as const }, createdAt: at, updatedAt: at, authors: [readerId] },
    };
    await reader.patchRecords(first!.id, { ops: [{ kind: 'put', id: record.id, baseVersion: 0, record }] }, 'push-outline');

    // The first admin reads the demo dataset too, so its readers' work is hidden from them (blinding): another admin pushes.
    const pusher = { username: 'pusher', password: 'one-time-passphrase-push', mustChangePassword: true };
    await admin.createUser({ username: pusher.username, displayName: 'Pusher', password: pusher.password, roles: ['admin'] });
    await signIn(page, pusher);
    await byTestId(page, 'nav-admin').click();
    await byTestId(page, 'pacs-push-dataset').selectOption({ label: demo.name });
    await byTestId(page, 'pacs-push-base-url').fill(orthanc.dicomWeb);
    // A password without a user is not sent (this Orthanc asks for none); the form must not keep it after the push.
    await byTestId(page, 'pacs-push-password').fill('not-kept');
    await byTestId(page, 'pacs-push-reader').selectOption({ label: ANNOTATOR_NAMES.displayName });

    // The first (and only) page is held on its way until the Cancel has been pressed: no race with the server.
    let releasePage!: () => void;
    let pageAsked!: () => void;
    const held = new Promise<void>((resolve) => (releasePage = resolve));
    const asked = new Promise<void>((resolve) => (pageAsked = resolve));
    await page.route('**/dicomweb-push', async (route) => {
      pageAsked();
      await held;
      await route.continue();
    });
    await byTestId(page, 'pacs-push-submit').click();
    await asked;
    const summary = byTestId(page, 'pacs-push-summary');
    await expect(summary).toHaveText('Pushing the first page of items…');
    await expect(byTestId(page, 'pacs-push-password')).toHaveValue('');
    const cancel = byTestId(page, 'pacs-push-cancel');
    await cancel.focus();
    await page.keyboard.press('Enter');
    await expect(cancel).toBeDisabled();
    await expect(summary).toHaveAttribute('data-phase', 'cancelling');
    releasePage();
    // The page in flight was the last one: the push ends done, not cancelled, and nothing is left to send.
    await expect(summary).toHaveAttribute('data-done', 'true');
    await expect(summary).toHaveText('Done, 1 of 1 items: 2 stored, 0 already in the PACS, 0 refused');
    await expect(byTestId(page, 'pacs-push-bar')).toHaveJSProperty('value', 1);
    await expect(cancel).toHaveCount(0);
    await expect(byTestId(page, 'pacs-push-report').locator('tbody tr[data-status="stored"]')).toHaveCount(2);
    expect(((await (await fetch(`${orthanc.url}/instances`)).json()) as string[]).length).toBe(2);
    await page.unroute('**/dicomweb-push');

    await byTestId(page, 'pacs-push-submit').click();
    await expect(summary).toHaveText('Done, 1 of 1 items: 0 stored, 2 already in the PACS, 0 refused');
    expect(((await (await fetch(`${orthanc.url}/instances`)).json()) as string[]).length).toBe(2);
  } finally {
    await orthanc?.stop();
  }
});
