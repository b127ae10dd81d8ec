/**
 * /review/items/:itemId?annotator=<id>&next=<path> — the reviewer's screen of a CT series: the
 * series (read-only) with each reader's labels as layers, the slices where handed-in readers
 * differ, and for the selected reader the decision (A approves, R returns with a comment pinned
 * to the slice on screen) and their comment threads. After a decision: `next`, else the queue.
 */
import { useMemo, useState } from 'react';
import type { CommentAnchor } from '../../../core/api';
import { stepDiffering } from '../../../core/review/differingSlices';
import { useLanguage, useT } from '../../../i18n';
import { appServices, useAppStore } from '../../../store';
import { toAppError, type AppError } from '../../../store/loadError';
import { LazySeriesViewer } from '../../../viewer/LazySeriesViewer';
import { ErrorText } from '../../common/ErrorText';
import { StateBadge } from '../../common/StateBadge';
import { useFileLoader } from '../../item/useFileLoader';
import { Link } from '../../Link';
import { navigate, paths, useSearch } from '../../router';
import { CommentThreads } from './CommentThreads';
import type { ReaderWork } from './readerWork';
import { ReviewDecisionPanel } from './ReviewDecisionPanel';
import { ReviewSliceStrip } from './ReviewSliceStrip';
import { useCommentThreads, useReviewItem, type ReviewItemData } from './useReviewItem';
import { useReviewKeys, type ReviewKey } from './useReviewKeys';
import './ReviewItemPage.css';

const HANDED_IN = new Set(['submitted', 'approved']);

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
  return <ReviewItemView key={itemId} data={state.data} />;
}

