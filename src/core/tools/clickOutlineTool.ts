import type { Point } from '../annotation';
import type { Box } from '../bounds';
import { boxFromCorners } from '../geometry/hitTest';
import { imagePoint, type ImageSize } from '../geometry/round';
import type { ModelPrompt } from '../models/modelInput';
import { distance, imageTolerance, SCREEN_TOLERANCE, step } from './common';
import type { Modifiers, Tool, ToolContext, ToolEffect, ToolStep } from './tool';

/** The prompts of one outline being asked for, on the image they were given on. */
interface PromptSession {
  readonly targetId: string;
  readonly prompts: readonly ModelPrompt[];
}

export interface ClickOutlineState {
  readonly session: PromptSession | null;
  /** The button is down: where it went down (with the modifiers held then) and where it is now. */
  readonly press: { readonly start: Point; readonly current: Point; readonly modifiers: Modifiers } | null;
}

const IDLE: ClickOutlineState = { session: null, press: null };

/** How far inside the far edges a click is kept: a point on the edge itself lies in no pixel. */
const EDGE_INSET = 0.01;

/** A point of the image (clamped onto it, rounded) moved off its far edges into its pixels. */
function inPixels([x, y]: Point, image: ImageSize): Point {
  return [Math.min(x, image.width - EDGE_INSET), Math.min(y, image.height - EDGE_INSET)];
}

function isDrag(press: NonNullable<ClickOutlineState['press']>, ctx: ToolContext): boolean {
  return distance(press.start, press.current) > imageTolerance(ctx, SCREEN_TOLERANCE.drag);
}

/** The button let go with nothing asked. */
function released(state: ClickOutlineState): ToolStep<ClickOutlineState> {
  return step({ ...state, press: null });
}

/** The session's prompts for the question and class chosen now; the effect's `refine` says whether it is a new outline. */
function ask(ctx: ToolContext, session: PromptSession, refine: boolean): ToolStep<ClickOutlineState> {
  const effect: ToolEffect = { type: 'prompt', prompts: session.prompts, targetId: session.targetId, questionId: ctx.questionId, classCode: ctx.classCode, refine };
  return step({ session, press: null }, [effect]);
}

/**
 * A click: a new outline from one positive point; with Shift a positive point, with Alt a negative
 * one, added to the outline being asked for (on its image; Alt with none does nothing). A click on
 * the last point asks nothing new, so the two clicks of a double-click make one outline.
 */
function click(state: ClickOutlineState, at: Point, modifiers: Modifiers, ctx: ToolContext): ToolStep<ClickOutlineState> {
  const point = inPixels(at, ctx.imageSize);
  const session = state.session?.targetId === ctx.targetId ? state.session : null;
  const last = session?.prompts.at(-1);
  if (last?.kind === 'point' && distance(last.point, point) <= imageTolerance(ctx, SCREEN_TOLERANCE.vertex)) return released(state);
  if (modifiers.alt) {
    return session ? ask(ctx, { ...session, prompts: [...session.prompts, { kind: 'point', point, positive: false }] }, true) : released(state);
  }
  const positive: ModelPrompt = { kind: 'point', point, positive: true };
  if (modifiers.shift && session) return ask(ctx, { ...session, prompts: [...session.prompts, positive] }, true);
  return ask(ctx, { targetId: ctx.targetId, prompts: [positive] }, false);
}

/** A drag (corners in the image): a new outline within the box it spans (a flat box asks nothing). */
function boxPrompt(state: ClickOutlineState, start: Point, end: Point, ctx: ToolContext): ToolStep<ClickOutlineState> {
  const box = boxFromCorners(start, end);
  if (box.minX === box.maxX || box.minY === box.maxY) return released(state);
  return ask(ctx, { targetId: ctx.targetId, prompts: [{ kind: 'box', topLeft: [box.minX, box.minY], bottomRight: [box.maxX, box.maxY] }] }, false);
}

/**
 * Click to outline: each click or drag is a prompt for a promptable model (the viewer runs it and
 * shows the outline as a proposal). Enter or Escape ends the outline being asked for.
 */
export const clickOutlineTool: Tool<ClickOutlineState> = {
  id: 'clickOutline',
  initial: () => IDLE,
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down': {
        const point = imagePoint(input.point, ctx.imageSize);
        return step({ ...state, press: { start: point, current: point, modifiers: input.modifiers } });
      }
      case 'move':
        return state.press && input.pressed ? step({ ...state, press: { ...state.press, current: imagePoint(input.point, ctx.imageSize) } }) : step(state);
      case 'up': {
        if (!state.press) return step(state);
        const press = { ...state.press, current: imagePoint(input.point, ctx.imageSize) };
        return isDrag(press, ctx) ? boxPrompt(state, press.start, press.current, ctx) : click(state, press.start, press.modifiers, ctx);
      }
      case 'key':
        return input.key === 'Enter' || input.key === 'Escape' ? step(IDLE) : step(state);
      case 'cancel':
        return step(IDLE);
      case 'doubleClick':
        return step(state);
    }
  },
  preview(state, ctx) {
    const prompts = state.session?.targetId === ctx.targetId ? state.session.prompts : [];
    const box: Box | null = state.press && isDrag(state.press, ctx) ? boxFromCorners(state.press.start, state.press.current) : null;
    if (prompts.length === 0 && !box) return null;
    return { ...(prompts.length > 0 ? { prompts } : {}), ...(box ? { box } : {}) };
  },
};
