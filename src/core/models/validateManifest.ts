/**
 * Checks a model manifest as it arrives (an admin's upload, `models/<id>/manifest.json`, a row read
 * back) and lists every problem at once, each naming where it is, so an admin fixes a manifest in
 * one go instead of one refusal at a time.
 */
import { findQuestion, isLabelQuestion, type LabelSet } from '../labelSet';
import { fail, ok, type Result } from '../result';
import { Issues, array, at, atIndex, finite, integer, isObject, object, oneOf, string, type Obj } from '../validation/checks';
import type { ModelManifest, ModelTask, TensorDtype } from './manifest';

const TASKS: readonly ModelTask[] = [
  'sliceClassification',
  'frameClassification',
  'imageClassification',
  'segmentation',
  'detection',
  'promptableSegmentation',
  'textDetection',
];
const CLASSIFICATION_TASKS: readonly ModelTask[] = ['sliceClassification', 'frameClassification', 'imageClassification'];
const DTYPES: readonly TensorDtype[] = ['float32', 'uint8', 'int32', 'int64', 'bool'];
const ITEM_KINDS = ['series', 'slide', 'frames'] as const;
/** Below opset 7 the ONNX operators differ from what onnxruntime-web implements. */
export const MIN_OPSET = 7;

const MODEL_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** semver.org 2.0.0: MAJOR.MINOR.PATCH, optional pre-release and build. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const MANIFEST_KEYS = [
  'id', 'version', 'name', 'description', 'licence', 'source', 'task', 'itemKinds', 'opset', 'inputs', 'outputs',
  'preprocess', 'decode', 'labelSetId', 'outputsToLabels', 'files', 'evaluation',
] as const;

export function isClassificationTask(task: ModelTask): boolean {
  return CLASSIFICATION_TASKS.includes(task);
}

/**
 * The manifest, or every reason it is not one. With `labelSet`, also that each mapped question
 * and class exists there and is of the kind the task proposes (see `checkManifestAgainstLabelSet`).
 */
export function validateManifest(input: unknown, labelSet?: LabelSet): Result<ModelManifest> {
  const issues = new Issues();
  const m = object(input, '', issues, MANIFEST_KEYS);
  if (!m) return fail(issues.list());
  checkManifest(m, issues);
  if (issues.count > 0) return fail(issues.list());
  const manifest = input as ModelManifest;
  const labelProblems = labelSet ? checkManifestAgainstLabelSet(manifest, labelSet) : [];
  return labelProblems.length > 0 ? fail(labelProblems) : ok(manifest);
}

function checkManifest(m: Obj, issues: Issues): void {
  if (string(m.id, 'id', issues) && !MODEL_ID.test(m.id)) {
    issues.add('id', `must be lower-case letters, digits and hyphens (at most 64, like "sah-hyperdensity"), got ${JSON.stringify(m.id)}`);
  }
  if (string(m.version, 'version', issues) && !SEMVER.test(m.version)) {
    issues.add('version', `must be a semantic version like "1.0.0", got ${JSON.stringify(m.version)}`);
  }
  for (const key of ['name', 'description', 'licence', 'source', 'labelSetId'] as const) string(m[key], key, issues);
  const taskKnown = oneOf(m.task, TASKS, 'task', issues);
  checkItemKinds(m.itemKinds, issues);
  if (integer(m.opset, 'opset', issues) && m.opset < MIN_OPSET) {
    issues.add('opset', `ONNX opset ${m.opset} is too old for onnxruntime-web; it needs ${MIN_OPSET} or newer`);
  }
  const builtin = typeof m.files === 'object' && m.files !== null && (m.files as Obj).kind === 'builtin';
  checkTensors(m.inputs, 'inputs', issues, !builtin);
  checkTensors(m.outputs, 'outputs', issues, !builtin);
  checkPreprocess(m.preprocess, issues);
  checkDecode(m.decode, issues);
  if (taskKnown) {
    checkMappings(m.outputsToLabels, m.task as ModelTask, issues);
    checkFiles(m.files, m.task as ModelTask, issues);
  }
  if (m.evaluation !== undefined) checkEvaluation(m.evaluation, issues);
}

