/**
 * Approve or return the reader under review. Return opens a comment box pinned to what is on
 * screen (a slice, a slide's region); Ctrl+Enter (or the button) sends the return with its comment, which becomes a thread.
 */
import { useEffect, useRef } from 'react';
import { useT } from '../../../i18n';
import { sendOnCtrlEnter } from './ctrlEnter';

export function ReviewDecisionPanel({
  pinnedTo,
  returning,
  comment,
  busy,
  onComment,
  onApprove,
  onReturn,
  onSendReturn,
}: {
  /** Where a return's comment is pinned, in words ("slice 3"). */
  readonly pinnedTo: string;
  readonly returning: boolean;
  readonly comment: string;
  readonly busy: boolean;
  readonly onComment: (text: string) => void;
  readonly onApprove: () => void;
  readonly onReturn: () => void;
  readonly onSendReturn: () => void;
}) {
  const t = useT();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (returning) input.current?.focus();
  }, [returning]);
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
          <textarea id="review-comment" ref={input} data-testid="review-comment-input" rows={3} value={comment} onChange={(event) => onComment(event.target.value)} onKeyDown={sendOnCtrlEnter(onSendReturn)} />
          <button type="button" data-testid="review-comment-send" disabled={busy || comment.trim() === ''} onClick={onSendReturn}>
            {t('reviewItem.sendReturn')}
          </button>
        </>
      )}
    </div>
  );
}
