import type { AnnotationRecord } from '../annotation';
import { findQuestion, isLabelQuestion, type LabelSet, type Question } from '../labelSet';
import type { RecordOp } from '../records';
import { fail, ok, type Result } from '../result';
import type { ItemTargets } from '../targets';
import { Issues, array, at, atIndex, describe, finite, integer, isObject, isoTime, numbers, object, string, type Obj } from './checks';

/**
 * Limits that keep any single record cheap to store, send and draw: a record is one outline, not a
 * slide's worth of them.
 */
export const RECORD_LIMITS = {
  maxIdLength: 256,
  /** Names in a provenance (authors, model id, version, hash, run): identifiers, not prose. */
  maxNameLength: 256,
  /** Vertices of one polyline or polygon (a gland traced at high power has hundreds). */
  maxVertices: 10_000,
  /** Runs of one mask; a 512×512 labelmap with noise stays far below this. */
  maxRuns: 1_000_000,
} as const;

/** What a record is checked against: without a label set or targets, only its shape is checked. */
export interface RecordContext {
  readonly labelSet?: LabelSet;
  /** The item's targets: target ids, ranges, image bounds and mask sizes are checked against them. */
  readonly targets?: ItemTargets;
}

/** Record ids travel as object keys; these would collide with Object.prototype machinery. */
const FORBIDDEN_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Checks one record (a command's output, an op from a client, a row from IndexedDB). */
export function validateAnnotationRecord(x: unknown, context: RecordContext = {}): Result<AnnotationRecord> {
  const issues = new Issues();
  checkRecord(x, '', context, issues);
  return issues.count === 0 ? ok(x as AnnotationRecord) : fail(issues.list());
}

/** Checks one operation of a batch as a client sends it. */
export function validateRecordOp(x: unknown, context: RecordContext = {}, path = ''): Result<RecordOp> {
  const issues = new Issues();
  checkOp(x, path, context, issues);
  return issues.count === 0 ? ok(x as RecordOp) : fail(issues.list());
}

function checkOp(x: unknown, path: string, context: RecordContext, issues: Issues): void {
  if (!isObject(x)) {
    issues.add(path, `expected an operation object, got ${describe(x)}`);
    return;
  }
  const op = x.kind === 'put' ? object(x, path, issues, ['kind', 'id', 'baseVersion', 'record']) : object(x, path, issues, ['kind', 'id', 'baseVersion']);
  if (!op) return;
  if (op.kind !== 'put' && op.kind !== 'delete') issues.add(at(path, 'kind'), `expected "put" or "delete", got ${describe(op.kind)}`);
  recordId(op.id, at(path, 'id'), issues);
  integer(op.baseVersion, at(path, 'baseVersion'), issues, 0);
  if (op.kind === 'put') {
    checkRecord(op.record, at(path, 'record'), context, issues);
    if (isObject(op.record) && op.record.id !== op.id) issues.add(at(path, 'record.id'), `must equal the op's id ${JSON.stringify(op.id)}`);
  }
}

function recordId(x: unknown, path: string, issues: Issues): x is string {
  if (!string(x, path, issues)) return false;
  if (FORBIDDEN_IDS.has(x) || x.length > RECORD_LIMITS.maxIdLength) {
    issues.add(path, 'not a usable record id');
    return false;
  }
  return true;
}

function checkRecord(x: unknown, path: string, context: RecordContext, issues: Issues): void {
  if (!isObject(x)) {
    issues.add(path, `expected a record object, got ${describe(x)}`);
    return;
  }
  const common = ['type', 'id', 'questionId', 'targetId', 'provenance'];
  let rec: Obj | null;
  switch (x.type) {
    case 'label':
      rec = object(x, path, issues, [...common, 'classCodes', 'endTargetId']);
      break;
    case 'shape':
      rec = object(x, path, issues, [...common, 'classCode', 'geometry']);
      break;
    case 'mask':
      rec = object(x, path, issues, [...common, 'classCode', 'width', 'height', 'runs']);
      break;
    default:
      issues.add(at(path, 'type'), `expected "label", "shape" or "mask", got ${describe(x.type)}`);
      return;
  }
  if (!rec) return;
  recordId(rec.id, at(path, 'id'), issues);
  const question = checkQuestion(rec, path, context, issues);
  checkTarget(rec, path, question, context, issues);
  checkProvenance(rec.provenance, at(path, 'provenance'), issues);
  if (rec.type === 'label') checkLabel(rec, path, question, issues);
  else classCode(rec.classCode, at(path, 'classCode'), question, issues);
  const image = context.targets && typeof rec.targetId === 'string' ? context.targets.image(rec.targetId) : undefined;
  if (rec.type === 'shape') checkGeometry(rec.geometry, at(path, 'geometry'), issues, image);
  if (rec.type === 'mask') checkMask(rec, path, issues, image);
}

/** The question the record answers (undefined without a label set or when unknown, reported). */
function checkQuestion(rec: Obj, path: string, context: RecordContext, issues: Issues): Question | undefined {
  const p = at(path, 'questionId');
  if (!string(rec.questionId, p, issues) || !context.labelSet) return undefined;
  const question = findQuestion(context.labelSet, rec.questionId);
  if (!question) {
    issues.add(p, `unknown question ${JSON.stringify(rec.questionId)} in label set "${context.labelSet.id}"`);
    return undefined;
  }
  const wantsLabel = isLabelQuestion(question);
  if (wantsLabel !== (rec.type === 'label')) {
    issues.add(p, `question "${question.id}" (${question.target}) is answered by ${wantsLabel ? 'a label' : 'a shape or mask'}, not a ${String(rec.type)}`);
  }
  return question;
}

function checkTarget(rec: Obj, path: string, question: Question | undefined, context: RecordContext, issues: Issues): void {
  const p = at(path, 'targetId');
  if (!string(rec.targetId, p, issues)) return;
  const { targets } = context;
  if (targets && question && !targets.accepts(question, rec.targetId)) {
    issues.add(p, `target ${JSON.stringify(rec.targetId)} is not a ${question.target} of item ${targets.item.id}`);
  }
  if (rec.endTargetId === undefined) return;
  const endPath = at(path, 'endTargetId');
  if (!string(rec.endTargetId, endPath, issues)) return;
  // A per-frame question's tag over a run of frames is one range record (commands/frameRuns.ts);
  // a multiple-choice one toggles classes frame by frame, so it keeps one label per frame.
  const spans = question?.target === 'frameRange' || (question?.target === 'frame' && question.kind !== 'multiple');
  if (question && !spans) issues.add(endPath, `only a frameRange question or a single-answer frame question spans targets, not "${question.id}"`);
  if (!targets) return;
  const first = targets.image(rec.targetId);
  const last = targets.image(rec.endTargetId);
  if (!last) issues.add(endPath, `unknown target ${JSON.stringify(rec.endTargetId)}`);
  else if (first && last.index < first.index) issues.add(endPath, 'a range ends at or after its first target');
}

function checkLabel(rec: Obj, path: string, question: Question | undefined, issues: Issues): void {
  const codesPath = at(path, 'classCodes');
  if (!array(rec.classCodes, codesPath, issues)) return;
  // Clearing a label removes its record; an empty one would count as labelled in progress.
  if (rec.classCodes.length === 0) issues.add(codesPath, 'a label needs at least one class');
  if (question && question.kind !== 'multiple' && rec.classCodes.length > 1) {
    issues.add(codesPath, `question "${question.id}" takes exactly one class, got ${rec.classCodes.length}`);
  }
  const seen = new Set<string>();
  rec.classCodes.forEach((code, i) => {
    const p = atIndex(codesPath, i);
    if (!classCode(code, p, question, issues)) return;
    if (seen.has(code)) issues.add(p, `class "${code}" listed twice`);
    seen.add(code);
  });
}

function classCode(x: unknown, path: string, question: Question | undefined, issues: Issues): x is string {
  if (!string(x, path, issues)) return false;
  if (question && !question.classes.some((c) => c.code === x)) {
    issues.add(path, `unknown class ${JSON.stringify(x)} in question "${question.id}"`);
    return false;
  }
  return true;
}

function shortName(x: unknown, path: string, issues: Issues): x is string {
  if (!string(x, path, issues)) return false;
  if (x.length <= RECORD_LIMITS.maxNameLength) return true;
  issues.add(path, `at most ${RECORD_LIMITS.maxNameLength} characters, got ${x.length}`);
  return false;
}

function checkImportSource(x: unknown, path: string, issues: Issues): void {
  const s = object(x, path, issues, ['format', 'file', 'sopInstanceUid', 'number', 'label']);
  if (!s) return;
  if (s.format !== 'dicomSeg' && s.format !== 'rtStruct') issues.add(at(path, 'format'), `expected "dicomSeg" or "rtStruct", got ${describe(s.format)}`);
  for (const key of ['file', 'sopInstanceUid', 'label'] as const) shortName(s[key], at(path, key), issues);
  integer(s.number, at(path, 'number'), issues, 0);
}

function checkProvenance(x: unknown, path: string, issues: Issues): void {
  const p = object(x, path, issues, ['origin', 'createdAt', 'updatedAt', 'authors', 'decision', 'decidedBy', 'imported']);
  if (!p) return;
  if (p.imported !== undefined) checkImportSource(p.imported, at(path, 'imported'), issues);
  isoTime(p.createdAt, at(path, 'createdAt'), issues);
  isoTime(p.updatedAt, at(path, 'updatedAt'), issues);
  const authorsPath = at(path, 'authors');
  if (array(p.authors, authorsPath, issues)) {
    const seen = new Set<string>();
    p.authors.forEach((author, i) => {
      if (!shortName(author, atIndex(authorsPath, i), issues)) return;
      if (seen.has(author)) issues.add(atIndex(authorsPath, i), `author "${author}" listed twice`);
      seen.add(author);
    });
  }
  const originPath = at(path, 'origin');
  if (!isObject(p.origin)) {
    issues.add(originPath, `expected an object, got ${describe(p.origin)}`);
    return;
  }
  if (p.origin.kind === 'human') {
    object(p.origin, originPath, issues, ['kind']);
    if (Array.isArray(p.authors) && p.authors.length === 0) issues.add(authorsPath, 'human work names its author');
    if (p.decision !== undefined) issues.add(at(path, 'decision'), 'only a model proposal has a decision');
    if (p.decidedBy !== undefined) issues.add(at(path, 'decidedBy'), 'only a model proposal has a decision');
    return;
  }
  if (p.origin.kind !== 'model') {
    issues.add(at(originPath, 'kind'), `expected "human" or "model", got ${describe(p.origin.kind)}`);
    return;
  }
  const o = object(p.origin, originPath, issues, ['kind', 'modelId', 'version', 'contentHash', 'runId', 'threshold', 'score']);
  if (o) {
    shortName(o.modelId, at(originPath, 'modelId'), issues);
    shortName(o.version, at(originPath, 'version'), issues);
    shortName(o.contentHash, at(originPath, 'contentHash'), issues);
    shortName(o.runId, at(originPath, 'runId'), issues);
    for (const key of ['threshold', 'score'] as const) {
      const v = o[key];
      if (v !== undefined && finite(v, at(originPath, key), issues) && (v < 0 || v > 1)) issues.add(at(originPath, key), 'expected a number in [0, 1]');
    }
  }
  const decisionPath = at(path, 'decision');
  if (p.decision !== 'pending' && p.decision !== 'accepted' && p.decision !== 'edited' && p.decision !== 'rejected') {
    issues.add(decisionPath, `expected "pending", "accepted", "edited" or "rejected", got ${describe(p.decision)}`);
  } else if (p.decision === 'pending') {
    if (p.decidedBy !== undefined) issues.add(at(path, 'decidedBy'), 'a pending proposal has no decision yet');
  } else {
    shortName(p.decidedBy, at(path, 'decidedBy'), issues);
  }
}

interface Bounds {
  readonly width: number;
  readonly height: number;
}

function checkGeometry(x: unknown, path: string, issues: Issues, bounds: Bounds | undefined): void {
  if (!isObject(x)) {
    issues.add(path, `expected a geometry object, got ${describe(x)}`);
    return;
  }
  const inside = (p: readonly number[], where: string): void => {
    if (!bounds) return;
    const [px, py] = p as [number, number];
    if (px < 0 || py < 0 || px > bounds.width || py > bounds.height) {
      issues.add(where, `(${px}, ${py}) lies outside the ${bounds.width}×${bounds.height} image`);
    }
  };
  const point = (v: unknown, key: string): v is readonly number[] => {
    const ok = numbers(v, 2, at(path, key), issues);
    if (ok) inside(v, at(path, key));
    return ok;
  };
  const pointList = (v: unknown, min: number, p = at(path, 'points')) => {
    if (!array(v, p, issues)) return;
    if (v.length < min) issues.add(p, `a ${String(x.type)} needs at least ${min} points, got ${v.length}`);
    if (v.length > RECORD_LIMITS.maxVertices) {
      issues.add(p, `at most ${RECORD_LIMITS.maxVertices} points per outline, got ${v.length}`);
      return;
    }
    for (let i = 0; i < v.length; i += 1) {
      const pt = v[i];
      if (numbers(pt, 2, atIndex(p, i), issues)) inside(pt, atIndex(p, i));
      if (issues.count > 20) return; // one broken outline should not produce 10,000 messages
    }
  };
  /** An outer ring and its optional holes, each ring within the vertex limit. */
  const rings = (g: Obj, where: string) => {
    pointList(g.points, 3, at(where, 'points'));
    if (g.holes === undefined) return;
    const p = at(where, 'holes');
    if (!array(g.holes, p, issues)) return;
    g.holes.forEach((hole, i) => pointList(hole, 3, atIndex(p, i)));
  };
  switch (x.type) {
    case 'point': {
      const g = object(x, path, issues, ['type', 'point']);
      if (g) point(g.point, 'point');
      return;
    }
    case 'polyline': {
      const g = object(x, path, issues, ['type', 'points']);
      if (g) pointList(g.points, 2);
      return;
    }
    case 'polygon': {
      const g = object(x, path, issues, ['type', 'points', 'holes']);
      if (g) rings(g, path);
      return;
    }
    case 'multiPolygon': {
      const g = object(x, path, issues, ['type', 'polygons']);
      const p = at(path, 'polygons');
      if (!g || !array(g.polygons, p, issues)) return;
      if (g.polygons.length === 0) issues.add(p, 'a multiPolygon needs at least one polygon');
      g.polygons.forEach((polygon, i) => {
        const part = object(polygon, atIndex(p, i), issues, ['points', 'holes']);
        if (part) rings(part, atIndex(p, i));
      });
      return;
    }
    case 'rectangle': {
      const g = object(x, path, issues, ['type', 'topLeft', 'bottomRight']);
      if (!g) return;
      const tl = g.topLeft;
      const br = g.bottomRight;
      if (point(tl, 'topLeft') && point(br, 'bottomRight') && (br[0]! < tl[0]! || br[1]! < tl[1]!)) {
        issues.add(at(path, 'bottomRight'), 'must lie right of and below topLeft');
      }
      return;
    }
    case 'ellipse': {
      const g = object(x, path, issues, ['type', 'center', 'radii', 'rotation']);
      if (!g) return;
      point(g.center, 'center');
      const radii = g.radii;
      if (numbers(radii, 2, at(path, 'radii'), issues) && radii.some((r) => r < 0)) {
        issues.add(at(path, 'radii'), 'radii must not be negative');
      }
      finite(g.rotation, at(path, 'rotation'), issues);
      return;
    }
    default:
      issues.add(at(path, 'type'), `expected "point", "polyline", "polygon", "multiPolygon", "rectangle" or "ellipse", got ${describe(x.type)}`);
  }
}

function checkMask(rec: Obj, path: string, issues: Issues, image: Bounds | undefined): void {
  const { width, height, runs } = rec;
  const widthOk = integer(width, at(path, 'width'), issues, 1);
  const heightOk = integer(height, at(path, 'height'), issues, 1);
  if (image && widthOk && heightOk && (width !== image.width || height !== image.height)) {
    issues.add(at(path, 'width'), `a mask is the size of its image, ${image.width}×${image.height}; got ${width}×${height}`);
  }
  const runsPath = at(path, 'runs');
  if (!array(runs, runsPath, issues)) return;
  if (runs.length > RECORD_LIMITS.maxRuns) {
    issues.add(runsPath, `at most ${RECORD_LIMITS.maxRuns} runs per mask, got ${runs.length}`);
    return;
  }
  let sum = 0;
  let runsOk = true;
  for (let i = 0; i < runs.length; i += 1) {
    const run = runs[i];
    if (typeof run === 'number' && Number.isInteger(run) && run >= 0) sum += run;
    else {
      integer(run, atIndex(runsPath, i), issues, 0);
      runsOk = false;
      break;
    }
  }
  if (widthOk && heightOk && runsOk && sum !== width * height) {
    issues.add(runsPath, `runs sum to ${sum}, expected width × height = ${width * height}`);
  }
}
