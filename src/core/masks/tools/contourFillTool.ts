import type { Point } from '../../annotation';
import { distance, SCREEN_TOLERANCE, step } from '../../tools/common';
import type { ToolStep } from '../../tools/tool';
import { fillPolygon } from '../fill';
import { setMaskEffect, type MaskTool, type MaskToolContext } from './maskTool';

export interface ContourFillState {
  /** Vertices so far (image px); empty while idle. */
  readonly points: readonly Point[];
  /** The button is down on a contour drawn by dragging (freehand), not by clicks (polygon). */
  readonly dragging: boolean;
  readonly freehand: boolean;
  /** Alt held at the first vertex: the filled contour is cut out of the segment instead. */
  readonly erase: boolean;
  readonly cursor: Point | null;
}

const IDLE: ContourFillState = { points: [], dragging: false, freehand: false, erase: false, cursor: null };

function close(state: ContourFillState, ctx: MaskToolContext): ToolStep<ContourFillState> {
  const idle = { ...IDLE, cursor: state.cursor };
  if (state.points.length < 3) return step(idle);
  const labels = ctx.labels();
  if (fillPolygon(labels, ctx.size, state.points, state.erase ? 0 : 1) === 0) return step(idle);
  return step(idle, [setMaskEffect(ctx, labels)]);
}

/**
 * A contour filled into the segment: drag to draw it freehand (filled on release), or click
 * vertices of a polygon and close it by clicking the first, double-clicking or pressing Enter.
 * Alt at the first vertex cuts the contour out instead; Backspace drops the last vertex, Escape
 * the contour.
 */
export const contourFillTool: MaskTool<ContourFillState> = {
  id: 'contourFill',
  initial: () => IDLE,
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down': {
        const [first] = state.points;
        if (first && state.points.length >= 3 && distance(first, input.point) <= SCREEN_TOLERANCE.vertex * ctx.imagePxPerScreenPx) return close(state, ctx);
        if (state.points.length === 0) return step({ ...state, points: [input.point], dragging: true, freehand: false, erase: input.modifiers.alt, cursor: input.point });
        return step({ ...state, points: [...state.points, input.point], dragging: true, cursor: input.point });
      }
      case 'move': {
        const moved = { ...state, cursor: input.point };
        if (!state.dragging || !input.pressed) return step(moved);
        const last = state.points[state.points.length - 1]!;
        // A press that moves on draws freehand; a finer step than a pixel adds nothing.
        const freehand = state.freehand || (state.points.length === 1 && distance(last, input.point) > SCREEN_TOLERANCE.drag * ctx.imagePxPerScreenPx);
        if (!freehand || distance(last, input.point) < 1) return step({ ...moved, freehand });
        return step({ ...moved, freehand, points: [...state.points, input.point] });
      }
      case 'up':
        if (state.freehand) return close({ ...state, points: [...state.points, input.point], cursor: input.point }, ctx);
        return step({ ...state, dragging: false });
      case 'doubleClick':
        return close(state, ctx);
      case 'key':
        if (input.key === 'Enter') return close(state, ctx);
        if (input.key === 'Escape') return step({ ...IDLE, cursor: state.cursor });
        if (input.key === 'Backspace' && !state.freehand) return step({ ...state, points: state.points.slice(0, -1) });
        return step(state);
      case 'cancel':
        return step(IDLE);
    }
  },
  preview(state) {
    if (state.points.length === 0) return null;
    return { contour: state.cursor && !state.freehand ? [...state.points, state.cursor] : state.points };
  },
};
