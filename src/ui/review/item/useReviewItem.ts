/** Loads what the reviewer's item screen shows: the item, its readers and differences, each reader's labels, and the threads on one reader's document. */
import { useCallback, useEffect, useState } from 'react';
import type { CommentThread, ItemDetail, ItemReview } from '../../../core/api';
import type { SliceRef } from '../../../core/item';
import { differingSliceIndices } from '../../../core/review/differingSlices';
import { appServices } from '../../../store';
import { toAppError, type AppError } from '../../../store/loadError';
import { loadReaderWork, type ReaderWork } from './readerWork';

export interface ReviewItemData {
  readonly detail: ItemDetail;
  readonly review: ItemReview;
  /** The series' slices in reading order; empty for a slide. */
  readonly slices: readonly SliceRef[];
  /** The item's targets in reading order: the slices' or frames' ids, or the slide's one (its item id). */
  readonly targetIds: readonly string[];
  readonly work: readonly ReaderWork[];
  /** Target indices where the handed-in readers differ, ascending. */
  readonly differing: readonly number[];
}

export type ReviewItemState = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: AppError } | { readonly status: 'ready'; readonly data: ReviewItemData };

export function useReviewItem(itemId: string): ReviewItemState {
  const [state, setState] = useState<ReviewItemState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const { api } = appServices();
    void (async () => {
      try {
        const [detail, review] = await Promise.all([api.getItem(itemId), api.itemReview(itemId)]);
        const { content } = detail.item;
        const slices = content.kind === 'series' ? content.slices : [];
        const targetIds = content.kind === 'slide' ? [detail.item.id] : content.kind === 'frameSet' ? content.frames.map((frame) => frame.targetId) : slices.map((slice) => slice.targetId);
        const work = await loadReaderWork(api, detail, review.readers, targetIds);
        if (live) setState({ status: 'ready', data: { detail, review, slices, targetIds, work, differing: differingSliceIndices(review.differences, targetIds) } });
      } catch (error) {
        if (live) setState({ status: 'error', error: toAppError(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [itemId]);
  return state;
}

/** The threads on reader `annotatorId`'s document of the item, and a reload after a change. */
export function useCommentThreads(itemId: string, annotatorId: string | null): { readonly threads: readonly CommentThread[]; readonly reload: () => void; readonly error: AppError | null } {
  const [threads, setThreads] = useState<readonly CommentThread[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!annotatorId) return;
    let live = true;
    appServices()
      .api.listComments(itemId, annotatorId)
      .then(
        (list) => live && (setThreads(list), setError(null)),
        (caught: unknown) => live && setError(toAppError(caught)),
      );
    return () => {
      live = false;
    };
  }, [itemId, annotatorId, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { threads, reload, error };
}
