import type { Point } from '../annotation';
import { simplifyRing } from '../geometry/simplify';
import { dedupeRing, imagePoint, roundPoint } from '../geometry/round';
import { addOutline, distance, drawnOutline, imageTolerance, SCREEN_TOLERANCE, step } from './common';
import type { Tool } from './tool';

/** The path traced so far (null when not drawing), clamped into the image, unrounded. */
export interface FreehandState {
  readonly path: readonly Point[] | null;
}

const IDLE: FreehandState = { path: null };

/**
 * Press, trace the outline, release: the path closes and is simplified (Douglas–Peucker) to
 * within 1.5 screen px, so a traced lesion keeps its shape without a vertex per mouse event.
 * A trace that crosses itself (a figure eight, an overshoot where it closes) is repaired, not
 * refused: the hand's slip is common and the enclosed area is what was meant; the tiny loops and
 * slivers the crossing cuts off are dropped, not kept as parts. Escape while tracing drops it.
 */
export const freehandTool: Tool<FreehandState> = {
  id: 'freehand',
  initial: () => IDLE,
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down':
        return step({ path: [imagePoint(input.point, ctx.imageSize)] });
      case 'move': {
        if (!state.path || !input.pressed) return step(state);
        const point = imagePoint(input.point, ctx.imageSize);
        // Points closer than a quarter screen px carry no shape, only bytes.
        if (distance(point, state.path[state.path.length - 1]!) < imageTolerance(ctx, 0.25)) return step(state);
        return step({ path: [...state.path, point] });
      }
      case 'up': {
        if (!state.path) return step(state);
        const ring = dedupeRing(simplifyRing(dedupeRing(state.path), imageTolerance(ctx, SCREEN_TOLERANCE.simplify)).map((p) => roundPoint(p)));
        const geometry = drawnOutline(ring, ctx);
        return step(IDLE, geometry ? [addOutline(ctx, geometry)] : []);
      }
      case 'key':
        return input.key === 'Escape' ? step(IDLE) : step(state);
      case 'cancel':
        return step(IDLE);
      case 'doubleClick':
        return step(state);
    }
  },
  preview(state) {
    return state.path && state.path.length > 1 ? { geometry: { type: 'polyline', points: state.path } } : null;
  },
};
