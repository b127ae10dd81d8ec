/**
 * Which pipeline prepares inputs and decodes outputs for each model task: a plain lookup, one line
 * per task. A task without its pipeline yet says so when a model of it is run.
 */
import type { ModelTask } from './manifest';
import type { TaskPipeline } from './taskPipeline';
import { classificationPipeline } from './pipelines/classification';
import { notSupportedPipeline } from './pipelines/notSupported';
import { promptablePipeline } from './pipelines/promptable';
import { segmentationPipeline } from './pipelines/segmentation';
import { textDetectionPipeline } from './pipelines/textDetection';

export const PIPELINES: Readonly<Record<ModelTask, TaskPipeline>> = {
  sliceClassification: classificationPipeline,
  frameClassification: classificationPipeline,
  imageClassification: classificationPipeline,
  segmentation: segmentationPipeline,
  detection: notSupportedPipeline('detection'),
  promptableSegmentation: promptablePipeline,
  textDetection: textDetectionPipeline,
};

export function pipelineFor(task: ModelTask): TaskPipeline {
  return PIPELINES[task];
}
