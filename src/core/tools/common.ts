import type { Geometry, Point } from '../annotation';
import { repairPolygons } from '../geometry/clipping';
import { geometryFault } from '../geometry/crossings';
import { geometryArea } from '../geometry/measure';
import { geometryPolygons } from '../geometry/rings';
import { dedupeRing } from '../geometry/round';
import { SLIVER_OF_LARGEST, withoutSlivers } from '../geometry/slivers';
import type { Modifiers, ToolContext, ToolEffect, ToolInput, ToolStep } from './tool';

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

/** A part of a repaired outline smaller than this many screen px² (a 4 × 4 square) is a slip of the hand, not a region. */
export const SCREEN_SLIVER_AREA = 16;

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
 * (united with itself) without the slivers and tiny loops the crossing cut off (geometry/slivers),
 * judged at the zoom it was drawn at; null when it has no area either way.
 */
export function drawnOutline(points: readonly Point[], ctx: Pick<ToolContext, 'imagePxPerScreenPx'>): Geometry | null {
  const geometry: Geometry = { type: 'polygon', points };
  if (!isUsableArea(geometry)) return null;
  if (geometryFault(geometry) === null) return geometry;
  const repaired = repairPolygons([{ points }]);
  if (!repaired || !isUsableArea(repaired)) return null;
  if (repaired.type !== 'multiPolygon') return repaired;
  const kept = withoutSlivers(repaired.polygons, { ofLargest: SLIVER_OF_LARGEST, minArea: SCREEN_SLIVER_AREA * ctx.imagePxPerScreenPx ** 2 });
  return kept.length === 1 ? { type: 'polygon', ...kept[0]! } : { type: 'multiPolygon', polygons: kept };
}

/** The command that adds `geometry` as an outline of the current class. */
export function addOutline(ctx: ToolContext, geometry: Geometry): ToolEffect {
  return { type: 'execute', command: { name: 'shape/add', params: { questionId: ctx.questionId, targetId: ctx.targetId, classCode: ctx.classCode, geometry } } };
}

/** How `[` and `]` shrink and grow a round brush tip: by `factor`, kept within [min, max]. */
export interface RadiusSteps {
  readonly min: number;
  readonly max: number;
  readonly factor: number;
}

/** The tip's radius after `key` (`[` smaller, `]` larger), or null for any other key. */
export function resizedRadius(radius: number, key: string, steps: RadiusSteps): number | null {
  if (key === '[') return Math.max(steps.min, radius / steps.factor);
  if (key === ']') return Math.min(steps.max, radius * steps.factor);
  return null;
}

/** A tool machine of any kind (outline or mask tools), whose state a caller keeps inside a closure. */
export interface ToolMachine<S, C, E, P> {
  initial(): S;
  handle(state: S, input: ToolInput, ctx: C): { readonly state: S; readonly effects: readonly E[] };
  preview(state: S, ctx: C): P;
}

/** A fresh run of `tool` from its initial state, the state kept inside (one object per active tool). */
export function keepState<S, C, E, P>(tool: ToolMachine<S, C, E, P>): { handle(input: ToolInput, ctx: C): readonly E[]; preview(ctx: C): P } {
  let state = tool.initial();
  return {
    handle(input, ctx) {
      const next = tool.handle(state, input, ctx);
      state = next.state;
      return next.effects;
    },
    preview: (ctx) => tool.preview(state, ctx),
  };
}
