/** Where a comment is pinned, in words ("a point on slice 5", "frame 12", "a point on the slide"): the thread list's and the return box's. */
import type { CommentAnchor } from '../../../core/api';
import type { ItemContent } from '../../../core/item';
import { anchorPlace } from '../../../core/review/anchorPlace';
import type { Translate } from '../../../i18n';

/** What an item's targets are called: a series' slices, a frame set's frames, a slide's one target (no number). */
export type AnchorUnit = 'slice' | 'frame' | 'slide';

export function anchorUnitOf(kind: ItemContent['kind']): AnchorUnit {
  return kind === 'slide' ? 'slide' : kind === 'frameSet' ? 'frame' : 'slice';
}

/** `targetIds`: the item's targets in reading order. */
export function anchorWords(anchor: CommentAnchor, targetIds: readonly string[], unit: AnchorUnit, t: Translate): string {
  const place = anchorPlace(anchor, targetIds);
  if (place.kind === 'item') return t('comments.place.item');
  if (unit === 'slide') return t(SLIDE_KEYS[place.kind]);
  return t((unit === 'frame' ? FRAME_KEYS : SLICE_KEYS)[place.kind], { n: place.slice });
}

const SLICE_KEYS = { target: 'comments.place.slice', point: 'comments.place.pointOnSlice', region: 'comments.place.regionOnSlice' } as const;
const FRAME_KEYS = { target: 'comments.place.frame', point: 'comments.place.pointOnFrame', region: 'comments.place.regionOnFrame' } as const;
const SLIDE_KEYS = { target: 'comments.place.slide', point: 'comments.place.pointOnSlide', region: 'comments.place.regionOnSlide' } as const;
