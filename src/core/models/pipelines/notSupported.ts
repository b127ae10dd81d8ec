/** The pipeline of a task nobody has implemented yet: it says so instead of proposing nothing. */
import type { ModelTask } from '../manifest';
import type { TaskPipeline } from '../taskPipeline';
import { PipelineError } from './pipelineError';

export function notSupportedPipeline(task: ModelTask): TaskPipeline {
  const refuse = (): never => {
    throw new PipelineError('model_invalid', `Models for the task “${task}” cannot run in this version of the app yet.`);
  };
  return { prepare: refuse, decode: refuse };
}
