import type { Geometry, Point, Shape } from '../annotation';
import { geometryBounds, type Box } from '../bounds';
import { geometryFault } from '../geometry/crossings';
import { boxFromCorners } from '../geometry/hitTest';
import { imagePoint, roundCoordinate } from '../geometry/round';
import { clampMove, moveVertex, polygonVertices, translateGeometry, type VertexRef } from '../geometry/transform';
import { distance, imageTolerance, isUsableArea, SCREEN_TOLERANCE, step } from './common';
import type { Modifiers, Tool, ToolContext, ToolEffect, ToolPreview, ToolStep } from './tool';

/**
 * - `pressed`: the button went down on an outline; a click or a drag is not yet told apart.
 * - `moving`: the selection follows the pointer; released, it moves in one step.
 * - `boxing`: a rubber band from empty space; released, it selects what lies wholly inside.
 * - `vertex`: one vertex of the single selected polygon follows the pointer.
 */
export type SelectState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pressed'; readonly start: Point; readonly hitId: string; readonly ids: readonly string[]; readonly toggle: boolean }
  | { readonly kind: 'moving'; readonly start: Point; readonly hitId: string; readonly ids: readonly string[]; readonly bounds: Box; readonly delta: Point }
  | { readonly kind: 'boxing'; readonly start: Point; readonly current: Point; readonly additive: boolean }
  | { readonly kind: 'vertex'; readonly id: string; readonly ref: VertexRef; readonly to: Point };

const IDLE: SelectState = { kind: 'idle' };

/** The one selected outline, when exactly one polygon or multiPolygon is selected: its vertices get handles. */
function editablePolygon(ctx: ToolContext): Shape | null {
  if (ctx.selection.size !== 1) return null;
  const [id] = ctx.selection;
  const shape = ctx.shape(id!);
  return shape && (shape.geometry.type === 'polygon' || shape.geometry.type === 'multiPolygon') ? shape : null;
}

function handleAt(ctx: ToolContext, point: Point): { readonly shape: Shape; readonly ref: VertexRef; readonly at: Point } | null {
  const shape = editablePolygon(ctx);
  if (!shape) return null;
  const tolerance = imageTolerance(ctx, SCREEN_TOLERANCE.hit);
  let best: { ref: VertexRef; at: Point; d: number } | null = null;
  for (const { ref, point: vertex } of polygonVertices(shape.geometry)) {
    const d = distance(point, vertex);
    if (d <= tolerance && (!best || d < best.d)) best = { ref, at: vertex, d };
  }
  return best && { shape, ref: best.ref, at: best.at };
}

function unionBox(boxes: readonly Box[]): Box {
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}

function press(ctx: ToolContext, point: Point, modifiers: Modifiers): ToolStep<SelectState> {
  const handle = handleAt(ctx, point);
  if (handle && !modifiers.shift) return step({ kind: 'vertex', id: handle.shape.id, ref: handle.ref, to: handle.at });
  const hit = ctx.shapeAt(point, imageTolerance(ctx, SCREEN_TOLERANCE.hit));
  if (!hit) return step({ kind: 'boxing', start: point, current: point, additive: modifiers.shift });
  const selected = ctx.selection.has(hit.id);
  if (selected) {
    // A click (no drag) on a selected outline: Shift takes it out, otherwise it alone stays selected.
    return step({ kind: 'pressed', start: point, hitId: hit.id, ids: [...ctx.selection], toggle: true });
  }
  const ids = modifiers.shift ? [...ctx.selection, hit.id] : [hit.id];
  return step({ kind: 'pressed', start: point, hitId: hit.id, ids, toggle: false }, [{ type: 'select', ids }]);
}

function startMove(state: Extract<SelectState, { kind: 'pressed' }>, ctx: ToolContext, point: Point): SelectState {
  const shapes = state.ids.map((id) => ctx.shape(id)).filter((s): s is Shape => s !== undefined);
  const bounds = unionBox(shapes.map((s) => geometryBounds(s.geometry)));
  return { kind: 'moving', start: state.start, hitId: state.hitId, ids: shapes.map((s) => s.id), bounds, delta: moveDelta(bounds, state.start, point, ctx) };
}

function moveDelta(bounds: Box, start: Point, point: Point, ctx: ToolContext): Point {
  const [dx, dy] = clampMove(bounds, point[0] - start[0], point[1] - start[1], ctx.imageSize);
  return [roundCoordinate(dx), roundCoordinate(dy)];
}

