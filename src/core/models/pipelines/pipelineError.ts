/**
 * A model and an input that do not fit together, said so a person can act on it. The worker turns
 * it into an `error` message with the same code; anything else a pipeline throws is a bug.
 */
export type PipelineErrorCode = 'input_mismatch' | 'model_invalid';

export class PipelineError extends Error {
  constructor(
    readonly code: PipelineErrorCode,
    sentence: string,
  ) {
    super(sentence);
    this.name = 'PipelineError';
  }
}
