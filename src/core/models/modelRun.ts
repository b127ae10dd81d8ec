import type { ModelManifest } from './manifest';
import type { ModelRun } from './proposalDraft';

/**
 * What a proposal of this run records as its origin. The content hash names the weights that ran
 * (the encoder's for a pair); a built-in implementation has no weights and is named by its
 * implementation and version instead.
 */
export function modelRunOf(manifest: ModelManifest, runId: string, threshold = manifest.decode.threshold): ModelRun {
  const { files } = manifest;
  const contentHash = files.kind === 'single' ? files.model.sha256 : files.kind === 'encoderDecoder' ? files.encoder.sha256 : `builtin:${files.implementation}`;
  return { runId, modelId: manifest.id, version: manifest.version, contentHash, threshold };
}
