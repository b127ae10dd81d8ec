/**
 * Issue 9, adjudication to release: two plain annotators label the demo CT series differently and
 * hand it in (through the API); a plain WG lead settles every differing slice on the adjudication
 * screen (the selected slice's image beside the list), makes release 1 on the releases screen and downloads its files; a changed decision then
 * goes into release 2 while release 1's files stay byte-identical.
 */
import { createApiClient, type ApiClient } from '../src/data/api';
import { targetLabelId } from '../src/core/recordIds';
import { targetIdsOf } from '../src/core/targets';
import { byTestId, CHOSEN_PASSWORD, expect, openDataset, serverApi, signIn, test, type Account } from './fixtures/mejirushi';
import { DEMO_DATASET_NAME, SAH_ABSENT, SAH_PRESENT } from './fixtures/phantom';
import { downloadReleaseFiles } from './fixtures/review';

/** Signs in through the API (replacing a one-time password first); answers the client and the user id. */
async function apiAs(url: string, account: Account): Promise<{ api: ApiClient; userId: string }> {
  let token: string | null = null;
  const api = createApiClient({ baseUrl: url, getToken: () => token });
  let login = await api.login({ username: account.username, password: account.password });
  token = login.token;
  if (account.mustChangePassword) {
    await api.changePassword({ currentPassword: account.password, newPassword: CHOSEN_PASSWORD });
    account.password = CHOSEN_PASSWORD;
    account.mustChangePassword = false;
    login = await api.login({ username: account.username, password: account.password });
    token = login.token;
  }
  return { api, userId: login.user.id };
}

/** Labels slices (index → class) of the item as this reader and hands it in. */
async function labelAndSubmit(api: ApiClient, itemId: string, userId: string, slices: readonly string[], labels: Readonly<Record<number, string>>): Promise<void> {
  const at = new Date().toISOString();
  const ops = Object.entries(labels).map(([index, code]) => {
    const targetId = slices[Number(index)]!;
    const record = { type: 'label' as const, id: targetLabelId('sah', targetId), questionId: 'sah', targetId, classCodes: [code], provenance: { origin: { kind: 'human' as const }, createdAt: at, updatedAt: at, authors: [userId] } };
    return { kind: 'put' as const, id: record.id, baseVersion: 0, record };
  });
  const { revision } = await api.patchRecords(itemId, { ops }, `e2e-${userId}-1`);
  await api.submit(itemId, revision, `e2e-${userId}-submit`);
}

