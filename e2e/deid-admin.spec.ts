/**
 * The admin's de-identification screens (admin-only tasks, so signed in as the admin): a dataset's
 * policy set to required with chosen Annex E options through the screen, still so after a reload
 * and on the server; and a PACS pull the server refuses, with its own sentence shown. No PACS runs
 * here: the refusal comes before the server would reach one.
 */
import { byTestId, expect, serverApi, signIn, test } from './fixtures/mejirushi';

test('an admin requires de-identification on a dataset through the screen; after a reload it is still required with the chosen options', async ({ page, mejirushi }) => {
  const dataset = 'Screened CT';
  await signIn(page, mejirushi.admin);
  await byTestId(page, 'nav-admin').click();
  await byTestId(page, 'new-dataset-name').fill(dataset);
  await byTestId(page, 'new-dataset-label-set').selectOption('fundus-grading@2');
  await byTestId(page, 'new-dataset-submit').click();
  await expect(byTestId(page, 'deid-dataset').locator('option', { hasText: dataset })).toHaveCount(1);

  const panel = byTestId(page, 'admin-deid');
  await byTestId(page, 'deid-dataset').selectOption({ label: dataset });
  await expect(byTestId(page, 'deid-policy-form')).toHaveAttribute('data-mode', 'off');
  await expect(byTestId(page, 'deid-temporal')).toBeDisabled();
  await byTestId(page, 'deid-mode-required').check();
  await byTestId(page, 'deid-temporal').selectOption('modifiedDates');
  await byTestId(page, 'deid-option-retainPatientCharacteristics').check();
  await byTestId(page, 'deid-option-retainSafePrivate').check();
  await byTestId(page, 'deid-save').click();
  await expect(byTestId(page, 'deid-saved')).toHaveText('Saved: this dataset admits only de-identified DICOM.');
  await expect(byTestId(page, 'deid-policy-form')).toHaveAttribute('data-mode', 'required');

  await page.reload();
  await byTestId(page, 'deid-dataset').selectOption({ label: dataset });
  await expect(panel).toHaveAttribute('data-ready', 'true');
  await expect(byTestId(page, 'deid-policy-form')).toHaveAttribute('data-mode', 'required');
  await expect(byTestId(page, 'deid-mode-required')).toBeChecked();
  await expect(byTestId(page, 'deid-temporal')).toHaveValue('modifiedDates');
  await expect(byTestId(page, 'deid-option-retainPatientCharacteristics')).toBeChecked();
  await expect(byTestId(page, 'deid-option-retainSafePrivate')).toBeChecked();
  await expect(byTestId(page, 'deid-option-retainDeviceIdentity')).not.toBeChecked();
  await expect(byTestId(page, 'deid-option-cleanDescriptors')).not.toBeChecked();
  await expect(byTestId(page, 'deid-option-cleanStructuredContent')).not.toBeChecked();
  await expect(byTestId(page, 'deid-reports')).toHaveCount(0);

  const admin = await serverApi(mejirushi.url, mejirushi.admin);
  const found = (await admin.listDatasets()).find((d) => d.name === dataset);
  if (!found) throw new Error(`no dataset ${dataset}`);
  expect(await admin.getDeidPolicy(found.id)).toMatchObject({
    mode: 'required',
    options: {
      temporal: 'modifiedDates',
      retainPatientCharacteristics: true,
      retainDeviceIdentity: false,
      cleanDescriptors: false,
      cleanStructuredContent: false,
      retainSafePrivate: true,
    },
  });

  // A PACS pull the server refuses (not http or https): its own sentence is shown, and no report.
  await byTestId(page, 'pacs-dataset').selectOption({ label: dataset });
  await byTestId(page, 'pacs-base-url').fill('ftp://pacs.example/dicom-web');
  await byTestId(page, 'pacs-study').fill('1.2.826.0.1.3680043.2.1125.1');
  await byTestId(page, 'pacs-submit').click();
  await expect(byTestId(page, 'pacs-error')).toHaveAttribute('data-error-code', 'bad_request');
  await expect(byTestId(page, 'pacs-refusal')).toContainText('the DICOMweb URL must be http or https');
  await expect(byTestId(page, 'pacs-report')).toHaveCount(0);
});