function checkItemKinds(x: unknown, issues: Issues): void {
  if (!array(x, 'itemKinds', issues)) return;
  if (x.length === 0) issues.add('itemKinds', 'name at least one kind of item the model applies to ("series", "slide" or "frames")');
  const seen = new Set<unknown>();
  x.forEach((kind, i) => {
    oneOf(kind, ITEM_KINDS, atIndex('itemKinds', i), issues);
    if (seen.has(kind)) issues.add(atIndex('itemKinds', i), `"${String(kind)}" is listed twice`);
    seen.add(kind);
  });
}

function checkTensors(x: unknown, path: string, issues: Issues, required: boolean): void {
  if (!array(x, path, issues)) return;
  if (required && x.length === 0) issues.add(path, `an ONNX model has at least one ${path === 'inputs' ? 'input' : 'output'}; list it`);
  const names = new Set<string>();
  x.forEach((t, i) => {
    const p = atIndex(path, i);
    const spec = object(t, p, issues, ['name', 'dtype', 'shape']);
    if (!spec) return;
    if (string(spec.name, at(p, 'name'), issues)) {
      if (names.has(spec.name)) issues.add(at(p, 'name'), `the tensor name "${spec.name}" is listed twice`);
      names.add(spec.name);
    }
    oneOf(spec.dtype, DTYPES, at(p, 'dtype'), issues);
    if (!array(spec.shape, at(p, 'shape'), issues)) return;
    spec.shape.forEach((d, j) => {
      const dp = atIndex(at(p, 'shape'), j);
      if (typeof d === 'string') string(d, dp, issues);
      else integer(d, dp, issues, 1);
    });
  });
}

function positive(x: unknown, path: string, issues: Issues): void {
  if (finite(x, path, issues) && x <= 0) issues.add(path, `must be greater than 0, got ${x}`);
}

function checkPreprocess(x: unknown, issues: Issues): void {
  if (!array(x, 'preprocess', issues)) return;
  x.forEach((s, i) => {
    const p = atIndex('preprocess', i);
    const step = object(s, p, issues, ['op', 'center', 'width', 'height', 'mode', 'mean', 'std', 'tileSize', 'overlap', 'micronsPerPixel']);
    if (!step || !oneOf(step.op, ['ctWindow', 'resize', 'normalise', 'wsiTiling'], at(p, 'op'), issues)) return;
    const allowed: Readonly<Record<string, readonly string[]>> = {
      ctWindow: ['op', 'center', 'width'],
      resize: ['op', 'width', 'height', 'mode'],
      normalise: ['op', 'mean', 'std'],
      wsiTiling: ['op', 'tileSize', 'overlap', 'micronsPerPixel'],
    };
    for (const key of Object.keys(step)) {
      if (!allowed[step.op]?.includes(key)) issues.add(at(p, key), `does not belong to a "${step.op}" step`);
    }
    if (step.op === 'ctWindow') {
      finite(step.center, at(p, 'center'), issues);
      positive(step.width, at(p, 'width'), issues);
    } else if (step.op === 'resize') {
      integer(step.width, at(p, 'width'), issues, 1);
      integer(step.height, at(p, 'height'), issues, 1);
      oneOf(step.mode, ['stretch', 'letterbox'], at(p, 'mode'), issues);
    } else if (step.op === 'normalise') {
      checkNormalise(step, p, issues);
    } else {
      const sizeOk = integer(step.tileSize, at(p, 'tileSize'), issues, 1);
      if (integer(step.overlap, at(p, 'overlap'), issues, 0) && sizeOk && (step.overlap as number) >= (step.tileSize as number)) {
        issues.add(at(p, 'overlap'), `must be smaller than the tile size (${String(step.tileSize)} px)`);
      }
      positive(step.micronsPerPixel, at(p, 'micronsPerPixel'), issues);
    }
  });
}

