import { createApiClient } from '../src/data/api';
import { fetchModelList } from '../src/inference/modelList';
import { manifestFor, tinyClassifierBytes } from '../server/models/testModels';
import { byTestId, expect, signIn, test } from './fixtures/mejirushi';

const MODEL_ID = 'sah-e2e';

test('an admin reads why a model that does not fit its manifest is refused, adds a good one, and annotators get it', async ({ browser, page, mejirushi }) => {
  const bytes = tinyClassifierBytes();
  const onnx = { name: 'model.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) };
  const manifestFile = (manifest: unknown) => ({ name: 'manifest.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(manifest)) });

  await signIn(page, mejirushi.admin);
  await byTestId(page, 'nav-admin').click();
  const panel = page.locator('[data-testid="admin-models"][data-ready="true"]');
  await expect(panel).toBeVisible();
  const form = byTestId(page, 'model-upload');

  // The manifest names an input the graph does not have and a wrong output size.
  const misfit = manifestFor(bytes, {
    id: MODEL_ID,
    inputs: [{ name: 'pixels', dtype: 'float32', shape: ['batch', 1, 8, 8] }],
    outputs: [{ name: 'scores', dtype: 'float32', shape: ['batch', 2] }],
  });
  await byTestId(page, 'model-upload-manifest').setInputFiles(manifestFile(misfit));
  await byTestId(page, 'model-upload-files').setInputFiles(onnx);
  await byTestId(page, 'model-upload-submit').click();
  await expect(form).toHaveAttribute('data-step', 'refused');
  await expect(byTestId(page, 'model-upload-refusal')).toContainText('The model was not added, for these reasons:');
  await expect(byTestId(page, 'model-upload-reason')).toHaveText([
    'the model file needs an input "image" (float32) that the manifest does not list',
    'the manifest\'s input "pixels" is not in the model, whose inputs are "image"',
    'output "scores" dimension 1 is 1 in the model, but 2 in the manifest',
  ]);
  await expect(byTestId(page, `model-row-${MODEL_ID}`)).toHaveCount(0);

  // The same file with the manifest that describes it.
  await byTestId(page, 'model-upload-manifest').setInputFiles(manifestFile(manifestFor(bytes, { id: MODEL_ID })));
  await byTestId(page, 'model-upload-submit').click();
  await expect(byTestId(page, 'model-upload-done')).toHaveText('Added SAH test classifier 1.0.0.');
  const row = byTestId(page, `model-row-${MODEL_ID}`);
  await expect(row).toHaveAttribute('data-enabled', 'true');
  await expect(row).toContainText('Slice classification');
  await expect(row).toContainText('Uploaded');
  await expect(byTestId(page, `model-stats-${MODEL_ID}`)).toHaveText('No decisions yet (0 waiting)');

  // A plain annotator, signed in as users are, lists it among the models they may run.
  const readerContext = await browser.newContext();
  try {
    await signIn(await readerContext.newPage(), mejirushi.annotator);
    let token: string | null = null;
    token = (await createApiClient({ baseUrl: mejirushi.url, getToken: () => token }).login({ username: mejirushi.annotator.username, password: mejirushi.annotator.password })).token;
    const models = await fetchModelList({ baseUrl: mejirushi.url, getToken: () => token }, { labelSetId: 'sah-slice', itemKind: 'series' });
    expect(models.find((m) => m.manifest.id === MODEL_ID)).toMatchObject({ builtin: false, enabled: true, manifest: { version: '1.0.0' } });
  } finally {
    await readerContext.close();
  }
});
