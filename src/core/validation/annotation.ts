import type { AnnotationDocument, AnnotationRecord } from '../annotation';
import type { LabelSet } from '../labelSet';
import { fail, ok, type Result } from '../result';
import {
  Issues,
  array,
  at,
  atIndex,
  atKey,
  finite,
  integer,
  isObject,
  isoTime,
  numbers,
  object,
  string,
  describe,
  type Obj,
} from './checks';

interface Context {
  readonly issues: Issues;
  readonly labelSet: LabelSet | undefined;
  readonly classCodes: ReadonlySet<string> | undefined;
  readonly targetIds: ReadonlySet<string> | undefined;
}

/** Record ids travel as object keys; these would collide with Object.prototype machinery. */
const FORBIDDEN_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_ID_LENGTH = 256;

/**
 * Checks an annotation document. With a label set, class codes and single-choice rules are
 * checked against it; with target ids (slices/frames of the item), every target must be known.
 */
export function validateAnnotationDocument(
  x: unknown,
  labelSet?: LabelSet,
  targetIds?: ReadonlySet<string>,
): Result<AnnotationDocument> {
  const issues = new Issues();
  const ctx: Context = { issues, labelSet, classCodes: labelSet ? new Set(labelSet.classes.map((c) => c.code)) : undefined, targetIds };
  const doc = object(x, '', issues, ['itemId', 'annotatorId', 'labelSetId', 'labelSetVersion', 'records']);
  if (doc) checkDocument(doc, ctx);
  return issues.count === 0 ? ok(x as AnnotationDocument) : fail(issues.list());
}

/** Checks one record on its own, e.g. a record a command is about to write. */
export function validateAnnotationRecord(
  x: unknown,
  labelSet?: LabelSet,
  targetIds?: ReadonlySet<string>,
): Result<AnnotationRecord> {
  const issues = new Issues();
  const ctx: Context = { issues, labelSet, classCodes: labelSet ? new Set(labelSet.classes.map((c) => c.code)) : undefined, targetIds };
  const id = isObject(x) && typeof x.id === 'string' ? x.id : '';
  checkRecord(x, id, '', ctx, new Map());
  return issues.count === 0 ? ok(x as AnnotationRecord) : fail(issues.list());
}

function checkDocument(doc: Obj, ctx: Context): void {
  const { issues, labelSet } = ctx;
  string(doc.itemId, 'itemId', issues);
  string(doc.annotatorId, 'annotatorId', issues);
  if (string(doc.labelSetId, 'labelSetId', issues) && labelSet && doc.labelSetId !== labelSet.id) {
    issues.add('labelSetId', `expected "${labelSet.id}", got ${JSON.stringify(doc.labelSetId)}`);
  }
  if (integer(doc.labelSetVersion, 'labelSetVersion', issues, 1) && labelSet && doc.labelSetVersion !== labelSet.version) {
    issues.add('labelSetVersion', `expected ${labelSet.version}, got ${doc.labelSetVersion}`);
  }
  if (!isObject(doc.records)) {
    issues.add('records', `expected an object keyed by record id, got ${describe(doc.records)}`);
    return;
  }
  // One label record per target, else the target's class would be ambiguous.
  const labelOwner = new Map<string, string>();
  for (const [key, record] of Object.entries(doc.records)) {
    const path = atKey('records', key);
    if (FORBIDDEN_IDS.has(key) || key.length > MAX_ID_LENGTH) issues.add(path, 'not a usable record id');
    checkRecord(record, key, path, ctx, labelOwner);
  }
}