function checkNormalise(step: Obj, p: string, issues: Issues): void {
  const lengths: number[] = [];
  for (const key of ['mean', 'std'] as const) {
    const kp = at(p, key);
    if (!array(step[key], kp, issues)) continue;
    const values = step[key] as readonly unknown[];
    if (values.length !== 1 && values.length !== 3) issues.add(kp, `needs 1 value (grey) or 3 (R, G, B), got ${values.length}`);
    lengths.push(values.length);
    values.forEach((v, j) => (key === 'std' ? positive(v, atIndex(kp, j), issues) : finite(v, atIndex(kp, j), issues)));
  }
  if (lengths.length === 2 && lengths[0] !== lengths[1]) issues.add(p, 'mean and std need the same number of values');
}

function unitInterval(x: unknown, path: string, issues: Issues): void {
  if (finite(x, path, issues) && (x < 0 || x > 1)) issues.add(path, `must be between 0 and 1, got ${x}`);
}

function checkDecode(x: unknown, issues: Issues): void {
  const d = object(x, 'decode', issues, ['activation', 'threshold', 'nms', 'maskToPolygon']);
  if (!d) return;
  oneOf(d.activation, ['sigmoid', 'softmax', 'none'], 'decode.activation', issues);
  unitInterval(d.threshold, 'decode.threshold', issues);
  if (d.nms !== undefined) {
    const nms = object(d.nms, 'decode.nms', issues, ['iou']);
    if (nms) unitInterval(nms.iou, 'decode.nms.iou', issues);
  }
  if (d.maskToPolygon !== undefined) {
    const m = object(d.maskToPolygon, 'decode.maskToPolygon', issues, ['minArea', 'simplify', 'unclipRatio']);
    if (!m) return;
    for (const key of ['minArea', 'simplify'] as const) {
      if (finite(m[key], `decode.maskToPolygon.${key}`, issues) && (m[key] as number) < 0) issues.add(`decode.maskToPolygon.${key}`, 'must not be negative');
    }
    if (m.unclipRatio !== undefined) positive(m.unclipRatio, 'decode.maskToPolygon.unclipRatio', issues);
  }
}

function checkMappings(x: unknown, task: ModelTask, issues: Issues): void {
  if (!array(x, 'outputsToLabels', issues)) return;
  const classification = isClassificationTask(task);
  if (classification && x.length === 0) {
    issues.add('outputsToLabels', 'a classification model must say which question and classes its scores answer');
  }
  x.forEach((mp, i) => {
    const p = atIndex('outputsToLabels', i);
    const mapping = object(mp, p, issues, ['questionId', 'classes', 'otherwiseClassCode']);
    if (!mapping) return;
    string(mapping.questionId, at(p, 'questionId'), issues);
    if (mapping.otherwiseClassCode !== undefined) {
      if (!classification) issues.add(at(p, 'otherwiseClassCode'), 'only a classification model proposes a class when no score reaches the threshold');
      else string(mapping.otherwiseClassCode, at(p, 'otherwiseClassCode'), issues);
    }
    const cp = at(p, 'classes');
    if (!array(mapping.classes, cp, issues)) return;
    if (mapping.classes.length === 0) issues.add(cp, 'map at least one output to a class');
    const indices = new Set<number>();
    mapping.classes.forEach((c, j) => {
      const entry = object(c, atIndex(cp, j), issues, ['index', 'classCode']);
      if (!entry) return;
      if (integer(entry.index, at(atIndex(cp, j), 'index'), issues, 0)) {
        if (indices.has(entry.index)) issues.add(at(atIndex(cp, j), 'index'), `output ${entry.index} is mapped twice`);
        indices.add(entry.index);
      }
      string(entry.classCode, at(atIndex(cp, j), 'classCode'), issues);
    });
  });
}

function checkModelFile(x: unknown, path: string, issues: Issues): void {
  const file = object(x, path, issues, ['sha256', 'bytes']);
  if (!file) return;
  if (typeof file.sha256 !== 'string' || !SHA256_HEX.test(file.sha256)) {
    issues.add(at(path, 'sha256'), 'must be the file\'s SHA-256 as 64 lower-case hexadecimal characters');
  }
  if (typeof file.bytes !== 'number' || !Number.isSafeInteger(file.bytes) || file.bytes < 1) {
    issues.add(at(path, 'bytes'), 'must be the file\'s size in bytes (a whole number above 0)');
  }
}

