/**
 * The ONNX files of an upload, read from one request body that carries them one after the other
 * in the manifest's order, split by the sizes the manifest declares. Each file lands in a buffer
 * of exactly its declared size (the ONNX protobuf is decoded whole to be checked, so it is held in
 * memory once anyway); a body longer or shorter than declared is refused as soon as that is known.
 */
import type { Readable } from 'node:stream';
import type { ModelManifest } from '../../src/core/models/manifest';
import { manifestFiles, type ModelFileRole } from './checkModel';

export type UploadedFiles = Partial<Record<ModelFileRole, Uint8Array>>;

export class UploadSizeError extends Error {
  override readonly name = 'UploadSizeError';
}

export async function readUploadedFiles(manifest: ModelManifest, body: Readable): Promise<UploadedFiles> {
  const expected = manifestFiles(manifest);
  const total = expected.reduce((sum, { file }) => sum + file.bytes, 0);
  const buffers = expected.map(({ file }) => Buffer.allocUnsafe(file.bytes));
  let fileIndex = 0;
  let offset = 0;
  let received = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    received += chunk.byteLength;
    if (received > total) {
      body.destroy();
      throw new UploadSizeError(`the upload sent more than the ${total} bytes the manifest's files add up to`);
    }
    let from = 0;
    while (from < chunk.byteLength) {
      const target = buffers[fileIndex] as Buffer;
      const n = Math.min(target.byteLength - offset, chunk.byteLength - from);
      chunk.copy(target, offset, from, from + n);
      from += n;
      offset += n;
      if (offset === target.byteLength) {
        fileIndex += 1;
        offset = 0;
      }
    }
  }
  if (received < total) throw new UploadSizeError(`the upload ended after ${received} bytes, but the manifest's files add up to ${total}`);
  const files: UploadedFiles = {};
  expected.forEach(({ role }, i) => {
    files[role] = buffers[i];
  });
  return files;
}
