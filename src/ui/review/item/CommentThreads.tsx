/**
 * The comment threads on one reader's document, open ones first (as the server lists them): each
 * with where it is pinned in words (a point also by its pin's number, as the image shows it) and a
 * button that goes there, its messages, a reply box, resolve, and for a reviewer reopen. Used by
 * the reviewer's screen and the annotator's returned item.
 */
import { useState } from 'react';
import type { CommentThread } from '../../../core/api';
import { anchorTarget } from '../../../core/review/commentAnchor';
import { useT } from '../../../i18n';
import { appServices } from '../../../store';
import { toAppError, type AppError } from '../../../store/loadError';
import { ErrorText } from '../../common/ErrorText';
import { anchorWords, type AnchorUnit } from './anchorWords';
import { sendOnCtrlEnter } from './ctrlEnter';
import './CommentThreads.css';

export function CommentThreads({
  threads,
  targetIds,
  unit,
  onJump,
  jumpLabel,
  onChanged,
  canReopen,
}: {
  readonly threads: readonly CommentThread[];
  /** The item's slices in reading order, to name and go to a thread's slice. */
  readonly targetIds: readonly string[];
  /** What the item's targets are called (a slide's one target has no number). */
  readonly unit: AnchorUnit;
  /** Goes to the thread's target (`index` in `targetIds`); a slide's view shows its region. */
  readonly onJump: (index: number, thread: CommentThread) => void;
  /** The go-to button's words; "Go to slice n" unless given. */
  readonly jumpLabel?: ((index: number) => string) | undefined;
  /** A thread changed on the server: reload the list. */
  readonly onChanged: () => void;
  readonly canReopen: boolean;
}) {
  const t = useT();
  if (threads.length === 0) return <p className="muted small">{t('comments.none')}</p>;
  return (
    <ul className="comment-threads">
      {threads.map((thread, position) => (
        <Thread
          key={thread.id}
          thread={thread}
          number={position + 1}
          place={anchorWords(thread.anchor, targetIds, unit, t)}
          index={indexOf(thread, targetIds)}
          onJump={onJump}
          jumpLabel={jumpLabel}
          onChanged={onChanged}
          canReopen={canReopen}
        />
      ))}
    </ul>
  );
}

function indexOf(thread: CommentThread, targetIds: readonly string[]): number | null {
  const target = anchorTarget(thread.anchor);
  const index = target === null ? -1 : targetIds.indexOf(target);
  return index < 0 ? null : index;
}

function Thread({
  thread,
  number,
  place,
  index,
  onJump,
  jumpLabel,
  onChanged,
  canReopen,
}: {
  readonly thread: CommentThread;
  /** The thread's place in the list, 1-based: the number on its pin. */
  readonly number: number;
  /** Where it is pinned, in words. */
  readonly place: string;
  readonly index: number | null;
  readonly onJump: (index: number, thread: CommentThread) => void;
  readonly jumpLabel: ((index: number) => string) | undefined;
  readonly onChanged: () => void;
  readonly canReopen: boolean;
}) {
  const t = useT();
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const run = async (write: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await write();
      setError(null);
      setReply('');
      onChanged();
    } catch (caught) {
      setError(toAppError(caught));
    } finally {
      setBusy(false);
    }
  };
  const { api } = appServices();
  const send = () => reply.trim() !== '' && void run(() => api.replyToComment(thread.id, reply));

  return (
    <li className={`comment-thread ${thread.status}`} data-testid={`comment-thread-${thread.id}`} data-status={thread.status} {...anchorData(thread)}>
      <div className="comment-thread-head">
        <span className="badge">{t(thread.status === 'open' ? 'comments.open' : 'comments.resolved')}</span>
        {thread.anchor.kind === 'point' && (
          <span className="comment-pin-number" title={t('comments.pinNumber', { n: number })}>
            {number}
          </span>
        )}
        <span className="muted small" data-testid={`comment-place-${thread.id}`}>
          {place}
        </span>
        {index !== null && (
          <button type="button" data-testid={`comment-jump-${thread.id}`} onClick={() => onJump(index, thread)}>
            {jumpLabel ? jumpLabel(index) : t('comments.jump', { n: index + 1 })}
          </button>
        )}
      </div>
      <ol className="comment-messages">
        {thread.messages.map((message) => (
          <li key={message.id}>
            <span className="comment-author">{message.authorName}</span> <span className="comment-body">{message.body}</span>
          </li>
        ))}
      </ol>
      <textarea
        className="comment-reply"
        data-testid="comment-reply-input"
        rows={2}
        value={reply}
        aria-label={t('comments.replyLabel')}
        placeholder={t('comments.replyLabel')}
        onChange={(event) => setReply(event.target.value)}
        onKeyDown={sendOnCtrlEnter(send)}
      />
      <div className="comment-actions">
        <button type="button" data-testid={`comment-reply-${thread.id}`} disabled={busy || reply.trim() === ''} onClick={send}>
          {t('comments.reply')}
        </button>
        {thread.status === 'open' ? (
          <button type="button" data-testid={`comment-resolve-${thread.id}`} disabled={busy} onClick={() => void run(() => api.resolveComment(thread.id))}>
            {t('comments.resolve')}
          </button>
        ) : (
          canReopen && (
            <button type="button" data-testid={`comment-reopen-${thread.id}`} disabled={busy} onClick={() => void run(() => api.reopenComment(thread.id))}>
              {t('comments.reopen')}
            </button>
          )
        )}
      </div>
      <ErrorText error={error} />
    </li>
  );
}

/** The anchor on the thread's element, for tests and tools that read the page: its kind, target and point (image px). */
function anchorData(thread: CommentThread): Readonly<Record<string, string>> {
  const { anchor } = thread;
  return {
    'data-anchor-kind': anchor.kind,
    ...(anchor.kind === 'item' ? {} : { 'data-anchor-target': anchor.targetId }),
    ...(anchor.kind === 'point' ? { 'data-anchor-x': String(anchor.x), 'data-anchor-y': String(anchor.y) } : {}),
  };
}