function checkRecord(x: unknown, key: string, path: string, ctx: Context, labelOwner: Map<string, string>): void {
  const { issues } = ctx;
  if (!isObject(x)) {
    issues.add(path, `expected a record object, got ${describe(x)}`);
    return;
  }
  const common = ['type', 'id', 'targetId', 'provenance'];
  let rec: Obj | null;
  switch (x.type) {
    case 'label':
      rec = object(x, path, issues, [...common, 'classCodes']);
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
  if (string(rec.id, at(path, 'id'), issues) && rec.id !== key) {
    issues.add(at(path, 'id'), `must equal its key ${JSON.stringify(key)}, got ${JSON.stringify(rec.id)}`);
  }
  if (string(rec.targetId, at(path, 'targetId'), issues)) {
    if (ctx.targetIds && !ctx.targetIds.has(rec.targetId)) {
      issues.add(at(path, 'targetId'), `unknown target ${JSON.stringify(rec.targetId)}`);
    }
    if (rec.type === 'label') {
      const other = labelOwner.get(rec.targetId);
      if (other !== undefined) {
        issues.add(at(path, 'targetId'), `target ${JSON.stringify(rec.targetId)} already has label record ${JSON.stringify(other)}`);
      }
      labelOwner.set(rec.targetId, key);
    }
  }
  checkProvenance(rec.provenance, at(path, 'provenance'), issues);
  if (rec.type === 'label') checkLabel(rec, path, ctx);
  else classCode(rec.classCode, at(path, 'classCode'), ctx);
  if (rec.type === 'shape') checkGeometry(rec.geometry, at(path, 'geometry'), issues);
  if (rec.type === 'mask') checkMask(rec, path, issues);
}

function checkLabel(rec: Obj, path: string, ctx: Context): void {
  const { issues, labelSet } = ctx;
  const codesPath = at(path, 'classCodes');
  if (!array(rec.classCodes, codesPath, issues)) return;
  if (rec.classCodes.length === 0) {
    // Clearing a label removes its record; an empty one would count as labelled in progress.
    issues.add(codesPath, 'a label needs at least one class');
  }
  if (labelSet?.choice === 'single' && rec.classCodes.length > 1) {
    issues.add(codesPath, `label set "${labelSet.id}" is single choice: expected exactly one class, got ${rec.classCodes.length}`);
  }
  const seen = new Set<string>();
  rec.classCodes.forEach((code, i) => {
    const p = atIndex(codesPath, i);
    if (!classCode(code, p, ctx)) return;
    if (seen.has(code)) issues.add(p, `class "${code}" listed twice`);
    seen.add(code);
  });
}

function classCode(x: unknown, path: string, ctx: Context): x is string {
  if (!string(x, path, ctx.issues)) return false;
  if (ctx.classCodes && !ctx.classCodes.has(x)) {
    ctx.issues.add(path, `unknown class ${JSON.stringify(x)}`);
    return false;
  }
  return true;
}

function checkProvenance(x: unknown, path: string, issues: Issues): void {
  const p = object(x, path, issues, ['authorId', 'createdAt', 'updatedAt', 'source', 'acceptedBy']);
  if (!p) return;
  string(p.authorId, at(path, 'authorId'), issues);
  isoTime(p.createdAt, at(path, 'createdAt'), issues);
  isoTime(p.updatedAt, at(path, 'updatedAt'), issues);
  if (p.acceptedBy !== undefined) string(p.acceptedBy, at(path, 'acceptedBy'), issues);
  const sourcePath = at(path, 'source');
  if (!isObject(p.source)) {
    issues.add(sourcePath, `expected an object, got ${describe(p.source)}`);
    return;
  }
  if (p.source.kind === 'human') {
    object(p.source, sourcePath, issues, ['kind']);
  } else if (p.source.kind === 'model') {
    const s = object(p.source, sourcePath, issues, ['kind', 'name', 'version']);
    if (s) {
      string(s.name, at(sourcePath, 'name'), issues);
      string(s.version, at(sourcePath, 'version'), issues);
    }
  } else {
    issues.add(at(sourcePath, 'kind'), `expected "human" or "model", got ${describe(p.source.kind)}`);
  }
}

function checkGeometry(x: unknown, path: string, issues: Issues): void {
  if (!isObject(x)) {
    issues.add(path, `expected a geometry object, got ${describe(x)}`);
    return;
  }
  const point = (v: unknown, key: string): v is readonly number[] => numbers(v, 2, at(path, key), issues);
  const pointList = (v: unknown, min: number) => {
    const p = at(path, 'points');
    if (!array(v, p, issues)) return;
    if (v.length < min) issues.add(p, `a ${String(x.type)} needs at least ${min} points, got ${v.length}`);
    v.forEach((pt, i) => numbers(pt, 2, atIndex(p, i), issues));
  };
  switch (x.type) {
    case 'point': {
      const g = object(x, path, issues, ['type', 'point']);
      if (g) point(g.point, 'point');
      return;
    }
    case 'polyline':
    case 'polygon': {
      const g = object(x, path, issues, ['type', 'points']);
      if (g) pointList(g.points, x.type === 'polyline' ? 2 : 3);
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
      if (point(radii, 'radii') && radii.some((r) => r < 0)) {
        issues.add(at(path, 'radii'), 'radii must not be negative');
      }
      finite(g.rotation, at(path, 'rotation'), issues);
      return;
    }
    default:
      issues.add(at(path, 'type'), `expected "point", "polyline", "polygon", "rectangle" or "ellipse", got ${describe(x.type)}`);
  }
}

function checkMask(rec: Obj, path: string, issues: Issues): void {
  const { width, height, runs } = rec;
  const widthOk = integer(width, at(path, 'width'), issues, 1);
  const heightOk = integer(height, at(path, 'height'), issues, 1);
  const runsPath = at(path, 'runs');
  if (!array(runs, runsPath, issues)) return;
  let sum = 0;
  let runsOk = true;
  runs.forEach((run, i) => {
    if (integer(run, atIndex(runsPath, i), issues, 0)) sum += run;
    else runsOk = false;
  });
  if (widthOk && heightOk && runsOk && sum !== width * height) {
    issues.add(runsPath, `runs sum to ${sum}, expected width × height = ${width * height}`);
  }
}
