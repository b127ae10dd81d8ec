/**
 * /review/items/:itemId?annotator=<id>&next=<path> — the reviewer's screen of a CT series (a
 * slide's is slide/ReviewSlideView.tsx, a frame set's frames/ReviewFrameSetView.tsx): the series (read-only) with each reader's labels as
 * layers, the slices where handed-in readers differ, and for the selected reader the decision (A approves, R returns with a comment pinned
 * to the slice on screen, or with M to a point clicked on it) and their comment threads, point-pinned ones
 * also as pins on their slice. After a decision: `next`, else the queue.
 */
import { useMemo, useState } from 'react';
import { stepDiffering } from '../../../core/review/differingSlices';
import { imageTargetsOf } from '../../../core/targets';
import { useLanguage, useT } from '../../../i18n';
import type { ViewerAdapter } from '../../../viewer/adapter';
import { LazySeriesViewer } from '../../../viewer/LazySeriesViewer';
import { ErrorText } from '../../common/ErrorText';
import { useFileLoader } from '../../item/useFileLoader';
import { Link } from '../../Link';
import { paths, useSearch } from '../../router';
import { anchorWords } from './anchorWords';
import { ReviewFrameSetView } from './frames/ReviewFrameSetView';
import { ReviewPinLayer } from './ReviewPinLayer';
import { ReviewScreen } from './ReviewScreen';
import { ReviewSidePanel } from './ReviewSidePanel';
import { ReviewSliceStrip } from './ReviewSliceStrip';
import { ReviewSlideView } from './slide/ReviewSlideView';
import { useReviewItem, type ReviewItemData } from './useReviewItem';
import { usePointPin } from './usePointPin';
import { useReviewKeys, type ReviewKey } from './useReviewKeys';
import { useReviewSession } from './useReviewSession';
import './ReviewItemPage.css';

export function ReviewItemPage({ itemId }: { readonly itemId: string }) {
  // Another reader or item (a decision's `next`) loads afresh: its states changed with the decision.
  return <ReviewItemLoader key={useSearch()} itemId={itemId} />;
}

function ReviewItemLoader({ itemId }: { readonly itemId: string }) {
  const t = useT();
  const state = useReviewItem(itemId);
  if (state.status !== 'ready') {
    return (
      <main className="item-page reading-room" data-testid="review-item" data-ready="false">
        {state.status === 'loading' ? (
          <p className="status-line" role="status">
            {t('common.loading')}
          </p>
        ) : (
          <ErrorText error={state.error} testId="review-item-error" />
        )}
        <Link href={paths.reviewQueue()}>{t('reviewItem.backToQueue')}</Link>
      </main>
    );
  }
  const { content } = state.data.detail.item;
  if (content.kind === 'slide') return <ReviewSlideView key={itemId} data={state.data} slide={content} />;
  if (content.kind === 'frameSet') return <ReviewFrameSetView key={itemId} data={state.data} frameSet={content} />;
  return <ReviewItemView key={itemId} data={state.data} />;
}

function ReviewItemView({ data }: { readonly data: ReviewItemData }) {
  const t = useT();
  const [language] = useLanguage();
  const { detail, slices, targetIds, work, differing } = data;
  const itemId = detail.item.id;
  const session = useReviewSession(itemId, work);
  const { layers, threads } = session;
  const [index, setIndex] = useState(() => differing[0] ?? 0);
  const loadFile = useFileLoader(itemId, slices[0]?.fileId);
  const images = useMemo(() => imageTargetsOf(detail.item), [detail.item]);
  const pin = usePointPin(images, session.returning, threads);
  const [adapter, setAdapter] = useState<ViewerAdapter | null>(null);

  const differingSet = useMemo(() => new Set(differing), [differing]);
  const commented = useMemo(() => new Set(threads.flatMap((thread) => (thread.anchor.kind === 'item' ? [] : [targetIds.indexOf(thread.anchor.targetId)]))), [threads, targetIds]);

  const decide = (decision: 'approve' | 'return') => {
    const targetId = targetIds[index];
    return session.decide(decision, pin.anchor ?? (targetId === undefined ? { kind: 'item' } : { kind: 'target', targetId }));
  };
  const sendReturn = () => session.comment.trim() !== '' && void decide('return');

  const onKey = (key: ReviewKey) => {
    if (key === 'approve') return void decide('approve');
    if (key === 'return') return session.startReturn();
    if (key === 'pin') return pin.toggle();
    const to = stepDiffering(differing, index, key === 'nextDifference' ? 1 : -1);
    if (to !== null) setIndex(to);
  };
  useReviewKeys(!session.busy, onKey);

  const overlay = (
    <>
      <div className="viewer-overlay-label" data-testid="review-overlay">
        {layers.map((layer) => (
          <span key={layer.reader.annotatorId} className="review-overlay-reader">
            <span className="reader-swatch" style={{ background: layer.color }} aria-hidden="true" />
            {t('reviewItem.reader', { n: layer.number })}: {layer.cells[index]?.map((c) => c.name[language]).join(', ') || t('reviewItem.unlabelled')}
          </span>
        ))}
        {threads
          .filter((thread) => thread.status === 'open' && thread.anchor.kind !== 'item' && thread.anchor.targetId === targetIds[index])
          .map((thread) => (
            <span key={thread.id} className="review-overlay-reader" data-testid={`review-overlay-comment-${thread.id}`}>
              {t('comments.onSlice', { n: index + 1 })}: {thread.messages[0]?.body}
            </span>
          ))}
      </div>
      {adapter && <ReviewPinLayer adapter={adapter} pin={pin} />}
    </>
  );

  return (
    <ReviewScreen itemId={itemId} title={detail.item.title} annotatorId={session.annotatorId}>
      <div className="workspace">
        <div className="workspace-body">
          <section className="viewer-pane" aria-label={t('item.viewer')}>
            <LazySeriesViewer slices={slices} loadFile={loadFile} index={index} onIndexChange={setIndex} overlay={overlay} onAdapter={setAdapter} />
            <div className="slice-counter" data-testid="slice-counter" data-index={index} aria-live="polite">
              {t('slice.position', { n: index + 1, total: slices.length })}
            </div>
            <ReviewSliceStrip count={slices.length} index={index} layers={layers} differing={differingSet} commented={commented} onGo={setIndex} />
            <p className="muted small" data-testid="review-differences" data-count={differing.length}>
              {differing.length > 0 ? t('reviewItem.differences', { count: differing.length }) : t('reviewItem.noDifferences')}
            </p>
          </section>
          <ReviewSidePanel
            work={work}
            session={session}
            pin={pin}
            pinnedTo={pin.anchor ? anchorWords(pin.anchor, targetIds, 'slice', t) : t('reviewItem.slice', { n: index + 1 })}
            targetIds={targetIds}
            unit="slice"
            onJump={setIndex}
            onSendReturn={sendReturn}
          />
        </div>
      </div>
    </ReviewScreen>
  );
}
