/**
 * On the annotator's item page: the reviewer's comment threads on their document, open ones
 * first, with a button to each thread's slice (on a slide: that fits the thread's region or point
 * to the view), a reply box and resolve. Shown when the item was
 * returned or has threads; the annotator fixes their labels and submits again as usual.
 */
import type { CommentThread } from '../../core/api';
import type { Box } from '../../core/bounds';
import { anchorBox } from '../../core/review/regionBoxes';
import { useT } from '../../i18n';
import { appStore, type OpenItem } from '../../store';
import { anchorUnitOf } from '../review/item/anchorWords';
import { CommentThreads } from '../review/item/CommentThreads';

/** `threads`: the reader's own (see useOwnThreads). `onShowRegion`: a slide's page shows an anchor's box (null: the whole slide). */
export function ReturnedNotice({
  open,
  threads,
  onChanged,
  onShowRegion,
}: {
  readonly open: OpenItem;
  readonly threads: readonly CommentThread[];
  readonly onChanged: () => void;
  readonly onShowRegion?: ((box: Box | null) => void) | undefined;
}) {
  const t = useT();
  const returned = open.detail?.state === 'returned';
  if (!returned && threads.length === 0) return null;
  const openCount = threads.filter((thread) => thread.status === 'open').length;
  return (
    <section className="returned-notice notice" data-testid="returned-notice" aria-label={t('comments.title')}>
      {returned && <p>{t('comments.returned')}</p>}
      <details open={openCount > 0}>
        <summary>
          {t('comments.title')} ({openCount}/{threads.length})
        </summary>
        <CommentThreads
          threads={threads}
          targetIds={open.targetIds}
          unit={anchorUnitOf(open.detail?.item.content.kind ?? 'series')}
          onJump={(index, thread) => (onShowRegion ? onShowRegion(anchorBox(thread.anchor)) : appStore().getState().goToSlice(index))}
          jumpLabel={onShowRegion ? () => t('reviewSlide.show') : open.detail?.item.content.kind === 'frameSet' ? (index) => t('reviewFrames.goTo', { n: index + 1 }) : undefined}
          onChanged={onChanged}
          canReopen={false}
        />
      </details>
    </section>
  );
}
