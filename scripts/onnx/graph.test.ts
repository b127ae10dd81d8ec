import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { buildModel, floatTensor, node, valueInfo } from './graph';

describe('buildModel', () => {
  it('writes a graph onnxruntime runs: y = sigmoid(x * w)', async () => {
    const bytes = buildModel({
      name: 'scaled-sigmoid',
      opset: 17,
      nodes: [node({ op: 'Mul', inputs: ['x', 'w'], outputs: ['xw'] }), node({ op: 'Sigmoid', inputs: ['xw'], outputs: ['y'] })],
      inputs: [valueInfo('x', 'float32', ['batch', 3])],
      outputs: [valueInfo('y', 'float32', ['batch', 3])],
      initializers: [floatTensor('w', [3], [0, 1, -2])],
    });
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const result = await session.run({ x: new ort.Tensor('float32', new Float32Array([5, 0, 1]), [1, 3]) });
    const y = Array.from(result.y!.data as Float32Array);
    expect(y[0]).toBeCloseTo(0.5, 6);
    expect(y[1]).toBeCloseTo(0.5, 6);
    expect(y[2]).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
    expect(session.inputNames).toEqual(['x']);
    await session.release();
  });
});