test('a WG lead adjudicates two readers’ differing slices and releases the consensus; release 1 never changes', async ({ page, mejirushi }) => {
  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const second: Account = { username: 'tanaka', password: 'one-time-passphrase-second', mustChangePassword: true };
  const lead: Account = { username: 'sato', password: 'one-time-passphrase-lead', mustChangePassword: true };
  const tanaka = await admin.createUser({ username: second.username, displayName: 'Tanaka Hanako', password: second.password, roles: ['annotator'] });
  await admin.createUser({ username: lead.username, displayName: 'Sato Kenji', password: lead.password, roles: ['wgLead'] });
  const dataset = (await admin.listDatasets()).find((d) => d.name === DEMO_DATASET_NAME)!;
  await admin.assign(dataset.id, { readerIds: [tanaka.id] });

  // Both readers hand in the series: they agree on slice 1, differ on slices 2 and 3.
  const { api: first, userId: me } = await apiAs(mejirushi.url, mejirushi.annotator);
  const itemId = (await first.listItems(dataset.id)).items[0]!.id;
  const slices = targetIdsOf((await first.getItem(itemId)).item);
  await labelAndSubmit(first, itemId, me, slices, { 0: SAH_PRESENT, 1: SAH_PRESENT });
  await labelAndSubmit((await apiAs(mejirushi.url, second)).api, itemId, tanaka.id, slices, { 0: SAH_PRESENT, 2: SAH_ABSENT });

  await signIn(page, lead);
  await openDataset(page, DEMO_DATASET_NAME);
  await expect(byTestId(page, 'dataset-releases')).toBeVisible();
  await byTestId(page, `item-adjudicate-${itemId}`).click();
  const screen = page.locator('[data-testid="adjudication"][data-ready="true"]');
  await expect(screen).toBeVisible();
  const progress = byTestId(page, 'adjudication-progress');
  await expect(progress).toHaveAttribute('data-total', '2');
  await expect(progress).toHaveAttribute('data-settled', '0');
  const unit1 = byTestId(page, `adjudication-unit-sah-${slices[1]}`);
  const unit2 = byTestId(page, `adjudication-unit-sah-${slices[2]}`);
  await expect(unit1).toContainText('Slice 2');
  await expect(unit2).toContainText('Slice 3');

  // Beside the units, the selected unit's slice with each reader's answer there.
  await expect(unit1).toHaveAttribute('data-selected', 'true');
  const image = byTestId(page, 'adjudication-image');
  await expect(image.locator('[data-testid="series-viewer"][data-ready="true"]')).toHaveAttribute('data-slice-index', '1');
  await expect(image.locator('[data-testid^="adjudication-legend-"]')).toHaveCount(2);
  await expect(byTestId(page, `adjudication-legend-${tanaka.id}`)).toContainText('(no answer)');

  // Key 1 takes reader 1's answer on the selected (first) unit, and the next unit's slice comes up; the second by its pick button.
  await page.keyboard.press('1');
  await expect(unit1).toHaveAttribute('data-settled', 'true');
  await expect(unit2).toHaveAttribute('data-selected', 'true');
  await expect(image.locator('[data-testid="series-viewer"][data-ready="true"]')).toHaveAttribute('data-slice-index', '2');
  await expect(screen).toBeVisible();
  await unit2.getByTestId(`adjudication-pick-${tanaka.id}`).click();
  await expect(progress).toHaveAttribute('data-settled', '2');
  await expect(byTestId(page, 'adjudication')).toHaveAttribute('data-complete', 'true');

  await byTestId(page, 'adjudication-releases').click();
  const releases = page.locator('[data-testid="releases"][data-ready="true"]');
  await expect(releases).toBeVisible();
  await byTestId(page, 'bulk-approve').click();
  await expect(byTestId(page, 'bulk-approve-result')).toBeVisible();
  await byTestId(page, 'release-make').click();
  await expect(byTestId(page, 'release-row-1')).toBeVisible();
  await expect(releases).toBeVisible();
  const release1 = await downloadReleaseFiles(page, 1);
  const records1 = JSON.parse(release1.get('records.json')!.toString('utf8')) as { items: { id: string; source: string; records: { record: { targetId: string } }[] }[] };
  expect(records1.items.map((item) => [item.id, item.source])).toEqual([[itemId, 'consensus']]);
  // Readers are numbered in id order: key 1 took the first reader's answer on slice 2 (blank for tanaka).
  const [readerOne, readerTwo] = [me, tanaka.id].sort();
  const released1 = readerOne === me ? [slices[0], slices[1], slices[2]] : [slices[0], slices[2]];
  expect(records1.items[0]!.records.map((r) => r.record.targetId).sort()).toEqual(released1.sort());

  // The lead changes their mind on slice 2 (a new decision version) and releases again.
  await page.goto(`/adjudicate/items/${encodeURIComponent(itemId)}`);
  await expect(screen).toBeVisible();
  await unit1.getByTestId(`adjudication-pick-${readerTwo}`).click();
  await expect(screen).toBeVisible();
  await byTestId(page, 'adjudication-releases').click();
  await expect(releases).toBeVisible();
  await byTestId(page, 'release-make').click();
  await expect(byTestId(page, 'release-row-2')).toBeVisible();
  await expect(releases).toBeVisible();

  const release2 = await downloadReleaseFiles(page, 2);
  expect(release2.get('records.json')!.equals(release1.get('records.json')!)).toBe(false);
  const again = await downloadReleaseFiles(page, 1);
  for (const [name, bytes] of release1) expect(again.get(name)!.equals(bytes), name).toBe(true);
});