function ReviewItemView({ data }: { readonly data: ReviewItemData }) {
  const t = useT();
  const [language] = useLanguage();
  const me = useAppStore((s) => s.session?.user.id ?? null);
  const { detail, review, slices, work, differing } = data;
  const itemId = detail.item.id;
  const query = useMemo(() => new URLSearchParams(window.location.search), []);
  const [annotatorId, setAnnotatorId] = useState(() => query.get('annotator') ?? work.find((w) => w.reader.state === 'submitted')?.reader.annotatorId ?? work[0]?.reader.annotatorId ?? null);
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set(work.filter((w) => HANDED_IN.has(w.reader.state) || w.reader.annotatorId === annotatorId).map((w) => w.reader.annotatorId)));
  const [index, setIndex] = useState(() => differing[0] ?? 0);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { threads, reload } = useCommentThreads(itemId, annotatorId);
  const loadFile = useFileLoader(itemId, slices[0]?.fileId);

  const selected = work.find((w) => w.reader.annotatorId === annotatorId) ?? null;
  const layers = work.filter((w) => shown.has(w.reader.annotatorId));
  const differingSet = useMemo(() => new Set(differing), [differing]);
  const targetIds = useMemo(() => slices.map((slice) => slice.targetId), [slices]);
  const commented = useMemo(() => new Set(threads.flatMap((thread) => (thread.anchor.kind === 'item' ? [] : [targetIds.indexOf(thread.anchor.targetId)]))), [threads, targetIds]);
  const own = selected !== null && selected.reader.annotatorId === me;
  const canDecide = selected !== null && !own && selected.reader.state === 'submitted';

  const choose = (id: string) => {
    setAnnotatorId(id);
    setReturning(false);
    setShown((before) => new Set([...before, id]));
    const url = new URL(window.location.href);
    url.searchParams.set('annotator', id);
    window.history.replaceState(null, '', url);
  };
  const toggle = (id: string) => setShown((before) => (before.has(id) ? new Set([...before].filter((x) => x !== id)) : new Set([...before, id])));

  const decide = async (decision: 'approve' | 'return') => {
    if (!selected || !canDecide || busy) return;
    const targetId = targetIds[index];
    const anchor: CommentAnchor = targetId === undefined ? { kind: 'item' } : { kind: 'target', targetId };
    setBusy(true);
    try {
      const body = decision === 'approve' ? { annotatorId: selected.reader.annotatorId, decision } : { annotatorId: selected.reader.annotatorId, decision, comment, anchor };
      await appServices().api.review(itemId, body);
      navigate(query.get('next') ?? paths.reviewQueue());
    } catch (caught) {
      setError(toAppError(caught));
      setBusy(false);
    }
  };
  const sendReturn = () => comment.trim() !== '' && void decide('return');

  const onKey = (key: ReviewKey) => {
    if (key === 'approve') return void decide('approve');
    if (key === 'return') return canDecide && setReturning(true);
    const to = stepDiffering(differing, index, key === 'nextDifference' ? 1 : -1);
    if (to !== null) setIndex(to);
  };
  useReviewKeys(!busy, onKey);

  const overlay = (
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
  );

  return (
    <main className="item-page reading-room" data-testid="review-item" data-ready="true" data-item-id={itemId} data-annotator={annotatorId ?? undefined}>
      <header className="item-bar">
        <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
          <Link href={paths.reviewQueue()}>{t('reviewItem.backToQueue')}</Link>
        </nav>
        <h1 className="item-title">{t('reviewItem.title', { title: detail.item.title })}</h1>
        <span className="muted small">{t('reviewItem.keys')}</span>
      </header>
      {slices.length === 0 ? (
        <p className="notice">{t('reviewItem.sliceOnly')}</p>
      ) : (
        <div className="workspace">
          <div className="workspace-body">
            <section className="viewer-pane" aria-label={t('item.viewer')}>
              <LazySeriesViewer slices={slices} loadFile={loadFile} index={index} onIndexChange={setIndex} overlay={overlay} />
              <div className="slice-counter" data-testid="slice-counter" data-index={index} aria-live="polite">
                {t('slice.position', { n: index + 1, total: slices.length })}
              </div>
              <ReviewSliceStrip count={slices.length} index={index} layers={layers} differing={differingSet} commented={commented} onGo={setIndex} />
              <p className="muted small" data-testid="review-differences" data-count={differing.length}>
                {differing.length > 0 ? t('reviewItem.differences', { count: differing.length }) : t('reviewItem.noDifferences')}
              </p>
            </section>
            <aside className="label-panel" aria-label={t('reviewItem.readers')}>
              <h2>{t('reviewItem.readers')}</h2>
              <ReaderList work={work} selected={annotatorId} shown={shown} onChoose={choose} onToggle={toggle} />
              {review.readers.every((reader) => !HANDED_IN.has(reader.state)) && <p className="muted small">{t('reviewItem.noHandedIn')}</p>}
              {selected && (
                <>
                  <h2>{t('reviewItem.decisionFor', { n: selected.number, name: selected.reader.displayName })}</h2>
                  {own ? (
                    <p className="muted small">{t('reviewItem.ownWork')}</p>
                  ) : canDecide ? (
                    <ReviewDecisionPanel
                      sliceNumber={index + 1}
                      returning={returning}
                      comment={comment}
                      busy={busy}
                      onComment={setComment}
                      onApprove={() => void decide('approve')}
                      onReturn={() => setReturning(true)}
                      onSendReturn={sendReturn}
                    />
                  ) : (
                    <p className="muted small">{t('reviewItem.notSubmitted')}</p>
                  )}
                  <ErrorText error={error} testId="review-error" />
                  <h2>{t('comments.title')}</h2>
                  <CommentThreads threads={threads} targetIds={targetIds} onJump={setIndex} onChanged={reload} canReopen />
                </>
              )}
            </aside>
          </div>
        </div>
      )}
    </main>
  );
}

function ReaderList({
  work,
  selected,
  shown,
  onChoose,
  onToggle,
}: {
  readonly work: readonly ReaderWork[];
  readonly selected: string | null;
  readonly shown: ReadonlySet<string>;
  readonly onChoose: (annotatorId: string) => void;
  readonly onToggle: (annotatorId: string) => void;
}) {
  const t = useT();
  return (
    <ul className="review-readers">
      {work.map(({ reader, number, color }) => (
        <li key={reader.annotatorId}>
          <input
            type="checkbox"
            data-testid={`review-layer-${reader.annotatorId}`}
            checked={shown.has(reader.annotatorId)}
            aria-label={t('reviewItem.showLayer', { n: number, name: reader.displayName })}
            onChange={() => onToggle(reader.annotatorId)}
          />
          <button
            type="button"
            className="review-reader"
            data-testid={`review-reader-${reader.annotatorId}`}
            aria-pressed={reader.annotatorId === selected}
            onClick={() => onChoose(reader.annotatorId)}
          >
            <span className="reader-swatch" style={{ background: color }} aria-hidden="true" />
            {t('reviewItem.reader', { n: number })} · {reader.displayName}
          </button>{' '}
          <StateBadge state={reader.state} testId={`review-state-${reader.annotatorId}`} />
        </li>
      ))}
    </ul>
  );
}
