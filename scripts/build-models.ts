/**
 * `npm run build:models`: writes every model the project builds itself into `models/<id>/`
 * (manifest.json + the ONNX file(s)). Deterministic: the same bytes every run, so the committed
 * files are checked by running it and seeing no change. The models are listed in models/registry.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { MODEL_BUILDERS } from './models/registry';

for (const build of MODEL_BUILDERS) {
  const { manifest, files } = build();
  const directory = new URL(`../models/${manifest.id}/`, import.meta.url);
  mkdirSync(directory, { recursive: true });
  writeFileSync(new URL('manifest.json', directory), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(new URL(name, directory), bytes);
  console.log(`models/${manifest.id}: ${Object.keys(files).join(', ')} (${manifest.task} ${manifest.version})`);
}
