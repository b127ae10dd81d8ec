/**
 * Approve or return the reader under review. Return opens a comment box pinned to what is on
 * screen (a slice, a slide's region) or to a point the reviewer clicks (M or the pin button, then
 * the image); Ctrl+Enter (or the button) sends the return with its comment, which becomes a thread.
 */
import { useEffect, useRef } from 'react';
import { useT } from '../../../i18n';
import { sendOnCtrlEnter } from './ctrlEnter';

export function ReviewDecisionPanel({
  pinnedTo,
  returning,
  pinning,
  pinned,
  comment,
  busy,
  onTogglePin,
  onComment,
  onApprove,
  onReturn,
  onSendReturn,
}: {
  /** Where a return's comment is pinned, in words ("slice 3"). */
  readonly pinnedTo: string;
  readonly returning: boolean;
  /** The next click on the image pins the comment to a point. */
  readonly pinning: boolean;
  /** The comment is pinned to a point (`pinnedTo` says which). */
  readonly pinned: boolean;
  readonly comment: string;
  readonly busy: boolean;
  /** Starts or drops a point pin; absent where the view has no image to click (a frame set pins to its frame). */
  readonly onTogglePin?: (() => void) | undefined;
  readonly onComment: (text: string) => void;
  readonly onApprove: () => void;
  readonly onReturn: () => void;
  readonly onSendReturn: () => void;
}) {
  const t = useT();
  const input = useRef<HTMLTextAreaElement>(null);
  // Back to the comment once a point is set, so the reviewer types on where they left off.
  useEffect(() => {
    if (returning) input.current?.focus();
  }, [returning, pinned]);
  return (
    <div className="review-decision">
      <div className="comment-actions">
        <button type="button" className="primary" data-testid="review-approve" aria-keyshortcuts="A" disabled={busy} onClick={onApprove}>
          {t('reviewItem.approve')}
        </button>
        <button type="button" data-testid="review-return" aria-keyshortcuts="R" disabled={busy} onClick={onReturn}>
          {t('reviewItem.return')}
        </button>
      </div>
      {returning && (
        <>
          <label htmlFor="review-comment">{t('reviewItem.commentLabel', { place: pinnedTo })}</label>
          {onTogglePin && (
            <div className="comment-actions">
              <button type="button" data-testid="review-pin-point" aria-keyshortcuts="M" aria-pressed={pinning || pinned} disabled={busy} onClick={onTogglePin}>
                {t(pinning || pinned ? 'reviewItem.pinPointClear' : 'reviewItem.pinPoint')}
              </button>
            </div>
          )}
          {pinning && (
            <p className="muted small" role="status" data-testid="review-pin-hint">
              {t('reviewItem.pinPointHint')}
            </p>
          )}
          <textarea id="review-comment" ref={input} data-testid="review-comment-input" rows={3} value={comment} onChange={(event) => onComment(event.target.value)} onKeyDown={sendOnCtrlEnter(onSendReturn)} />
          <button type="button" data-testid="review-comment-send" disabled={busy || comment.trim() === ''} onClick={onSendReturn}>
            {t('reviewItem.sendReturn')}
          </button>
        </>
      )}
    </div>
  );
}
