import { describe, expect, it } from 'vitest';
import { buildModel, node, valueInfo } from '../../scripts/onnx/graph';
import { checkModelAgainstManifest } from './checkModel';
import { manifestFor, tinyClassifierBytes, tinyEncoderDecoder, withForeignOperator } from './testModels';

describe('checkModelAgainstManifest', () => {
  it('accepts a model that is what its manifest says', () => {
    const bytes = tinyClassifierBytes();
    expect(checkModelAgainstManifest(manifestFor(bytes), { model: bytes })).toEqual([]);
  });

  it('lists names, dtypes, fixed dims and rank that differ from the manifest', () => {
    const bytes = tinyClassifierBytes();
    const manifest = manifestFor(bytes, {
      inputs: [{ name: 'image', dtype: 'uint8', shape: ['batch', 1, 16, 8] }],
      outputs: [
        { name: 'probabilities', dtype: 'float32', shape: ['batch', 1] },
        { name: 'scores', dtype: 'float32', shape: ['batch'] },
      ],
    });
    expect(checkModelAgainstManifest(manifest, { model: bytes })).toEqual([
      'input "image" is float32 in the model, but uint8 in the manifest',
      'input "image" dimension 2 is 8 in the model, but 16 in the manifest',
      'the manifest\'s output "probabilities" is not in the model, whose outputs are "scores"',
      'output "scores" has 2 dimensions in the model, but 1 in the manifest',
    ]);
  });

  it('refuses a graph input the manifest does not list (it would never be fed)', () => {
    const bytes = tinyClassifierBytes();
    expect(checkModelAgainstManifest(manifestFor(bytes, { inputs: [] }), { model: bytes })).toEqual(['the model file needs an input "image" (float32) that the manifest does not list']);
  });

  it('refuses bytes that are not the file the manifest names (size and SHA-256), and files over the limit', () => {
    const bytes = tinyClassifierBytes();
    const other = tinyClassifierBytes(13);
    const reasons = checkModelAgainstManifest(manifestFor(bytes), { model: other });
    expect(reasons).toEqual([expect.stringMatching(/^the model file's SHA-256 is [0-9a-f]{64}, but the manifest says [0-9a-f]{64}$/)]);
    expect(checkModelAgainstManifest(manifestFor(bytes), { model: bytes }, { maxBytes: 100 })).toEqual([`the model file is ${bytes.byteLength} bytes, more than the 100 bytes allowed`]);
    expect(checkModelAgainstManifest(manifestFor(bytes), {})).toEqual(['the model file is missing']);
  });

  it('refuses a file that is not ONNX, naming the role', () => {
    const text = new TextEncoder().encode('not a model at all, just some words');
    expect(checkModelAgainstManifest(manifestFor(text), { model: text })).toEqual([expect.stringMatching(/^model file: the file is not an ONNX model/)]);
  });

  it('refuses an opset newer than onnxruntime-web runs and a manifest opset that is not the file\'s', () => {
    const newer = tinyClassifierBytes(22);
    expect(checkModelAgainstManifest(manifestFor(newer, { opset: 22 }), { model: newer })).toEqual([
      'the model file uses ONNX opset 22, newer than the 21 onnxruntime-web runs; export it at opset 21 or older',
    ]);
    const bytes = tinyClassifierBytes();
    expect(checkModelAgainstManifest(manifestFor(bytes, { opset: 13 }), { model: bytes })).toEqual(['the manifest says opset 13, but the file imports ONNX opset 17']);
  });

  it('refuses operators outside onnxruntime-web\'s list and domains it does not have; accepts its contrib operators', () => {
    const unknownOp = buildModel({
      name: 'odd',
      opset: 17,
      nodes: [node({ op: 'Mul', inputs: ['image', 'image'], outputs: ['sq'] }), node({ op: 'SuperResolve', inputs: ['sq'], outputs: ['scores'] })],
      inputs: [valueInfo('image', 'float32', ['batch', 1, 8, 8])],
      outputs: [valueInfo('scores', 'float32', ['batch', 1])],
    });
    expect(checkModelAgainstManifest(manifestFor(unknownOp), { model: unknownOp })).toEqual(['the model file uses operators onnxruntime-web cannot run: SuperResolve']);

    const foreign = withForeignOperator(tinyClassifierBytes(), 'com.example.vision', 'Warp');
    expect(checkModelAgainstManifest(manifestFor(foreign), { model: foreign })).toEqual([
      'the model file uses operators of the domain "com.example.vision" (Warp), which onnxruntime-web does not have',
    ]);
    const contrib = withForeignOperator(tinyClassifierBytes(), 'com.microsoft', 'FastGelu');
    expect(checkModelAgainstManifest(manifestFor(contrib), { model: contrib })).toEqual([]);
    const badContrib = withForeignOperator(tinyClassifierBytes(), 'com.microsoft', 'Rfft');
    expect(checkModelAgainstManifest(manifestFor(badContrib), { model: badContrib })).toEqual(['the model file uses operators onnxruntime-web cannot run: com.microsoft.Rfft']);
  });

  it('checks an encoder + decoder pair: each manifest tensor in one of the graphs, the decoder fed the encoder\'s outputs', () => {
    const { encoder, decoder, manifest } = tinyEncoderDecoder();
    expect(checkModelAgainstManifest(manifest, { encoder, decoder })).toEqual([]);
    expect(checkModelAgainstManifest({ ...manifest, inputs: manifest.inputs.slice(0, 1) }, { encoder, decoder })).toEqual([
      'the decoder file needs an input "point" (float32) that the manifest does not list',
    ]);
    expect(checkModelAgainstManifest(manifest, { encoder })).toEqual(['the decoder file is missing']);
  });
});
