/**
 * How the inference runtime and its client know a model: by the sha256 of its file (the encoder's
 * for an encoder + decoder pair), or, for a built-in model (code of the app's own, no file to
 * hash), by `builtin:<id>@<version>`, so two built-in manifests never share a loaded entry.
 */
import type { ModelManifest } from './manifest';

export function modelKey(manifest: ModelManifest): string {
  const { files } = manifest;
  if (files.kind === 'single') return files.model.sha256;
  if (files.kind === 'encoderDecoder') return files.encoder.sha256;
  return `builtin:${manifest.id}@${manifest.version}`;
}

/** The sha256 of every file the runtime needs, in load order: none for a built-in model. */
export function modelFileShas(manifest: ModelManifest): readonly string[] {
  const { files } = manifest;
  if (files.kind === 'single') return [files.model.sha256];
  if (files.kind === 'encoderDecoder') return [files.encoder.sha256, files.decoder.sha256];
  return [];
}
