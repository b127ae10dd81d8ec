/**
 * What one model builder of scripts/build-models.ts returns: the manifest and the files to write
 * beside it in `models/<id>/`. Builders are pure (same bytes every run), so the committed files can
 * be checked against a fresh build.
 */
import { createHash } from 'node:crypto';
import type { ModelFile, ModelManifest } from '../../src/core/models/manifest';

export interface BuiltModel {
  readonly manifest: ModelManifest;
  /** File name in `models/<id>/` → bytes (`model.onnx`, or `encoder.onnx` + `decoder.onnx`). */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

export type ModelBuilder = () => BuiltModel;

/** The identity of one ONNX file as a manifest names it. */
export function modelFile(bytes: Uint8Array): ModelFile {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
}
