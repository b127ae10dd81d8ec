/**
 * A push of a dataset's exports to a real PACS (Orthanc) through the admin's *Push exports to a
 * PACS* form: the demo dataset's reader outlines blood on one slice (through the API); an admin
 * who reads none of it pushes that reader's SEG and SR, sees both stored, and a second push finds both already there:
 * the PACS holds one copy of each.
 */
import { DEMO_DATASET_NAME } from '../server/bootstrap';
import { hasOrthanc, startOrthanc, type RunningOrthanc } from '../server/testing/orthanc';
import { encodeRuns } from '../src/core/mask';
import { maskId } from '../src/core/recordIds';
import { ANNOTATOR_NAMES, bearerToken, byTestId, expect, serverApi, signIn, test } from './fixtures/mejirushi';

if (!hasOrthanc()) console.log('pacs-push.spec.ts skipped: it needs Orthanc (apt-get install orthanc orthanc-dicomweb)');
test.skip(!hasOrthanc(), 'needs Orthanc');

test("an admin pushes a reader's SEG and SR to a PACS; pushing again sends nothing", async ({ page, mejirushi }) => {
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
    await byTestId(page, 'pacs-push-reader').selectOption({ label: ANNOTATOR_NAMES.displayName });
    await byTestId(page, 'pacs-push-submit').click();
    const summary = byTestId(page, 'pacs-push-summary');
    await expect(summary).toHaveAttribute('data-done', 'true');
    await expect(summary).toHaveText('1 items done: 2 stored, 0 already in the PACS, 0 refused');
    await expect(byTestId(page, 'pacs-push-report').locator('tbody tr[data-status="stored"]')).toHaveCount(2);
    expect(((await (await fetch(`${orthanc.url}/instances`)).json()) as string[]).length).toBe(2);

    await byTestId(page, 'pacs-push-submit').click();
    await expect(summary).toHaveText('1 items done: 0 stored, 2 already in the PACS, 0 refused');
    expect(((await (await fetch(`${orthanc.url}/instances`)).json()) as string[]).length).toBe(2);
  } finally {
    await orthanc?.stop();
  }
});
