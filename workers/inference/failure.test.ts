import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/core/models/pipelines/pipelineError';
import { loadFailure, runFailure } from './failure';

const ort = (message: string) => new Error(`failed to call OrtRun(). ERROR_CODE: 2, ERROR_MESSAGE: ${message}`);

describe('failures in words', () => {
  it('names an operator WebGPU or WASM has no kernel for', () => {
    expect(loadFailure(new Error("Could not find an implementation for GridSample(16) node with name '/grid'"), 'MedSAM')).toEqual({
      code: 'operator_unsupported',
      sentence: '“MedSAM” uses the operator GridSample (opset 16), which the in-browser runtime cannot run.',
    });
  });

  it('says when a model does not fit in memory', () => {
    expect(loadFailure(new Error('Aborted(OOM)'), 'Big model').code).toBe('out_of_memory');
    expect(runFailure(ort('Cannot enlarge memory arrays')).code).toBe('out_of_memory');
  });

  it('gives the rank a model wants and the shape it was given', () => {
    const feeds = { x: { dtype: 'float32' as const, dims: [1, 8, 8], data: new Float32Array(64) } };
    expect(runFailure(ort('Invalid rank for input: x Got: 3 Expected: 4 Please fix either the inputs/outputs or the model.'), feeds)).toEqual({
      code: 'input_mismatch',
      sentence: 'The model\'s input “x” takes 4 dimensions but was given 3 (1×8×8).',
    });
  });

  it('keeps a pipeline’s own code and sentence, and any other message under `failed`', () => {
    expect(runFailure(new PipelineError('model_invalid', 'No output.'))).toEqual({ code: 'model_invalid', sentence: 'No output.' });
    expect(runFailure(ort('something odd'))).toEqual({ code: 'failed', sentence: 'The model failed on this image: something odd' });
  });
});
