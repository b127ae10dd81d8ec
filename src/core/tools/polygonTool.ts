import type { Point } from '../annotation';
import { dedupeRing, imagePoint } from '../geometry/round';
import { addOutline, distance, drawnOutline, imageTolerance, SCREEN_TOLERANCE, step } from './common';
import type { Tool, ToolContext, ToolStep } from './tool';

/** The vertices placed so far and where the pointer is (the next edge follows it). */
export interface PolygonState {
  readonly vertices: readonly Point[];
  readonly cursor: Point | null;
}

const IDLE: PolygonState = { vertices: [], cursor: null };

/** Closes the outline: one `shape/add` if it has an area (repaired if it crosses itself), nothing otherwise. */
function finish(state: PolygonState, ctx: ToolContext): ToolStep<PolygonState> {
  const geometry = drawnOutline(dedupeRing(state.vertices), ctx);
  return step(IDLE, geometry ? [addOutline(ctx, geometry)] : []);
}

/**
 * Click to place vertices; double-click, Enter or a click on the first vertex closes; Backspace
 * takes back the last vertex; Escape drops the outline. A click on the last vertex adds nothing,
 * so the two clicks of a double-click do not add vertices of their own.
 */
export const polygonTool: Tool<PolygonState> = {
  id: 'polygon',
  initial: () => IDLE,
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down': {
        const point = imagePoint(input.point, ctx.imageSize);
        const near = imageTolerance(ctx, SCREEN_TOLERANCE.vertex);
        const { vertices } = state;
        if (vertices.length >= 3 && distance(point, vertices[0]!) <= near) return finish(state, ctx);
        if (vertices.length > 0 && distance(point, vertices[vertices.length - 1]!) <= near) return step(state);
        return step({ vertices: [...vertices, point], cursor: point });
      }
      case 'move':
        return step({ ...state, cursor: imagePoint(input.point, ctx.imageSize) });
      // Never the start of an outline: a double-click on the first vertex closes on its first click,
      // and the vertex its second click placed goes with it.
      case 'doubleClick':
        return finish(state, ctx);
      case 'key':
        if (input.key === 'Enter') return finish(state, ctx);
        if (input.key === 'Escape') return step(IDLE);
        if (input.key === 'Backspace') return step({ ...state, vertices: state.vertices.slice(0, -1) });
        return step(state);
      case 'cancel':
        return step(IDLE);
      case 'up':
        return step(state);
    }
  },
  preview(state) {
    if (state.vertices.length === 0) return null;
    const points = state.cursor ? [...state.vertices, state.cursor] : state.vertices;
    return { geometry: { type: 'polyline', points }, handles: state.vertices };
  },
};
