/**
 * `sah-hyperdensity`: a classical hyperdensity detector for subarachnoid blood on one head-CT slice,
 * written as an ONNX graph so it runs through the same worker, pipeline and provenance as any
 * trained model. Raw HU in, P(SAH on this slice) out; every step is a fixed rule, no learned weights:
 *
 * 1. smooth: Gaussian (σ 1 px) against quantum noise;
 * 2. brain: a soft mask of intracranial soft tissue (−15…120 HU), eroded by a 13 px min-filter so
 *    the partial-volume rim of the skull, the scalp and the halo of calcifications drop out;
 * 3. blood: a soft window of 50…100 HU on the smoothed slice;
 * 4. fraction of the eroded brain that is blood-like → a sigmoid calibrated on the demo phantom.
 *
 * Sizes are in pixels and assume a head CT of about 0.45 mm pixels (a 512 matrix over a 230 mm
 * field); windowing happens inside the graph, so the manifest has no preprocessing.
 */
import type { ModelManifest } from '../../src/core/models/manifest';
import { buildModel, floatTensor, node, valueInfo } from '../onnx/graph';
import { modelFile, type BuiltModel } from './builtModel';
import { emptyPart, gaussianBlur, softStep, softWindow, squareMin, sumOverImage } from './graphSteps';
import sahEvaluation from './sahEvaluation.json';

export const SAH_MODEL_ID = 'sah-hyperdensity';
const OPSET = 17;

/** The rule's constants, one place: HU, px and the fraction of brain area. */
export const SAH_RULE = {
  smoothSigmaPx: 1,
  brainHu: [-15, 120],
  brainEdgeSoftnessHu: 5,
  erosionRadiusPx: 6,
  bloodHu: [50, 100],
  bloodEdgeSoftnessHu: 1.5,
  /**
   * Blood-like share of the eroded brain at which the score is 0.5, and the sigmoid's width. Set
   * once on the demo phantom (seed 1): normal slices reach 0.00004, bleed slices at least 0.02;
   * 0.001 is about their geometric mean. The evaluation uses other phantoms, never these.
   */
  fractionAtHalf: 0.001,
  fractionSoftness: 0.00025,
} as const;

export type SahRule = { readonly [K in keyof typeof SAH_RULE]: (typeof SAH_RULE)[K] extends number ? number : readonly [number, number] };

/** The graph for a rule; the built model uses SAH_RULE, tests and calibration may vary it. */
export function sahHyperdensityGraph(r: SahRule = SAH_RULE): Uint8Array {
  const part = emptyPart();
  gaussianBlur(part, 'hu', 'smooth', 1, 2, r.smoothSigmaPx);
  softWindow(part, 'smooth', 'soft', r.brainHu[0], r.brainHu[1], r.brainEdgeSoftnessHu);
  squareMin(part, 'soft', 'brain', r.erosionRadiusPx);
  softWindow(part, 'smooth', 'bloodLike', r.bloodHu[0], r.bloodHu[1], r.bloodEdgeSoftnessHu);
  part.nodes.push(node({ op: 'Mul', inputs: ['bloodLike', 'brain'], outputs: ['bloodInBrain'] }));
  sumOverImage(part, 'bloodInBrain', 'bloodArea');
  sumOverImage(part, 'brain', 'brainArea');
  part.initializers.push(floatTensor('onePx', [], [1]));
  part.nodes.push(
    // One pixel more in the denominator: a slice without brain (air, the vertex) scores 0, not NaN.
    node({ op: 'Add', inputs: ['brainArea', 'onePx'], outputs: ['brainAreaSafe'] }),
    node({ op: 'Div', inputs: ['bloodArea', 'brainAreaSafe'], outputs: ['bloodFraction'] }),
  );
  softStep(part, 'bloodFraction', 'sah_probability', r.fractionAtHalf, r.fractionSoftness);
  return buildModel({
    name: SAH_MODEL_ID,
    opset: OPSET,
    nodes: part.nodes,
    initializers: part.initializers,
    inputs: [valueInfo('hu', 'float32', [1, 1, 'height', 'width'])],
    outputs: [valueInfo('sah_probability', 'float32', [1, 1])],
    description: 'Demonstration SAH slice detector: a fixed hyperdensity rule (Mejirushi, scripts/models/sahHyperdensity.ts).',
  });
}

export function buildSahHyperdensity(): BuiltModel {
  const bytes = sahHyperdensityGraph();
  const manifest: ModelManifest = {
    id: SAH_MODEL_ID,
    version: '1.0.0',
    name: 'SAH slice candidates (demonstration)',
    description:
      'Marks head-CT slices with blood-dense areas (50–100 HU) inside the brain as SAH candidates. A fixed rule, not a trained network, evaluated only on synthetic phantoms: a demonstration, not a diagnostic aid.',
    licence: 'MIT',
    source: 'Built by scripts/build-models.ts (scripts/models/sahHyperdensity.ts): a hand-written rule, no training data.',
    task: 'sliceClassification',
    itemKinds: ['series'],
    opset: OPSET,
    inputs: [{ name: 'hu', dtype: 'float32', shape: [1, 1, 'height', 'width'] }],
    outputs: [{ name: 'sah_probability', dtype: 'float32', shape: [1, 1] }],
    preprocess: [],
    decode: { activation: 'none', threshold: 0.5 },
    labelSetId: 'sah-slice',
    outputsToLabels: [{ questionId: 'sah', classes: [{ index: 0, classCode: 'sah.present' }], otherwiseClassCode: 'sah.absent' }],
    files: { kind: 'single', model: modelFile(bytes) },
    evaluation: sahEvaluation,
  };
  return { manifest, files: { 'model.onnx': bytes } };
}
