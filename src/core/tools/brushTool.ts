import type { Point, Shape } from '../annotation';
import { subtractPolygons, unionPolygons } from '../geometry/clipping';
import { circleSegments, geometryPolygons } from '../geometry/rings';
import { brushDab, footprintGeometry, sweepBrush, type Footprint } from '../geometry/stroke';
import { addOutline, distance, imageTolerance, isUsableArea, resizedRadius, step } from './common';
import type { Tool, ToolContext, ToolEffect, ToolStep } from './tool';

export type BrushMode = 'add' | 'subtract';

export interface BrushState {
  /** Radius of the round tip in screen px: the same size on screen at every zoom. */
  readonly radius: number;
  readonly cursor: Point | null;
  /** Alt held at the last event: the tip erases. */
  readonly alt: boolean;
  readonly stroke: {
    readonly mode: BrushMode;
    /** The outline edited, or null: the stroke becomes a new outline. */
    readonly targetId: string | null;
    readonly last: Point;
    readonly footprint: Footprint;
  } | null;
}

export const BRUSH_RADIUS = { initial: 16, min: 2, max: 400, factor: 1.25 } as const;

/** The tip's circle follows to within half a screen px. */
const TIP_ERROR_SCREEN_PX = 0.5;

/** The single selected outline with an area (polygon, multiPolygon, rectangle, ellipse): what a stroke edits. */
function editedShape(ctx: ToolContext): Shape | null {
  if (ctx.selection.size !== 1) return null;
  const [id] = ctx.selection;
  const shape = ctx.shape(id!);
  return shape && geometryPolygons(shape.geometry, 1) ? shape : null;
}

function tip(state: BrushState, ctx: ToolContext) {
  return { radius: state.radius * ctx.imagePxPerScreenPx, segments: circleSegments(state.radius, TIP_ERROR_SCREEN_PX) };
}

/** The stroke's end: the footprint united with, or cut from, the edited outline, or a new outline. */
function finish(state: BrushState, ctx: ToolContext): ToolStep<BrushState> {
  const idle: BrushState = { ...state, stroke: null };
  const { stroke } = state;
  const painted = stroke && footprintGeometry(stroke.footprint, ctx.imageSize);
  if (!stroke || !painted) return step(idle);
  const target = stroke.targetId === null ? null : ctx.shape(stroke.targetId);
  if (!target) return step(idle, stroke.mode === 'add' && stroke.targetId === null && isUsableArea(painted) ? [addOutline(ctx, painted)] : []);
  const before = geometryPolygons(target.geometry, imageTolerance(ctx, TIP_ERROR_SCREEN_PX))!;
  const stroked = geometryPolygons(painted, 1)!;
  const after = stroke.mode === 'add' ? unionPolygons(before, stroked) : subtractPolygons(before, stroked);
  const effect: ToolEffect = after
    ? { type: 'execute', command: { name: 'shape/update', params: { id: target.id, geometry: after } } }
    : { type: 'execute', command: { name: 'shape/remove', params: { id: target.id } } };
  return step(idle, [effect]);
}

/**
 * Paint with a round tip: with one outline selected the stroke is added to it, or with Alt cut
 * out of it (leaving holes or several parts as the result dictates; erasing all of it removes
 * it); with nothing selected the stroke becomes a new outline of the current class. `[` and `]`
 * shrink and grow the tip.
 */
export const brushTool: Tool<BrushState> = {
  id: 'brush',
  initial: () => ({ radius: BRUSH_RADIUS.initial, cursor: null, alt: false, stroke: null }),
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down': {
        const target = editedShape(ctx);
        const mode: BrushMode = input.modifiers.alt ? 'subtract' : 'add';
        const { radius, segments } = tip(state, ctx);
        const stroke = { mode, targetId: target?.id ?? null, last: input.point, footprint: brushDab(input.point, radius, segments) };
        return step({ ...state, cursor: input.point, alt: input.modifiers.alt, stroke });
      }
      case 'move': {
        const moved = { ...state, cursor: input.point, alt: input.modifiers.alt };
        const { stroke } = state;
        if (!stroke || !input.pressed) return step(moved);
        const { radius, segments } = tip(state, ctx);
        // A new sweep every quarter radius follows the hand; finer steps only cost time.
        if (distance(stroke.last, input.point) < radius / 4) return step(moved);
        return step({ ...moved, stroke: { ...stroke, last: input.point, footprint: sweepBrush(stroke.footprint, stroke.last, input.point, radius, segments) } });
      }
      case 'up': {
        const { stroke } = state;
        if (!stroke) return step(state);
        const { radius, segments } = tip(state, ctx);
        return finish({ ...state, stroke: { ...stroke, footprint: sweepBrush(stroke.footprint, stroke.last, input.point, radius, segments) } }, ctx);
      }
      case 'key': {
        const radius = resizedRadius(state.radius, input.key, BRUSH_RADIUS);
        if (radius !== null) return step({ ...state, radius });
        if (input.key === 'Escape') return step({ ...state, stroke: null });
        return step(state);
      }
      case 'cancel':
        return step({ ...state, stroke: null, cursor: null });
      case 'doubleClick':
        return step(state);
    }
  },
  preview(state, ctx) {
    if (!state.cursor) return null;
    const mode: BrushMode = state.stroke?.mode ?? (state.alt ? 'subtract' : 'add');
    const brush = { center: state.cursor, radius: state.radius * ctx.imagePxPerScreenPx, mode };
    const painted = state.stroke && footprintGeometry(state.stroke.footprint, ctx.imageSize);
    return painted ? { brush, geometry: painted } : { brush };
  },
};
