/**
 * Tiny ONNX models for tests of the registry, written with scripts/onnx/graph.ts, and the manifest
 * that describes each (hash and size filled in from the bytes).
 */
import { createHash } from 'node:crypto';
import onnxProto from 'onnx-proto';
import { buildModel, floatTensor, node, valueInfo } from '../../scripts/onnx/graph';
import type { ModelManifest } from '../../src/core/models/manifest';
import { promptableManifest, sahClassifierManifest } from '../../src/core/models/testManifests';

/** scores = sigmoid(ReduceMean(image · w)): input image [batch, 1, 8, 8], output scores [batch, 1]. */
export function tinyClassifierBytes(opset = 17): Uint8Array {
  return buildModel({
    name: 'tiny-classifier',
    opset,
    nodes: [
      node({ op: 'Mul', inputs: ['image', 'w'], outputs: ['weighted'] }),
      node({ op: 'ReduceMean', inputs: ['weighted'], outputs: ['mean'], intAttributes: { axes: [2, 3], keepdims: 0 } }),
      node({ op: 'Sigmoid', inputs: ['mean'], outputs: ['scores'] }),
    ],
    inputs: [valueInfo('image', 'float32', ['batch', 1, 8, 8])],
    outputs: [valueInfo('scores', 'float32', ['batch', 1])],
    initializers: [floatTensor('w', [1], [2])],
    description: 'a test classifier',
  });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The SAH test manifest naming these bytes as its single file. */
export function manifestFor(bytes: Uint8Array, overrides: Partial<ModelManifest> = {}): ModelManifest {
  return sahClassifierManifest({ files: { kind: 'single', model: { sha256: sha256Hex(bytes), bytes: bytes.byteLength } }, ...overrides });
}

/** The same model with extra nodes of `domain` (imported at version 1): operators outside the default set. */
export function withForeignOperator(bytes: Uint8Array, domain: string, opType: string): Uint8Array {
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  model.opsetImport.push({ domain, version: 1 });
  model.graph?.node?.push({ opType, domain, input: ['scores'], output: ['unused'] });
  return onnxProto.onnx.ModelProto.encode(model).finish();
}

/** A promptable pair: encoder image [1,3,16,16] → embeddings [1,3,4,4]; decoder embeddings + point → mask. */
export function tinyEncoderDecoder(): { readonly encoder: Uint8Array; readonly decoder: Uint8Array; readonly manifest: ModelManifest } {
  const encoder = buildModel({
    name: 'encoder',
    opset: 17,
    nodes: [node({ op: 'AveragePool', inputs: ['image'], outputs: ['embeddings'], intAttributes: { kernel_shape: [4, 4], strides: [4, 4] } })],
    inputs: [valueInfo('image', 'float32', [1, 3, 16, 16])],
    outputs: [valueInfo('embeddings', 'float32', [1, 3, 4, 4])],
  });
  const decoder = buildModel({
    name: 'decoder',
    opset: 17,
    nodes: [node({ op: 'Add', inputs: ['embeddings', 'point'], outputs: ['mask'] })],
    inputs: [valueInfo('embeddings', 'float32', [1, 3, 4, 4]), valueInfo('point', 'float32', [1, 3, 4, 4])],
    outputs: [valueInfo('mask', 'float32', [1, 3, 4, 4])],
  });
  const manifest = promptableManifest({
    inputs: [
      { name: 'image', dtype: 'float32', shape: [1, 3, 16, 16] },
      { name: 'point', dtype: 'float32', shape: [1, 3, 4, 4] },
    ],
    outputs: [
      { name: 'embeddings', dtype: 'float32', shape: [1, 3, 4, 4] },
      { name: 'mask', dtype: 'float32', shape: [1, 3, 4, 4] },
    ],
    files: {
      kind: 'encoderDecoder',
      encoder: { sha256: sha256Hex(encoder), bytes: encoder.byteLength },
      decoder: { sha256: sha256Hex(decoder), bytes: decoder.byteLength },
    },
  });
  return { encoder, decoder, manifest };
}