function release(state: SelectState, ctx: ToolContext, modifiers: Modifiers): ToolStep<SelectState> {
  switch (state.kind) {
    case 'pressed': {
      if (!state.toggle) return step(IDLE);
      const ids = modifiers.shift ? [...ctx.selection].filter((id) => id !== state.hitId) : [state.hitId];
      return step(IDLE, [{ type: 'select', ids }]);
    }
    case 'moving': {
      const [dx, dy] = state.delta;
      if (dx === 0 && dy === 0) return step(IDLE);
      return step(IDLE, [{ type: 'execute', command: { name: 'shape/translate', params: { ids: state.ids, dx, dy } } }]);
    }
    case 'boxing': {
      const box = boxFromCorners(state.start, state.current);
      const dragged = distance(state.start, state.current) > imageTolerance(ctx, SCREEN_TOLERANCE.drag);
      const inside = dragged ? ctx.shapesIn(box).map((s) => s.id) : [];
      if (state.additive) return step(IDLE, inside.length > 0 ? [{ type: 'select', ids: [...new Set([...ctx.selection, ...inside])] }] : []);
      return step(IDLE, [{ type: 'select', ids: inside }]);
    }
    case 'vertex': {
      const shape = ctx.shape(state.id);
      const geometry = shape && editedVertex(shape.geometry, state);
      if (!shape || !geometry || distance(state.to, vertexAt(shape.geometry, state.ref)) === 0) return step(IDLE);
      // Snaps back, said why: the outline would cross itself (QuPath refuses such an edit too).
      if (wouldCross(shape.geometry, geometry)) return step(IDLE, [{ type: 'notice', notice: 'outlineWouldCross' }]);
      return step(IDLE, [{ type: 'execute', command: { name: 'shape/update', params: { id: shape.id, geometry } } }]);
    }
    case 'idle':
      return step(IDLE);
  }
}

function vertexAt(geometry: Geometry, ref: VertexRef): Point {
  return polygonVertices(geometry).find((v) => v.ref.part === ref.part && v.ref.ring === ref.ring && v.ref.index === ref.index)!.point;
}

/** The outline with the dragged vertex moved, or null when that would leave a ring without area. */
function editedVertex(geometry: Geometry, state: Extract<SelectState, { kind: 'vertex' }>): Geometry | null {
  const moved = moveVertex(geometry, state.ref, state.to);
  return isUsableArea(moved) ? moved : null;
}

/** The edit makes a valid outline cross itself (an outline that already crossed may be reshaped). */
function wouldCross(before: Geometry, after: Geometry): boolean {
  return geometryFault(after) !== null && geometryFault(before) === null;
}

function keyPressed(state: SelectState, ctx: ToolContext, key: string): ToolStep<SelectState> {
  if (key === 'Escape') return state.kind === 'idle' || state.kind === 'pressed' ? step(IDLE, [{ type: 'select', ids: [] }]) : step(IDLE);
  if (state.kind !== 'idle' || ctx.selection.size === 0) return step(state);
  const ids = [...ctx.selection];
  if (key === 'Delete' || key === 'Backspace') {
    const effects: ToolEffect[] = [{ type: 'execute', command: { name: 'shape/removeMany', params: { ids } } }, { type: 'select', ids: [] }];
    return step(IDLE, effects);
  }
  const classCode = ctx.classForKey(key);
  if (classCode === undefined) return step(state);
  return step(IDLE, [{ type: 'execute', command: { name: 'shape/setClass', params: { ids, classCode } } }]);
}

/**
 * Click selects the topmost outline (Shift+click adds or removes it); a drag on empty space
 * selects the outlines wholly inside the band (Shift adds them); dragging a selected outline
 * moves the selection in one undo step; dragging a vertex handle of the single selected polygon
 * reshapes it (a drag that would make it cross itself shows the outline as a warning and snaps
 * back on release); Delete or Backspace removes the selection; a class key changes its class; Escape
 * clears it (or drops a drag in progress).
 */
export const selectTool: Tool<SelectState> = {
  id: 'select',
  initial: () => IDLE,
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down':
        return press(ctx, input.point, input.modifiers);
      case 'move': {
        if (!input.pressed) return step(state);
        if (state.kind === 'pressed') {
          const dragged = distance(state.start, input.point) > imageTolerance(ctx, SCREEN_TOLERANCE.drag);
          return step(dragged ? startMove(state, ctx, input.point) : state);
        }
        if (state.kind === 'moving') return step({ ...state, delta: moveDelta(state.bounds, state.start, input.point, ctx) });
        if (state.kind === 'boxing') return step({ ...state, current: input.point });
        if (state.kind === 'vertex') return step({ ...state, to: imagePoint(input.point, ctx.imageSize) });
        return step(state);
      }
      case 'up':
        return release(state, ctx, input.modifiers);
      case 'key':
        return keyPressed(state, ctx, input.key);
      case 'cancel':
        return step(IDLE);
      case 'doubleClick':
        return step(state);
    }
  },
  preview(state, ctx): ToolPreview | null {
    if (state.kind === 'boxing') return { box: boxFromCorners(state.start, state.current) };
    if (state.kind === 'moving') {
      const shape = ctx.shape(state.hitId);
      const moving = { ids: state.ids, delta: state.delta };
      return shape ? { geometry: translateGeometry(shape.geometry, state.delta[0], state.delta[1]), moving } : { moving };
    }
    if (state.kind === 'vertex') {
      const shape = ctx.shape(state.id);
      if (!shape) return null;
      const geometry = moveVertex(shape.geometry, state.ref, state.to);
      const handles = polygonVertices(geometry).map((v) => v.point);
      return wouldCross(shape.geometry, geometry) ? { geometry, handles, crossing: true } : { geometry, handles };
    }
    const shape = editablePolygon(ctx);
    return shape ? { handles: polygonVertices(shape.geometry).map((v) => v.point) } : null;
  },
};
