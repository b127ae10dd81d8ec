import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { buildModel, floatTensor, node, valueInfo } from '../../scripts/onnx/graph';
import { inspectOnnx } from './onnxInspect';
import { tinyClassifierBytes, withForeignOperator } from './testModels';

describe('inspectOnnx', () => {
  it('reads inputs, outputs (named and fixed dims), opsets and operators of a model onnxruntime runs', async () => {
    const bytes = tinyClassifierBytes();
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const out = await session.run({ image: new ort.Tensor('float32', new Float32Array(64).fill(1), [1, 1, 8, 8]) });
    expect(out.scores?.dims).toEqual([1, 1]);
    await session.release();

    const inspection = inspectOnnx(bytes);
    if (!inspection.ok) throw new Error(inspection.errors.join('; '));
    expect(inspection.value).toEqual({
      irVersion: 8,
      inputs: [{ name: 'image', dtype: 'float32', dims: ['batch', 1, 8, 8] }],
      outputs: [{ name: 'scores', dtype: 'float32', dims: ['batch', 1] }],
      opsets: { '': 17 },
      operators: [
        { domain: '', opType: 'Mul' },
        { domain: '', opType: 'ReduceMean' },
        { domain: '', opType: 'Sigmoid' },
      ],
    });
  });

  it('leaves out initializers listed as graph inputs (older exporters do) and finds operators inside subgraphs', () => {
    const branch = (name: string, op: string) => ({ name, node: [node({ op, inputs: ['x'], outputs: [`${name}_y`] })], output: [valueInfo(`${name}_y`, 'float32', [2])] });
    const bytes = buildModel({
      name: 'with-if',
      opset: 13,
      nodes: [
        node({ op: 'Greater', inputs: ['x0', 'zero'], outputs: ['cond'] }),
        { ...node({ op: 'If', inputs: ['cond'], outputs: ['y'] }), attribute: [{ name: 'then_branch', type: 5, g: branch('then', 'Relu') }, { name: 'else_branch', type: 5, g: branch('else', 'Tanh') }] },
      ],
      inputs: [valueInfo('x', 'float32', [2]), valueInfo('x0', 'float32', []), valueInfo('zero', 'float32', [])],
      outputs: [valueInfo('y', 'float32', [2])],
      initializers: [floatTensor('zero', [], [0])],
    });
    const inspection = inspectOnnx(bytes);
    if (!inspection.ok) throw new Error(inspection.errors.join('; '));
    expect(inspection.value.inputs.map((i) => i.name)).toEqual(['x', 'x0']);
    expect(inspection.value.operators.map((o) => o.opType)).toEqual(['Greater', 'If', 'Relu', 'Tanh']);
  });

  it('names the domain of non-default operators and reads "ai.onnx" as the default domain', () => {
    const inspection = inspectOnnx(withForeignOperator(tinyClassifierBytes(), 'com.example.vision', 'Warp'));
    if (!inspection.ok) throw new Error(inspection.errors.join('; '));
    expect(inspection.value.opsets).toEqual({ '': 17, 'com.example.vision': 1 });
    expect(inspection.value.operators).toContainEqual({ domain: 'com.example.vision', opType: 'Warp' });
  });

  it.each([
    ['text', new TextEncoder().encode('{"this": "is JSON, not ONNX"}')],
    ['empty', new Uint8Array(0)],
    ['truncated', tinyClassifierBytes().subarray(0, 40)],
  ])('refuses a file that is not an ONNX model (%s)', (_name, bytes) => {
    const inspection = inspectOnnx(bytes);
    expect(inspection.ok).toBe(false);
    if (!inspection.ok) expect(inspection.errors).toEqual([expect.stringMatching(/^the file is not an ONNX model/)]);
  });
});
