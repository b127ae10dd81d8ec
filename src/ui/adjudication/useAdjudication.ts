/**
 * Loads what the adjudication screen shows (the adjudication, the item and its label set, each
 * compared reader's handed-in records with their number and colour) and sends the lead's decisions.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AdjudicationUnit, AdjudicationView, ItemDetail } from '../../core/api';
import type { ConsensusDecision } from '../../core/consensus';
import { targetIdsOf } from '../../core/targets';
import { appServices } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { loadReaderWork, type ReaderWork } from '../review/item/readerWork';

export interface Adjudication {
  readonly view: AdjudicationView | null;
  readonly detail: ItemDetail | null;
  /** The compared readers in the adjudication's order (reader N is `work[N - 1]`); empty until loaded. */
  readonly work: readonly ReaderWork[];
  readonly selected: number;
  readonly select: (index: number | ((index: number) => number)) => void;
  readonly busy: boolean;
  readonly error: AppError | null;
  /** Sends a decision on `unit`; `advance`: then on to the next unit still undecided. Answers whether it was taken. */
  readonly decide: (unit: AdjudicationUnit, decision: ConsensusDecision, advance: boolean) => Promise<boolean>;
}

export function useAdjudication(itemId: string): Adjudication {
  const [view, setView] = useState<AdjudicationView | null>(null);
  const [detail, setDetail] = useState<ItemDetail | null>(null);
  const [work, setWork] = useState<readonly ReaderWork[]>([]);
  const [selected, select] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (): Promise<AdjudicationView | null> => {
    try {
      const next = await appServices().api.getAdjudication(itemId);
      setView(next);
      return next;
    } catch (caught) {
      setError(toAppError(caught));
      return null;
    }
  }, [itemId]);

  useEffect(() => {
    let live = true;
    const { api } = appServices();
    void (async () => {
      const [loaded, item] = await Promise.all([load(), api.getItem(itemId)]);
      if (!live) return;
      setDetail(item);
      if (!loaded) return;
      // Each compared reader's records, numbered and coloured in the adjudication's order.
      const { readers } = await api.itemReview(itemId);
      const compared = loaded.readers.flatMap((reader) => readers.filter((r) => r.annotatorId === reader.id));
      const loadedWork = await loadReaderWork(api, item, compared, targetIdsOf(item.item));
      if (live) setWork(loadedWork);
    })().catch((caught: unknown) => live && setError(toAppError(caught)));
    return () => {
      live = false;
    };
  }, [itemId, load]);

  const decide = useCallback(
    async (unit: AdjudicationUnit, decision: ConsensusDecision, advance: boolean): Promise<boolean> => {
      if (busy) return false;
      setBusy(true);
      setError(null);
      try {
        await appServices().api.decide(itemId, { questionId: unit.questionId, targetKey: unit.targetKey, decision }, unit.decision?.version ?? 0);
        const next = await load();
        const at = next?.units.findIndex((u, i) => i > selected && !u.settled) ?? -1;
        if (advance && next && at >= 0) select(at);
        return true;
      } catch (caught) {
        setError(toAppError(caught));
        await load();
        return false;
      } finally {
        setBusy(false);
      }
    },
    [busy, itemId, load, selected],
  );

  return { view, detail, work, selected, select, busy, error, decide };
}
