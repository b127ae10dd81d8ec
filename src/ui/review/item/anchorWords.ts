/** Where a comment is pinned, in words ("a point on slice 5", "a point on the slide"): the thread list's and the return box's. */
import type { CommentAnchor } from '../../../core/api';
import { anchorPlace } from '../../../core/review/anchorPlace';
import type { Translate } from '../../../i18n';

/** `onSlide`: the item is a slide (its one target needs no number). `targetIds`: the item's targets in reading order. */
export function anchorWords(anchor: CommentAnchor, targetIds: readonly string[], onSlide: boolean, t: Translate): string {
  const place = anchorPlace(anchor, targetIds);
  if (place.kind === 'item') return t('comments.place.item');
  if (onSlide) return t(SLIDE_KEYS[place.kind]);
  return t(SLICE_KEYS[place.kind], { n: place.slice });
}

const SLICE_KEYS = { target: 'comments.place.slice', point: 'comments.place.pointOnSlice', region: 'comments.place.regionOnSlice' } as const;
const SLIDE_KEYS = { target: 'comments.place.slide', point: 'comments.place.pointOnSlide', region: 'comments.place.regionOnSlide' } as const;
