/**
 * The reviewer's screen of a frame set (stills or a video's frames): a bounded strip of frames
 * with each shown reader's answers as chips in the reader's colour and the frames where handed-in
 * readers differ marked, the current frame large with each reader's answers written on it, and
 * the decision on the chosen reader (A approves; R returns with a comment pinned to the frame on
 * screen; Ctrl+Enter sends), and the threads, whose "go to" shows their frame. N / P go to the next / previous differing frame, ← / → one frame.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FrameSetItem } from '../../../../core/item';
import { stepDiffering } from '../../../../core/review/differingSlices';
import { useLanguage, useT } from '../../../../i18n';
import { DEFAULT_VIEW, FrameLargeView } from '../../../frames/FrameLargeView';
import { typingInto } from '../../../reading/typingInto';
import { ReviewScreen } from '../ReviewScreen';
import { ReviewSidePanel } from '../ReviewSidePanel';
import type { ReviewItemData } from '../useReviewItem';
import { useReviewKeys, type ReviewKey } from '../useReviewKeys';
import { useReviewSession } from '../useReviewSession';
import { ReviewFrameStrip } from './ReviewFrameStrip';
import './ReviewFrameSetView.css';

/** Differing frames named in words under the strip; past this many, only their count. */
const NAMED_DIFFERENCES = 20;

export function ReviewFrameSetView({ data, frameSet }: { readonly data: ReviewItemData; readonly frameSet: FrameSetItem }) {
  const t = useT();
  const [language] = useLanguage();
  const { detail, targetIds, work, differing } = data;
  const itemId = detail.item.id;
  const session = useReviewSession(itemId, work);
  const { layers, threads } = session;
  const [index, setIndex] = useState(() => differing[0] ?? 0);
  const [view, setView] = useState(DEFAULT_VIEW);
  const count = frameSet.frames.length;

  const differingSet = useMemo(() => new Set(differing), [differing]);
  const commented = useMemo(() => new Set(threads.flatMap((thread) => (thread.anchor.kind === 'item' ? [] : [targetIds.indexOf(thread.anchor.targetId)]))), [threads, targetIds]);
  const go = (frame: number) => setIndex(Math.max(0, Math.min(count - 1, frame)));

  const decide = (decision: 'approve' | 'return') => {
    const targetId = targetIds[index];
    return session.decide(decision, targetId === undefined ? { kind: 'item' } : { kind: 'target', targetId });
  };
  const sendReturn = () => session.comment.trim() !== '' && void decide('return');

  const onKey = (key: ReviewKey) => {
    if (key === 'approve') return void decide('approve');
    if (key === 'return') return session.startReturn();
    // A frame set's returns pin to the frame on screen: M has no point to pin here.
    if (key === 'pin') return;
    const to = stepDiffering(differing, index, key === 'nextDifference' ? 1 : -1);
    if (to !== null) setIndex(to);
  };
  useReviewKeys(!session.busy, onKey);
  useFrameStepKeys(!session.busy, (step) => setIndex((at) => Math.max(0, Math.min(count - 1, at + step))));

  const overlay = (
    <div className="viewer-overlay-label" data-testid="review-overlay">
      {layers.map((layer) => (
        <span key={layer.reader.annotatorId} className="review-overlay-reader" data-testid={`review-frame-answer-${layer.number}`}>
          <span className="reader-swatch" style={{ background: layer.color }} aria-hidden="true" />
          {t('reviewItem.reader', { n: layer.number })}: {layer.cells[index]?.map((c) => c.name[language]).join(', ') || t('reviewItem.unlabelled')}
        </span>
      ))}
    </div>
  );
  const named = differing.slice(0, NAMED_DIFFERENCES).map((frame) => frame + 1);

  return (
    <ReviewScreen itemId={itemId} title={detail.item.title} annotatorId={session.annotatorId}>
      <div className="workspace review-frames" data-testid="review-frames" data-frame={index}>
        <div className="workspace-body">
          <section className="viewer-pane" aria-label={t('item.viewer')}>
            <FrameLargeView itemId={itemId} targetId={targetIds[index]} frame={index} total={count} view={view} onView={setView} onDisplayed={() => undefined} overlay={overlay} />
            <ReviewFrameStrip itemId={itemId} sprites={frameSet.sprites} count={count} current={index} layers={layers} differing={differingSet} commented={commented} onGo={go} />
            <p className="muted small" data-testid="review-differences" data-count={differing.length}>
              {differing.length === 0
                ? t('reviewFrames.noDifferences')
                : differing.length <= NAMED_DIFFERENCES
                  ? t('reviewFrames.differencesNamed', { count: differing.length, frames: named.join(', ') })
                  : t('reviewFrames.differences', { count: differing.length })}
            </p>
          </section>
          <ReviewSidePanel
            work={work}
            session={session}
            pin={null}
            pinnedTo={t('reviewFrames.frame', { n: index + 1 })}
            targetIds={targetIds}
            unit="frame"
            onJump={go}
            jumpLabel={(frame) => t('reviewFrames.goTo', { n: frame + 1 })}
            onSendReturn={sendReturn}
          />
        </div>
      </div>
    </ReviewScreen>
  );
}

/** ← / → step one frame back / on; not while typing or with a modifier held. */
function useFrameStepKeys(enabled: boolean, onStep: (step: -1 | 1) => void): void {
  const handler = useRef(onStep);
  handler.current = onStep;
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      handler.current(event.key === 'ArrowLeft' ? -1 : 1);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
