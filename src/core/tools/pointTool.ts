import { imagePoint } from '../geometry/round';
import { addOutline, step } from './common';
import type { Tool } from './tool';

/** A click marks a point (a mitosis, a cell to count): stateless. */
export const pointTool: Tool<null> = {
  id: 'point',
  initial: () => null,
  handle(state, input, ctx) {
    if (input.type !== 'down') return step(state);
    return step(state, [addOutline(ctx, { type: 'point', point: imagePoint(input.point, ctx.imageSize) })]);
  },
  preview: () => null,
};
