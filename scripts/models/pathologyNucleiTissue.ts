/**
 * `pathology-nuclei-tissue`: tissue and nucleus candidates on H&E, a classical pipeline written as
 * an ONNX graph (no learned weights):
 *
 * 1. optical density OD = −ln((I + 1) / 256) per RGB channel (I in 0…255);
 * 2. colour deconvolution (a 1×1 Conv with the inverse Ruifrok–Johnston stain matrix) → the
 *    haematoxylin amount per pixel;
 * 3. tissue: summed OD, smoothed (Gaussian σ 2 px), above 0.3 — glass is about 0.1, pale stroma
 *    0.4 or more;
 * 4. nuclei: haematoxylin above 0.6 inside tissue — stroma stays below 0.4 even where darkly
 *    stained, nuclei reach 1.4 and more.
 *
 * Output: [1, 2, H, W] probabilities, channel 0 tissue, channel 1 nuclei, read at 1 µm per pixel
 * in 512 px tiles; the segmentation pipeline turns them into outlines.
 */
import type { ModelManifest } from '../../src/core/models/manifest';
import { buildModel, floatTensor, node, valueInfo } from '../onnx/graph';
import { modelFile, type BuiltModel } from './builtModel';
import { stainUnmixingWeights } from './colourDeconvolution';
import { emptyPart, gaussianBlur, softStep } from './graphSteps';
import pathologyEvaluation from './pathologyEvaluation.json';

export const PATHOLOGY_MODEL_ID = 'pathology-nuclei-tissue';
const OPSET = 17;

export const PATHOLOGY_RULE = {
  tissueOdSum: 0.3,
  tissueSoftness: 0.03,
  tissueSmoothSigmaPx: 2,
  haematoxylin: 0.6,
  haematoxylinSoftness: 0.06,
} as const;

export function pathologyNucleiTissueGraph(): Uint8Array {
  const r = PATHOLOGY_RULE;
  const part = emptyPart();
  const unmix = stainUnmixingWeights();
  part.initializers.push(
    floatTensor('rgb.one', [], [1]),
    floatTensor('od.log256', [], [Math.log(256)]),
    // Only the haematoxylin row: the other stains are not used.
    floatTensor('haematoxylin.weights', [1, 3, 1, 1], unmix[0]!),
    floatTensor('odSum.weights', [1, 3, 1, 1], [1, 1, 1]),
  );
  part.nodes.push(
    node({ op: 'Add', inputs: ['rgb', 'rgb.one'], outputs: ['rgb.plusOne'] }),
    node({ op: 'Log', inputs: ['rgb.plusOne'], outputs: ['rgb.log'] }),
    node({ op: 'Sub', inputs: ['od.log256', 'rgb.log'], outputs: ['od'] }),
    node({ op: 'Conv', inputs: ['od', 'haematoxylin.weights'], outputs: ['haematoxylin'], intAttributes: { kernel_shape: [1, 1] } }),
    node({ op: 'Conv', inputs: ['od', 'odSum.weights'], outputs: ['odSum'], intAttributes: { kernel_shape: [1, 1] } }),
  );
  gaussianBlur(part, 'odSum', 'odSum.smooth', 1, 4, r.tissueSmoothSigmaPx, 'edge');
  softStep(part, 'odSum.smooth', 'tissue', r.tissueOdSum, r.tissueSoftness);
  softStep(part, 'haematoxylin', 'nucleusStain', r.haematoxylin, r.haematoxylinSoftness);
  part.nodes.push(
    node({ op: 'Mul', inputs: ['nucleusStain', 'tissue'], outputs: ['nuclei'] }),
    node({ op: 'Concat', inputs: ['tissue', 'nuclei'], outputs: ['probabilities'], intAttributes: { axis: 1 } }),
  );
  return buildModel({
    name: PATHOLOGY_MODEL_ID,
    opset: OPSET,
    nodes: part.nodes,
    initializers: part.initializers,
    inputs: [valueInfo('rgb', 'float32', [1, 3, 'height', 'width'])],
    outputs: [valueInfo('probabilities', 'float32', [1, 2, 'height', 'width'])],
    description: 'Tissue and nucleus candidates on H&E by colour deconvolution and thresholds (Mejirushi, scripts/models/pathologyNucleiTissue.ts).',
  });
}

export function buildPathologyNucleiTissue(): BuiltModel {
  const bytes = pathologyNucleiTissueGraph();
  const manifest: ModelManifest = {
    id: PATHOLOGY_MODEL_ID,
    version: '1.0.0',
    name: 'Tissue and nuclei candidates (H&E)',
    description:
      'Outlines tissue and haematoxylin-dark nuclei on H&E slides by colour deconvolution and fixed thresholds. Not a trained network: touching nuclei merge and stain variation shifts the result; check every outline.',
    licence: 'MIT',
    source: 'Built by scripts/build-models.ts (scripts/models/pathologyNucleiTissue.ts): Ruifrok–Johnston colour deconvolution, no training data.',
    task: 'segmentation',
    itemKinds: ['slide'],
    opset: OPSET,
    inputs: [{ name: 'rgb', dtype: 'float32', shape: [1, 3, 'height', 'width'] }],
    outputs: [{ name: 'probabilities', dtype: 'float32', shape: [1, 2, 'height', 'width'] }],
    preprocess: [{ op: 'wsiTiling', tileSize: 512, overlap: 32, micronsPerPixel: 1 }],
    decode: { activation: 'none', threshold: 0.5, maskToPolygon: { minArea: 6, simplify: 0.5 } },
    labelSetId: 'gastric-biopsy',
    outputsToLabels: [
      {
        questionId: 'lesion',
        classes: [
          { index: 0, classCode: 'tissue' },
          { index: 1, classCode: 'nucleus' },
        ],
      },
    ],
    files: { kind: 'single', model: modelFile(bytes) },
    evaluation: pathologyEvaluation,
  };
  return { manifest, files: { 'model.onnx': bytes } };
}
