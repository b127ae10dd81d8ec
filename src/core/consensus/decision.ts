import type { DifferingUnit } from '../agreement';
import type { Geometry, Shape } from '../annotation';
import { geometryFault } from '../geometry/crossings';
import type { LabelSet } from '../labelSet';
import { regionUnit } from '../review/regionDifferences';
import { RECORD_LIMITS, validateAnnotationRecord } from '../validation/annotation';

/**
 * The lead's own drawing of a region unit: polygons (level-0 px of the unit's target) of the
 * unit's class, and the reader whose drawing it started from (absent when drawn from scratch).
 */
export interface RegionEdit {
  readonly geometries: readonly Geometry[];
  readonly from?: string;
}

/**
 * How a WG lead settles one differing unit: take one reader's answer there (`pick`, the reader's
 * id), or give their own answer (`edit`): classes for a label question, a drawing for a region.
 */
export type ConsensusDecision = { readonly pick: string } | { readonly edit: { readonly classCodes: readonly string[] } } | { readonly edit: RegionEdit };

/** Bounds on a region edit: it is one lesion's outline, not a slide's worth of them. */
export const REGION_EDIT_LIMITS = {
  maxPolygons: 100,
  /** Vertices of every polygon together, holes included. */
  maxVertices: RECORD_LIMITS.maxVertices,
} as const;

/** The current decision on one unit of an item; `version` counts the decisions taken on it (1, 2, …). */
export interface DecidedUnit {
  readonly questionId: string;
  readonly targetKey: string;
  readonly decision: ConsensusDecision;
  readonly version: number;
  readonly decidedBy: string;
  /** ISO-8601 UTC. */
  readonly decidedAt: string;
}

/** One key per (question, unit), for maps. */
export function unitKeyOf(unit: { readonly questionId: string; readonly targetKey: string }): string {
  return `${unit.questionId}\u0000${unit.targetKey}`;
}

export function isPick(decision: ConsensusDecision): decision is { readonly pick: string } {
  return 'pick' in decision;
}

export function isRegionEdit(decision: ConsensusDecision): decision is { readonly edit: RegionEdit } {
  return 'edit' in decision && 'geometries' in decision.edit;
}

/** The id of the `index`th shape of a lead's drawing of a region unit: the same for every build of the consensus. */
export function editedShapeId(questionId: string, targetKey: string, index: number): string {
  return `consensus:${questionId}:${targetKey}:${index}`;
}

/** A region edit as shape records of the unit's class on its target, the lead's own work. */
export function editedShapes(unit: { readonly questionId: string; readonly targetKey: string }, edit: RegionEdit, provenance: Shape['provenance']): Shape[] {
  const region = regionUnit(unit.targetKey);
  if (!region) return [];
  const { targetId, classCode } = region;
  return edit.geometries.map((geometry, index) => ({ type: 'shape', id: editedShapeId(unit.questionId, unit.targetKey, index), questionId: unit.questionId, targetId, classCode, geometry, provenance }));
}

function vertexCount(geometry: Geometry): number {
  return geometry.type === 'polygon' ? geometry.points.length + (geometry.holes ?? []).reduce((n, hole) => n + hole.length, 0) : 0;
}

function regionEditProblem(labelSet: LabelSet, unit: DifferingUnit, edit: RegionEdit): string | null {
  if (!regionUnit(unit.targetKey)) return `${unit.targetKey} does not name a region (target/class)`;
  if (edit.from !== undefined && !unit.answers.some((answer) => answer.readerId === edit.from)) return `${edit.from} is not one of the readers who handed in this item`;
  const { geometries } = edit;
  if (geometries.length === 0) return 'draw at least one polygon (to leave the region blank, pick a reader who drew nothing)';
  if (geometries.length > REGION_EDIT_LIMITS.maxPolygons) return `at most ${REGION_EDIT_LIMITS.maxPolygons} polygons, got ${geometries.length}`;
  if (geometries.some((g) => g.type !== 'polygon')) return 'a region is settled with polygons';
  const vertices = geometries.reduce((n, g) => n + vertexCount(g), 0);
  if (vertices > REGION_EDIT_LIMITS.maxVertices) return `at most ${REGION_EDIT_LIMITS.maxVertices} vertices in all, got ${vertices}`;
  // Checked as the records they become, so a drawing the consensus holds is a record any reader could have handed in.
  const provenance = { origin: { kind: 'human' as const }, createdAt: '1970-01-01T00:00:00.000Z', updatedAt: '1970-01-01T00:00:00.000Z', authors: ['lead'] };
  for (const [index, shape] of editedShapes(unit, edit, provenance).entries()) {
    const checked = validateAnnotationRecord(shape, { labelSet });
    if (!checked.ok) return `polygon ${index + 1}: ${checked.errors.join('; ')}`;
    if (geometryFault(shape.geometry)) return `polygon ${index + 1} crosses itself`;
  }
  return null;
}

/** Why `decision` cannot settle `unit` (an English sentence), or null when it can. */
export function decisionProblem(labelSet: LabelSet, unit: DifferingUnit, decision: ConsensusDecision): string | null {
  if (isPick(decision)) {
    return unit.answers.some((answer) => answer.readerId === decision.pick) ? null : `${decision.pick} is not one of the readers who handed in this item`;
  }
  const question = labelSet.questions.find((q) => q.id === unit.questionId);
  if (!question) return `the label set has no question ${unit.questionId}`;
  if (isRegionEdit(decision)) return question.target === 'region' ? regionEditProblem(labelSet, unit, decision.edit) : `question ${question.id} is answered with classes, not a drawing`;
  if (question.target === 'region') return 'a region is settled by picking one reader’s drawing or drawing it anew, not by classes';
  const { classCodes } = decision.edit;
  const unknown = classCodes.find((code) => !question.classes.some((c) => c.code === code));
  if (unknown !== undefined) return `${unknown} is not a class of question ${question.id}`;
  if (new Set(classCodes).size !== classCodes.length) return 'each class may be given once';
  if (question.kind === 'multiple') return classCodes.length === 0 ? 'choose at least one class' : null;
  return classCodes.length === 1 ? null : `question ${question.id} takes exactly one class`;
}
