/**
 * What went wrong, as a code and a sentence a person can act on, from whatever a pipeline or
 * onnxruntime threw. onnxruntime's messages are matched by their stable wording; anything not
 * recognised keeps its own message under `failed`.
 */
import { PipelineError } from '../../src/core/models/pipelines/pipelineError';
import type { Tensors } from '../../src/core/models/taskPipeline';
import type { InferenceErrorCode } from './messages';

export interface Failure {
  readonly code: InferenceErrorCode;
  readonly sentence: string;
}

/** A failure already put in words; anything else thrown is described by `runFailure`. */
export class InferenceFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.sentence);
    this.name = 'InferenceFailure';
  }
}

const shapeText = (dims: readonly number[]) => dims.join('×');

/** onnxruntime's own text after its "ERROR_MESSAGE:" prefix, trimmed of its generic advice. */
function runtimeMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (/ERROR_MESSAGE: ([\s\S]*)/.exec(text)?.[1] ?? text).replace(/\s*Please fix either the inputs\/outputs or the model\.?/, '').trim();
}

function inputMismatch(message: string, feeds: Tensors | undefined): Failure | null {
  const dims = /Got invalid dimensions for input: (\S+)/.exec(message);
  if (dims) {
    const name = dims[1] as string;
    const given = feeds?.[name]?.dims ?? [];
    const expected = [...given];
    for (const m of message.matchAll(/index: (\d+) Got: \d+ Expected: (\d+)/g)) expected[Number(m[1])] = Number(m[2]);
    return { code: 'input_mismatch', sentence: `The model's input “${name}” takes ${shapeText(expected)} but was given ${shapeText(given)}; check the resize step of its manifest.` };
  }
  const rank = /Invalid rank for input: (\S+) Got: (\d+) Expected: (\d+)/.exec(message);
  if (rank) {
    const given = feeds?.[rank[1] as string]?.dims ?? [];
    return { code: 'input_mismatch', sentence: `The model's input “${rank[1]}” takes ${rank[3]} dimensions but was given ${rank[2]} (${shapeText(given)}).` };
  }
  const missing = /input '([^']+)' is missing in 'feeds'/.exec(message);
  if (missing) return { code: 'input_mismatch', sentence: `The model needs an input “${missing[1]}” that its manifest does not describe.` };
  const type = /Unexpected input data type\.? Actual: \(([^)]+)\) , expected: \(([^)]+)\)/.exec(message);
  if (type) return { code: 'input_mismatch', sentence: `The model takes ${type[2]} input but was given ${type[1]}.` };
  return null;
}

/** A failure while creating a session from the model's bytes. */
export function loadFailure(error: unknown, modelName: string): Failure {
  const message = runtimeMessage(error);
  const operator = /No Op registered for (\S+) with domain_version of (\d+)/.exec(message) ?? /Could not find an implementation for (\S+)\((\d+)\)/.exec(message);
  if (operator) {
    return { code: 'operator_unsupported', sentence: `“${modelName}” uses the operator ${operator[1]} (opset ${operator[2]}), which the in-browser runtime cannot run.` };
  }
  if (/protobuf parsing failed|Failed to load model/.test(message)) return { code: 'model_invalid', sentence: `The file of “${modelName}” is not a readable ONNX model.` };
  if (/out of memory|Cannot enlarge memory|Aborted\(OOM\)|RangeError: Array buffer allocation failed/i.test(message)) {
    return { code: 'out_of_memory', sentence: `“${modelName}” does not fit in the memory this browser gives the page; close other tabs or use a smaller model.` };
  }
  return { code: 'failed', sentence: `“${modelName}” could not be loaded: ${message}` };
}

/** A failure while preparing, running or decoding one input. */
export function runFailure(error: unknown, feeds?: Tensors): Failure {
  if (error instanceof PipelineError) return { code: error.code, sentence: error.message };
  const message = runtimeMessage(error);
  const mismatch = inputMismatch(message, feeds);
  if (mismatch) return mismatch;
  if (/out of memory|Cannot enlarge memory|Aborted\(OOM\)/i.test(message)) {
    return { code: 'out_of_memory', sentence: 'The model ran out of memory on this image; close other tabs or use a smaller model.' };
  }
  return { code: 'failed', sentence: `The model failed on this image: ${message}` };
}
