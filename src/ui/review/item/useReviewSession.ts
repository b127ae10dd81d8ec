/**
 * What the reviewer's screen keeps for any kind of item: the reader under review (in the URL's
 * `annotator`), the readers whose layers are shown, the return comment being written, and the
 * decision sent to the server (then `next`, else the queue). The CT and slide views share it.
 */
import { useMemo, useState } from 'react';
import type { CommentAnchor, CommentThread } from '../../../core/api';
import { appServices, useAppStore } from '../../../store';
import { toAppError, type AppError } from '../../../store/loadError';
import { navigate, paths } from '../../router';
import type { ReaderWork } from './readerWork';
import { useCommentThreads } from './useReviewItem';

const HANDED_IN = new Set(['submitted', 'approved']);

export interface ReviewSession {
  readonly annotatorId: string | null;
  readonly selected: ReaderWork | null;
  readonly shown: ReadonlySet<string>;
  /** The shown readers' work, in reader order. */
  readonly layers: readonly ReaderWork[];
  readonly own: boolean;
  readonly canDecide: boolean;
  readonly returning: boolean;
  readonly comment: string;
  readonly busy: boolean;
  readonly error: AppError | null;
  readonly threads: readonly CommentThread[];
  readonly noneHandedIn: boolean;
  reloadThreads(): void;
  choose(annotatorId: string): void;
  toggle(annotatorId: string): void;
  startReturn(): void;
  setComment(text: string): void;
  /** Approves, or returns with the comment pinned to `anchor`. */
  decide(decision: 'approve' | 'return', anchor: CommentAnchor): Promise<void>;
}

export function useReviewSession(itemId: string, work: readonly ReaderWork[]): ReviewSession {
  const me = useAppStore((s) => s.session?.user.id ?? null);
  const query = useMemo(() => new URLSearchParams(window.location.search), []);
  const [annotatorId, setAnnotatorId] = useState(() => query.get('annotator') ?? work.find((w) => w.reader.state === 'submitted')?.reader.annotatorId ?? work[0]?.reader.annotatorId ?? null);
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set(work.filter((w) => HANDED_IN.has(w.reader.state) || w.reader.annotatorId === annotatorId).map((w) => w.reader.annotatorId)));
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { threads, reload } = useCommentThreads(itemId, annotatorId);

  const selected = work.find((w) => w.reader.annotatorId === annotatorId) ?? null;
  const own = selected !== null && selected.reader.annotatorId === me;
  const canDecide = selected !== null && !own && selected.reader.state === 'submitted';

  return {
    annotatorId,
    selected,
    shown,
    layers: work.filter((w) => shown.has(w.reader.annotatorId)),
    own,
    canDecide,
    returning,
    comment,
    busy,
    error,
    threads,
    noneHandedIn: work.every((w) => !HANDED_IN.has(w.reader.state)),
    reloadThreads: reload,
    choose(id) {
      setAnnotatorId(id);
      setReturning(false);
      setShown((before) => new Set([...before, id]));
      const url = new URL(window.location.href);
      url.searchParams.set('annotator', id);
      window.history.replaceState(null, '', url);
    },
    toggle: (id) => setShown((before) => (before.has(id) ? new Set([...before].filter((x) => x !== id)) : new Set([...before, id]))),
    startReturn: () => canDecide && setReturning(true),
    setComment,
    async decide(decision, anchor) {
      if (!selected || !canDecide || busy) return;
      setBusy(true);
      try {
        const body = decision === 'approve' ? { annotatorId: selected.reader.annotatorId, decision } : { annotatorId: selected.reader.annotatorId, decision, comment, anchor };
        await appServices().api.review(itemId, body);
        navigate(query.get('next') ?? paths.reviewQueue());
      } catch (caught) {
        setError(toAppError(caught));
        setBusy(false);
      }
    },
  };
}
