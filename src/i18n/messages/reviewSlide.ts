import type { MessageTable } from '../types';

/** Messages of the reviewer's screen of a slide (the rest it shares with the CT screen's reviewItem table). */
export const reviewSlideMessages = {
  'reviewSlide.differences': { en: 'Regions where readers differ', ja: '読影者間で異なる領域' },
  'reviewSlide.differencesCount': { en: '{count} regions differ. N / P: next / previous.', ja: '{count} 件の領域で不一致。N / P：次 / 前へ。' },
  'reviewSlide.noDifferences': { en: 'The handed-in readers agree on every region.', ja: '提出された読影はすべての領域で一致しています。' },
  'reviewSlide.noneDrawn': { en: 'none drawn', ja: '描画なし' },
  'reviewSlide.answersDiffer': { en: '(readers differ)', ja: '（読影者間で不一致）' },
  'reviewSlide.pinnedRegion': { en: 'the {name} region', ja: '{name} の領域' },
  'reviewSlide.pinnedView': { en: 'the part of the slide in view', ja: '表示中のスライド範囲' },
  'reviewSlide.show': { en: 'Show', ja: '表示' },
} as const satisfies MessageTable;
