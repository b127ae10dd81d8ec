import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { Question } from '../../core/labelSet';
import type { RecordStore } from '../../core/recordStore';
import { framePasses, type FrameFilter } from './frameFilter';
import { framesChangedBy, ShownFrames } from './shownFrames';

/**
 * The frames the grid shows under `filter` for `question`: computed over every frame when the
 * filter, question or document changes, then kept from each diff the document applies (a key,
 * undo, a remote copy) by re-testing only the frames it covers. See `ShownFrames` for why the
 * current frame stays until the cursor leaves it.
 */
export function useShownFrames(document: RecordStore | null, targetIds: readonly string[], filter: FrameFilter, question: Question | null, current: number): readonly number[] {
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const [epoch, rebuild] = useReducer((n: number) => n + 1, 0);
  const currentRef = useRef(current);
  currentRef.current = current;
  const frameOf = useMemo(() => new Map(targetIds.map((id, frame) => [id, frame])), [targetIds]);
  const { shown, builtAt } = useMemo(() => {
    const questionId = question?.id;
    const builtAt = document?.changes ?? 0;
    if (!document || filter.kind === 'all') return { shown: new ShownFrames(targetIds.length, () => true), builtAt };
    const passesAt = (frame: number) => {
      const targetId = targetIds[frame];
      return targetId !== undefined && framePasses(filter, document, questionId, targetId);
    };
    return { shown: new ShownFrames(targetIds.length, passesAt), builtAt };
    // `epoch`: built again when a diff landed between this render and the subscription below.
  }, [document, targetIds, filter, question, epoch]);

  useEffect(() => {
    if (!document || filter.kind === 'all') return;
    const stop = document.watch((diff) => {
      if (shown.update(framesChangedBy(diff, frameOf), currentRef.current)) changed();
    });
    if (document.changes !== builtAt) rebuild();
    return stop;
  }, [document, filter, shown, builtAt, frameOf]);
  useEffect(() => {
    if (shown.moveTo(current)) changed();
  }, [shown, current]);
  return shown.frames;
}
