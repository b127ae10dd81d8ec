import type { Geometry, Point } from '../annotation';
import type { ImageSize } from '../geometry/round';
import { clampPoint, roundPoint } from '../geometry/round';
import { addOutline, step } from './common';
import { IDLE_BOX, type BoxDragState } from './rectangleTool';
import type { Modifiers, Tool } from './tool';

export interface EllipseState extends BoxDragState {
  /** Shift held at the last event: a circle. */
  readonly circle: boolean;
}

const IDLE: EllipseState = { ...IDLE_BOX, circle: false };

/**
 * The ellipse inscribed in the dragged box, or with Shift the circle inscribed in a square from
 * the pressed corner towards the pointer, shrunk where the image ends so it stays a circle.
 */
function ellipseOf(start: Point, pointer: Point, circle: boolean, image: ImageSize): Extract<Geometry, { type: 'ellipse' }> {
  let corner = clampPoint(pointer, image);
  if (circle) {
    const dx = pointer[0] - start[0];
    const dy = pointer[1] - start[1];
    const roomX = dx >= 0 ? image.width - start[0] : start[0];
    const roomY = dy >= 0 ? image.height - start[1] : start[1];
    const side = Math.min(Math.max(Math.abs(dx), Math.abs(dy)), roomX, roomY);
    corner = [start[0] + (dx >= 0 ? side : -side), start[1] + (dy >= 0 ? side : -side)];
  }
  const center = roundPoint([(start[0] + corner[0]) / 2, (start[1] + corner[1]) / 2]);
  const radii = roundPoint([Math.abs(corner[0] - start[0]) / 2, Math.abs(corner[1] - start[1]) / 2]);
  return { type: 'ellipse', center, radii, rotation: 0 };
}

function withShift(state: EllipseState, modifiers: Modifiers, current: Point | null = state.current): EllipseState {
  return { ...state, current, circle: modifiers.shift };
}

/** Drag a box: the ellipse inside it (Shift: a circle); one with no width or height makes nothing. */
export const ellipseTool: Tool<EllipseState> = {
  id: 'ellipse',
  initial: () => IDLE,
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down': {
        const point = clampPoint(input.point, ctx.imageSize);
        return step({ start: point, current: point, circle: input.modifiers.shift });
      }
      case 'move':
        return state.start && input.pressed ? step(withShift(state, input.modifiers, input.point)) : step(state);
      case 'up': {
        if (!state.start) return step(state);
        const ellipse = ellipseOf(state.start, input.point, input.modifiers.shift, ctx.imageSize);
        const empty = ellipse.radii[0] === 0 || ellipse.radii[1] === 0;
        return step(IDLE, empty ? [] : [addOutline(ctx, ellipse)]);
      }
      case 'key':
        if (input.key === 'Escape') return step(IDLE);
        // Shift pressed or released mid-drag switches between ellipse and circle at once.
        return input.key === 'Shift' ? step(withShift(state, input.modifiers)) : step(state);
      case 'cancel':
        return step(IDLE);
      case 'doubleClick':
        return step(state);
    }
  },
  preview(state, ctx) {
    return state.start && state.current ? { geometry: ellipseOf(state.start, state.current, state.circle, ctx.imageSize) } : null;
  },
};
