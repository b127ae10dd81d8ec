import { step } from '../../tools/common';
import { floodFill } from '../fill';
import { huWithin } from '../labelmap';
import { setMaskEffect, type MaskTool } from './maskTool';

export interface FloodFillState {
  readonly cursor: readonly [number, number] | null;
}

/**
 * A click fills the 4-connected region around the clicked pixel whose HU lies in the context's
 * range (a clot of 50–90 HU stops at brain and bone); Alt clears that region instead. A click
 * on a pixel outside the range, or before the slice's HU values are read, changes nothing.
 */
export const floodFillTool: MaskTool<FloodFillState> = {
  id: 'floodFill',
  initial: () => ({ cursor: null }),
  handle(state, input, ctx) {
    switch (input.type) {
      case 'down': {
        if (!ctx.hu) return step({ cursor: input.point });
        const labels = ctx.labels();
        const changed = floodFill(labels, ctx.size, input.point, huWithin(ctx.hu, ctx.huRange), input.modifiers.alt ? 0 : 1);
        return step({ cursor: input.point }, changed > 0 ? [setMaskEffect(ctx, labels)] : []);
      }
      case 'move':
        return step({ cursor: input.point });
      case 'cancel':
        return step({ cursor: null });
      case 'up':
      case 'doubleClick':
      case 'key':
        return step(state);
    }
  },
  preview: () => null,
};
