/** Pages of the review queue under one filter: the first on a filter change or a reload, more on request. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReviewQueueRow } from '../../../core/api';
import { appServices } from '../../../store';
import { toAppError, type AppError } from '../../../store/loadError';
import { queueQueryOf, type QueueFilter } from './queueQuery';
import { onReviewQueueReload } from './queueReload';

const PAGE = 50;

export interface ReviewQueueState {
  /** null until the first page of this filter has come. */
  readonly rows: readonly ReviewQueueRow[] | null;
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: AppError | null;
  readonly loadMore: () => void;
}

export function useReviewQueue(filter: QueueFilter): ReviewQueueState {
  const [rows, setRows] = useState<readonly ReviewQueueRow[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  // A page asked for under an older filter is dropped when it comes.
  const request = useRef(0);

  const load = useCallback(
    async (cursor: string | null, before: readonly ReviewQueueRow[]) => {
      const mine = ++request.current;
      setLoading(true);
      setError(null);
      try {
        const page = await appServices().api.reviewQueue(queueQueryOf(filter, new Date(), cursor, PAGE));
        if (mine !== request.current) return;
        setRows([...before, ...page.rows]);
        setNextCursor(page.nextCursor);
      } catch (caught) {
        if (mine === request.current) setError(toAppError(caught));
      } finally {
        if (mine === request.current) setLoading(false);
      }
    },
    [filter],
  );

  useEffect(() => {
    setRows(null);
    setNextCursor(null);
    void load(null, []);
  }, [load]);
  // Asked again (the header's Review link on this page): the rows stay until the fresh page comes.
  useEffect(() => onReviewQueueReload(() => void load(null, [])), [load]);

  const loadMore = useCallback(() => {
    if (nextCursor && rows && !loading) void load(nextCursor, rows);
  }, [load, loading, nextCursor, rows]);

  return { rows, nextCursor, loading, error, loadMore };
}
