/**
 * The reviewer's side panel for any kind of item: the readers (choose one to decide on, switch
 * their layers), the decision on the chosen reader and their comment threads. What a return's
 * comment is pinned to and where a thread's "go to" leads are the view's (slice or region).
 */
import type { ReactNode } from 'react';
import type { CommentThread } from '../../../core/api';
import { useT } from '../../../i18n';
import { ErrorText } from '../../common/ErrorText';
import { StateBadge } from '../../common/StateBadge';
import { CommentThreads } from './CommentThreads';
import type { AnchorUnit } from './anchorWords';
import type { ReaderWork } from './readerWork';
import { ReviewDecisionPanel } from './ReviewDecisionPanel';
import type { PointPin } from './usePointPin';
import type { ReviewSession } from './useReviewSession';

export function ReviewSidePanel({
  work,
  session,
  pin,
  pinnedTo,
  targetIds,
  unit,
  onJump,
  jumpLabel,
  onSendReturn,
  children,
}: {
  readonly work: readonly ReaderWork[];
  readonly session: ReviewSession;
  /** The return's point pin; null where the view pins only to what is on screen (a frame). */
  readonly pin: PointPin | null;
  /** Where a return's comment is pinned, in words ("slice 3", "the region in view"). */
  readonly pinnedTo: string;
  readonly targetIds: readonly string[];
  /** What the item's targets are called (a slide's one target has no number). */
  readonly unit: AnchorUnit;
  readonly onJump: (index: number, thread: CommentThread) => void;
  readonly jumpLabel?: (index: number) => string;
  readonly onSendReturn: () => void;
  /** What the view adds under the readers (a slide's differences). */
  readonly children?: ReactNode;
}) {
  const t = useT();
  const { selected } = session;
  return (
    <aside className="label-panel" aria-label={t('reviewItem.readers')}>
      <h2>{t('reviewItem.readers')}</h2>
      <ReaderList work={work} session={session} />
      {session.noneHandedIn && <p className="muted small">{t('reviewItem.noHandedIn')}</p>}
      {children}
      {selected && (
        <>
          <h2>{t('reviewItem.decisionFor', { n: selected.number, name: selected.reader.displayName })}</h2>
          {session.own ? (
            <p className="muted small">{t('reviewItem.ownWork')}</p>
          ) : session.canDecide ? (
            <ReviewDecisionPanel
              pinnedTo={pinnedTo}
              returning={session.returning}
              pinning={pin?.pinning ?? false}
              pinned={(pin?.anchor ?? null) !== null}
              comment={session.comment}
              busy={session.busy}
              onTogglePin={pin?.toggle}
              onComment={session.setComment}
              onApprove={() => void session.decide('approve', { kind: 'item' })}
              onReturn={session.startReturn}
              onSendReturn={onSendReturn}
            />
          ) : (
            <p className="muted small">{t('reviewItem.notSubmitted')}</p>
          )}
          <ErrorText error={session.error} testId="review-error" />
          <h2>{t('comments.title')}</h2>
          <CommentThreads threads={session.threads} targetIds={targetIds} unit={unit} onJump={onJump} jumpLabel={jumpLabel} onChanged={session.reloadThreads} canReopen />
        </>
      )}
    </aside>
  );
}

function ReaderList({ work, session }: { readonly work: readonly ReaderWork[]; readonly session: ReviewSession }) {
  const t = useT();
  return (
    <ul className="review-readers">
      {work.map(({ reader, number, color }) => (
        <li key={reader.annotatorId}>
          <input
            type="checkbox"
            data-testid={`review-layer-${reader.annotatorId}`}
            checked={session.shown.has(reader.annotatorId)}
            aria-label={t('reviewItem.showLayer', { n: number, name: reader.displayName })}
            onChange={() => session.toggle(reader.annotatorId)}
          />
          <button
            type="button"
            className="review-reader"
            data-testid={`review-reader-${reader.annotatorId}`}
            aria-pressed={reader.annotatorId === session.annotatorId}
            onClick={() => session.choose(reader.annotatorId)}
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