function checkFiles(x: unknown, task: ModelTask, issues: Issues): void {
  const files = object(x, 'files', issues, ['kind', 'model', 'encoder', 'decoder', 'implementation']);
  if (!files || !oneOf(files.kind, ['single', 'encoderDecoder', 'builtin'], 'files.kind', issues)) return;
  const roles: Readonly<Record<string, readonly string[]>> = {
    single: ['kind', 'model'],
    encoderDecoder: ['kind', 'encoder', 'decoder'],
    builtin: ['kind', 'implementation'],
  };
  for (const key of Object.keys(files)) {
    if (!roles[files.kind]?.includes(key)) issues.add(at('files', key), `does not belong to files of kind "${files.kind}"`);
  }
  if (files.kind === 'single') {
    checkModelFile(files.model, 'files.model', issues);
    if (task === 'promptableSegmentation') issues.add('files.kind', 'a promptable model is an encoder and a decoder (files.kind "encoderDecoder")');
  } else if (files.kind === 'encoderDecoder') {
    checkModelFile(files.encoder, 'files.encoder', issues);
    checkModelFile(files.decoder, 'files.decoder', issues);
    if (task !== 'promptableSegmentation') issues.add('files.kind', 'only a promptable segmentation model has an encoder and a decoder');
  } else {
    if (files.implementation !== 'regionGrower') {
      issues.add('files.implementation', `the only built-in implementation is "regionGrower", got ${JSON.stringify(files.implementation)}`);
    }
    if (task !== 'promptableSegmentation') issues.add('files.kind', 'the built-in region grower answers click-prompts: its task is "promptableSegmentation"');
  }
}

function checkEvaluation(x: unknown, issues: Issues): void {
  const e = object(x, 'evaluation', issues, ['summary', 'metrics']);
  if (!e) return;
  string(e.summary, 'evaluation.summary', issues);
  const metrics = object(e.metrics, 'evaluation.metrics', issues, isObject(e.metrics) ? Object.keys(e.metrics) : []);
  if (metrics) for (const [name, value] of Object.entries(metrics)) finite(value, at('evaluation.metrics', name), issues);
}

/**
 * Problems of a well-formed manifest with the label set it names: every mapped question and class
 * exists, classification answers a label question (slice, frame, image…), every other task draws
 * regions. Empty when it fits.
 */
export function checkManifestAgainstLabelSet(manifest: ModelManifest, labelSet: LabelSet): string[] {
  const problems: string[] = [];
  if (labelSet.id !== manifest.labelSetId) {
    problems.push(`labelSetId: the manifest names label set "${manifest.labelSetId}", not "${labelSet.id}"`);
  }
  const classification = isClassificationTask(manifest.task);
  manifest.outputsToLabels.forEach((mapping, i) => {
    const p = atIndex('outputsToLabels', i);
    const question = findQuestion(labelSet, mapping.questionId);
    if (!question) {
      problems.push(`${p}.questionId: label set "${labelSet.id}" has no question "${mapping.questionId}"`);
      return;
    }
    if (classification && !isLabelQuestion(question)) {
      problems.push(`${p}.questionId: a classification model answers a label question, but "${question.id}" asks for outlines (region)`);
    }
    if (!classification && isLabelQuestion(question)) {
      problems.push(`${p}.questionId: a ${manifest.task} model proposes outlines, but "${question.id}" is a label question (${question.target}), not a region question`);
    }
    const codes = new Set(question.classes.map((c) => c.code));
    mapping.classes.forEach((c, j) => {
      if (!codes.has(c.classCode)) problems.push(`${p}.classes[${j}].classCode: question "${question.id}" has no class "${c.classCode}"`);
    });
    if (mapping.otherwiseClassCode !== undefined && !codes.has(mapping.otherwiseClassCode)) {
      problems.push(`${p}.otherwiseClassCode: question "${question.id}" has no class "${mapping.otherwiseClassCode}"`);
    }
  });
  return problems;
}
