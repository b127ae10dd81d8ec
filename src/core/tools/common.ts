import type { Geometry, Point } from '../annotation';
import { repairPolygons } from '../geometry/clipping';
import { geometryFault } from '../geometry/crossings';
import { geometryArea } from '../geometry/measure';
import { geometryPolygons } from '../geometry/rings';
import { dedupeRing } from '../geometry/round';
import type { Modifiers, ToolContext, ToolEffect, ToolStep } from './tool';

/** Tolerances in screen px (times `imagePxPerScreenPx` in image px): what a hand on a mouse can hit. */
export const SCREEN_TOLERANCE = {
  /** Pointer to an outline, a vertex handle or a point. */
  hit: 5,
  /** A click this near the first vertex closes a polygon; this near the last adds nothing. */
  vertex: 6,
  /** A press that moves less than this is a click, not a drag. */
  drag: 3,
  /** Freehand: largest distance of a dropped point from the simplified outline. */
  simplify: 1.5,
} as const;

export const NO_MODIFIERS: Modifiers = { shift: false, alt: false, ctrl: false };

export function step<S>(state: S, effects: readonly ToolEffect[] = []): ToolStep<S> {
  return { state, effects };
}

export function imageTolerance(ctx: ToolContext, screenPx: number): number {
  return screenPx * ctx.imagePxPerScreenPx;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * Whether an area outline is worth a record: every ring of at least 3 distinct vertices and some
 * area. A slip of the mouse (a click read as a drag, a double-click on one spot) makes none.
 */
export function isUsableArea(geometry: Geometry): boolean {
  const polygons = geometryPolygons(geometry, 0.5);
  if (!polygons || polygons.length === 0) return false;
  const ringsOk = polygons.every((p) => [p.points, ...(p.holes ?? [])].every((ring) => dedupeRing(ring).length >= 3));
  return ringsOk && geometryArea(geometry) > 0;
}

/**
 * A drawn polygon as it can be kept: as drawn when it does not cross itself, else repaired
 * (united with itself); null when it has no area either way.
 */
export function drawnOutline(points: readonly Point[]): Geometry | null {
  const geometry: Geometry = { type: 'polygon', points };
  if (!isUsableArea(geometry)) return null;
  if (geometryFault(geometry) === null) return geometry;
  const repaired = repairPolygons([{ points }]);
  return repaired && isUsableArea(repaired) ? repaired : null;
}

/** The command that adds `geometry` as an outline of the current class. */
export function addOutline(ctx: ToolContext, geometry: Geometry): ToolEffect {
  return { type: 'execute', command: { name: 'shape/add', params: { questionId: ctx.questionId, targetId: ctx.targetId, classCode: ctx.classCode, geometry } } };
}
