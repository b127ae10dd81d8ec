import type { Point } from '../../annotation';
import { resizedRadius, step } from '../../tools/common';
import { capsuleBounds, huWithin, paintCapsule, unionRect, type PixelFilter, type PixelRect } from '../labelmap';
import { setMaskEffect, type MaskTool, type MaskToolContext, type MaskToolId } from './maskTool';

export interface MaskBrushState {
  /** Radius of the round tip in image px (a lesion is outlined in its own pixels at any zoom). */
  readonly radius: number;
  readonly cursor: Point | null;
  /** Alt held at the last event: a painting brush erases while it is. */
  readonly alt: boolean;
  readonly stroke: {
    readonly mode: 'paint' | 'erase';
    readonly last: Point;
    /**
     * The labelmap being painted, owned by the stroke: each pointer step writes into it in
     * place rather than copying a slice's worth of bytes per move.
     */
    readonly labels: Uint8Array;
    /** Where the stroke's dabs may have changed `labels` so far (null: nowhere yet). */
    readonly touched: PixelRect | null;
  } | null;
}

export const MASK_BRUSH_RADIUS = { initial: 4, min: 0.5, max: 64, factor: 1.25 } as const;

type BrushKind = 'paint' | 'erase' | 'threshold';

/** The pixels a stroke may change: a threshold brush paints only its HU range, and nothing while the slice's HU values are unknown. */
function filterOf(kind: BrushKind, mode: 'paint' | 'erase', ctx: MaskToolContext): PixelFilter | undefined | null {
  if (kind !== 'threshold' || mode === 'erase') return undefined;
  return ctx.hu ? huWithin(ctx.hu, ctx.huRange) : null;
}

/** Paints one capsule of the stroke; answers the stroke's touched pixels with it. */
function dab(state: MaskBrushState, kind: BrushKind, from: Point, to: Point, ctx: MaskToolContext): PixelRect | null {
  const { stroke } = state;
  if (!stroke) return null;
  const filter = filterOf(kind, stroke.mode, ctx);
  if (filter === null) return stroke.touched;
  paintCapsule(stroke.labels, ctx.size, from, to, state.radius, stroke.mode === 'paint' ? 1 : 0, filter);
  return unionRect(stroke.touched, capsuleBounds(ctx.size, from, to, state.radius));
}

/**
 * A round brush on one slice's labelmap of the current segment: `paint` sets pixels (Alt held:
 * erases), `erase` clears them, `threshold` sets only pixels whose HU lies in the context's range
 * (e.g. 50–90 for fresh blood) and erases with Alt like the brush. `[` and `]` shrink and grow
 * the tip. A stroke, press to release, is one `mask/set`.
 */
function maskBrush(id: MaskToolId, kind: BrushKind): MaskTool<MaskBrushState> {
  return {
    id,
    initial: () => ({ radius: MASK_BRUSH_RADIUS.initial, cursor: null, alt: false, stroke: null }),
    handle(state, input, ctx) {
      switch (input.type) {
        case 'down': {
          const mode = kind === 'erase' || input.modifiers.alt ? 'erase' : 'paint';
          const stroke = { mode, last: input.point, labels: ctx.labels(), touched: null } as const;
          const next: MaskBrushState = { ...state, cursor: input.point, alt: input.modifiers.alt, stroke };
          return step({ ...next, stroke: { ...stroke, touched: dab(next, kind, input.point, input.point, ctx) } });
        }
        case 'move': {
          const moved: MaskBrushState = { ...state, cursor: input.point, alt: input.modifiers.alt };
          if (!state.stroke || !input.pressed) return step(moved);
          const touched = dab(state, kind, state.stroke.last, input.point, ctx);
          return step({ ...moved, stroke: { ...state.stroke, last: input.point, touched } });
        }
        case 'up': {
          const { stroke } = state;
          if (!stroke) return step(state);
          dab(state, kind, stroke.last, input.point, ctx);
          return step({ ...state, cursor: input.point, stroke: null }, [setMaskEffect(ctx, stroke.labels)]);
        }
        case 'key': {
          const radius = resizedRadius(state.radius, input.key, MASK_BRUSH_RADIUS);
          if (radius !== null) return step({ ...state, radius });
          return step(input.key === 'Escape' ? { ...state, stroke: null } : state);
        }
        case 'cancel':
          return step({ ...state, stroke: null, cursor: null });
        case 'doubleClick':
          return step(state);
      }
    },
    preview(state) {
      if (!state.cursor) return null;
      const mode = state.stroke?.mode ?? (kind === 'erase' || state.alt ? 'erase' : 'paint');
      const brush = { center: state.cursor, radius: state.radius, mode };
      return state.stroke ? { brush, labels: state.stroke.labels, touched: state.stroke.touched } : { brush };
    },
  };
}

export const maskBrushTool = maskBrush('maskBrush', 'paint');
export const maskEraserTool = maskBrush('maskEraser', 'erase');
export const thresholdBrushTool = maskBrush('thresholdBrush', 'threshold');
