import type { Point } from '../annotation';
import { boxFromCorners } from '../geometry/hitTest';
import { imagePoint } from '../geometry/round';
import { addOutline, step } from './common';
import type { Tool } from './tool';

/** The corner pressed and the corner under the pointer (null when not dragging). */
export interface BoxDragState {
  readonly start: Point | null;
  readonly current: Point | null;
}

export const IDLE_BOX: BoxDragState = { start: null, current: null };

/** The rectangle spanned by a drag, both corners clamped into the image and rounded. */
function rectangleOf(start: Point, current: Point) {
  const box = boxFromCorners(start, current);
  return { type: 'rectangle' as const, topLeft: [box.minX, box.minY] as const, bottomRight: [box.maxX, box.maxY] as const };
}

/** Drag from corner to corner; a drag with no width or no height makes nothing. */
export const rectangleTool: Tool<BoxDragState> = {
  id: 'rectangle',
  initial: () => IDLE_BOX,
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down': {
        const point = imagePoint(input.point, ctx.imageSize);
        return step({ start: point, current: point });
      }
      case 'move':
        return state.start && input.pressed ? step({ ...state, current: imagePoint(input.point, ctx.imageSize) }) : step(state);
      case 'up': {
        if (!state.start) return step(state);
        const rectangle = rectangleOf(state.start, imagePoint(input.point, ctx.imageSize));
        const empty = rectangle.topLeft[0] === rectangle.bottomRight[0] || rectangle.topLeft[1] === rectangle.bottomRight[1];
        return step(IDLE_BOX, empty ? [] : [addOutline(ctx, rectangle)]);
      }
      case 'key':
        return input.key === 'Escape' ? step(IDLE_BOX) : step(state);
      case 'cancel':
        return step(IDLE_BOX);
      case 'doubleClick':
        return step(state);
    }
  },
  preview(state) {
    return state.start && state.current ? { geometry: rectangleOf(state.start, state.current) } : null;
  },
};
