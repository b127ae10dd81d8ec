import { describe, expect, it } from 'vitest';
import { testManifest } from '../testing/modelManifest';
import { PIPELINES, pipelineFor } from './pipelines';
import { classificationPipeline } from './pipelines/classification';
import { promptablePipeline } from './pipelines/promptable';
import { segmentationPipeline } from './pipelines/segmentation';
import { textDetectionPipeline } from './pipelines/textDetection';

describe('pipeline registry', () => {
  it('serves every classification task with the classification pipeline', () => {
    expect(PIPELINES.sliceClassification).toBe(classificationPipeline);
    expect(PIPELINES.frameClassification).toBe(classificationPipeline);
    expect(PIPELINES.imageClassification).toBe(classificationPipeline);
  });

  it('runs text detection and SAM-family promptable models with their pipelines', () => {
    expect(pipelineFor('textDetection')).toBe(textDetectionPipeline);
    expect(pipelineFor('promptableSegmentation')).toBe(promptablePipeline);
    expect(pipelineFor('segmentation')).toBe(segmentationPipeline);
  });

  it('says plainly that a task without its pipeline cannot run yet', () => {
    const input = { kind: 'ctSlice', targetId: 's', width: 1, height: 1, hu: new Float32Array(1), spacing: [1, 1] } as const;
    expect(() => PIPELINES.detection.prepare(testManifest({ task: 'detection' }), input)).toThrow('Models for the task “detection” cannot run in this version of the app yet.');
  });
});
