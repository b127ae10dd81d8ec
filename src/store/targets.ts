import type { Item } from '../core/item';

/** The targets a label of this item can attach to: slices, frames, or the whole image. */
export function targetIdsOf(item: Item): string[] {
  switch (item.content.kind) {
    case 'series':
      return item.content.slices.map((slice) => slice.targetId);
    case 'frameSet':
      return item.content.frames.map((frame) => frame.targetId);
    case 'slide':
      return [item.id];
  }
}
