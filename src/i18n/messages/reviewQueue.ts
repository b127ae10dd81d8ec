import type { MessageTable } from '../types';

/** Messages of the reviewer's queue (/review). */
export const reviewQueueMessages = {
  'nav.review': { en: 'Review', ja: 'レビュー' },
  'reviewQueue.title': { en: 'Review queue', ja: 'レビュー待ち' },
  'reviewQueue.intro': {
    en: 'Handed-in work of items you do not read, longest waiting first. j / k or the arrow keys move, Enter opens.',
    ja: '自分が読影していない症例の提出済み作業を、待ち時間の長い順に表示します。j / k または矢印キーで移動、Enter で開きます。',
  },
  'reviewQueue.filter.dataset': { en: 'Dataset', ja: 'データセット' },
  'reviewQueue.filter.annotator': { en: 'Annotator', ja: 'アノテーター' },
  'reviewQueue.filter.age': { en: 'Waiting for', ja: '待ち時間' },
  'reviewQueue.filter.disagreement': { en: 'Readers', ja: '読影者間' },
  'reviewQueue.filter.any': { en: 'Any', ja: 'すべて' },
  'reviewQueue.filter.age.hour': { en: 'Over an hour', ja: '1 時間以上' },
  'reviewQueue.filter.age.day': { en: 'Over a day', ja: '1 日以上' },
  'reviewQueue.filter.age.week': { en: 'Over a week', ja: '1 週間以上' },
  'reviewQueue.filter.disagreement.only': { en: 'Differ', ja: '相違あり' },
  'reviewQueue.filter.disagreement.none': { en: 'Agree', ja: '一致' },
  'reviewQueue.column.item': { en: 'Item', ja: '症例' },
  'reviewQueue.column.dataset': { en: 'Dataset', ja: 'データセット' },
  'reviewQueue.column.annotator': { en: 'Annotator', ja: 'アノテーター' },
  'reviewQueue.column.waiting': { en: 'Waiting for', ja: '待ち時間' },
  'reviewQueue.column.handedIn': { en: 'Readers handed in', ja: '提出済み読影者' },
  'reviewQueue.column.differs': { en: 'Readers differ', ja: '読影者間の相違' },
  'reviewQueue.handedIn': { en: '{handedIn} of {readers}', ja: '{readers} 人中 {handedIn} 人' },
  'reviewQueue.differs': { en: 'Differs', ja: '相違あり' },
  'reviewQueue.age.minutes': { en: '{count} min', ja: '{count} 分' },
  'reviewQueue.age.hours': { en: '{count} h', ja: '{count} 時間' },
  'reviewQueue.age.days': { en: '{count} d', ja: '{count} 日' },
  'reviewQueue.empty': { en: 'Nothing is waiting for review.', ja: 'レビュー待ちの作業はありません。' },
  'reviewQueue.more': { en: 'Load more', ja: 'さらに読み込む' },
} as const satisfies MessageTable;
