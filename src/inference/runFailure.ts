/**
 * Why a model run or a click-prompt failed, as a kind the page translates (the runtime's own words
 * stay as the detail: tensor names and shapes are for whoever brought the model).
 */
import type { InferenceErrorCode } from '../../workers/inference/messages';
import type { MessageKey } from '../i18n/messages';
import { InferenceError } from './client';
import { ModelFileError, type ModelFileErrorCode } from './modelFiles';

export type RunFailureKind = `runtime.${InferenceErrorCode}` | `file.${ModelFileErrorCode}` | 'refused';

export interface RunFailure {
  readonly kind: RunFailureKind;
  /** The runtime's or the document's own sentence (English). */
  readonly detail: string;
}

/** A thrown error as a failure; anything but the runtime's and the model cache's own errors is a runtime failure. */
export function runFailureOf(error: unknown): RunFailure {
  if (error instanceof InferenceError) return { kind: `runtime.${error.code}`, detail: error.message };
  if (error instanceof ModelFileError) return { kind: `file.${error.code}`, detail: error.message };
  return { kind: 'runtime.failed', detail: error instanceof Error ? error.message : String(error) };
}

/** The sentence a person reads for each kind of failure. */
export const RUN_FAILURE_MESSAGES: Readonly<Record<RunFailureKind, MessageKey>> = {
  'runtime.model_invalid': 'inference.failure.modelInvalid',
  'runtime.operator_unsupported': 'inference.failure.operatorUnsupported',
  'runtime.input_mismatch': 'inference.failure.inputMismatch',
  'runtime.backend_unavailable': 'inference.failure.backendUnavailable',
  'runtime.out_of_memory': 'inference.failure.outOfMemory',
  'runtime.not_loaded': 'inference.failure.notLoaded',
  'runtime.cancelled': 'inference.failure.cancelled',
  'runtime.failed': 'inference.failure.failed',
  'file.offline_not_cached': 'models.file.offline',
  'file.not_found': 'models.file.notFound',
  'file.hash_mismatch': 'models.file.damaged',
  'file.failed': 'models.file.failed',
  refused: 'inference.failure.refused',
};
