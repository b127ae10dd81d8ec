/**
 * Where a comment is pinned, as the words for it need it: what kind of place, and on which slice
 * (1-based, in reading order) when the item has slices. The words themselves are the UI's.
 */
import type { CommentAnchor } from '../api';

export type AnchorPlace = { readonly kind: 'item' } | { readonly kind: 'target' | 'point' | 'region'; readonly slice: number };

/** `targetIds`: the item's targets in reading order. A target the item does not have reads as the whole item. */
export function anchorPlace(anchor: CommentAnchor, targetIds: readonly string[]): AnchorPlace {
  if (anchor.kind === 'item') return { kind: 'item' };
  const index = targetIds.indexOf(anchor.targetId);
  return index < 0 ? { kind: 'item' } : { kind: anchor.kind, slice: index + 1 };
}
