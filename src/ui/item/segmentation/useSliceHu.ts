import { useEffect, useState } from 'react';
import type { SliceRef } from '../../../core/item';
import { huView, type ReadSlice } from '../../../inference/seriesInputs';

/**
 * The HU values of the slice on screen (for the threshold brush and flood fill), read from the
 * viewer's image cache once it is drawn: the cached image's own array when it holds HU already.
 */
export function useSliceHu(slice: SliceRef | null, displayed: boolean, readSlice: ReadSlice, wanted: boolean): { readonly targetId: string; readonly hu: ArrayLike<number> } | null {
  const [hu, setHu] = useState<{ readonly targetId: string; readonly hu: ArrayLike<number> } | null>(null);
  useEffect(() => {
    if (!slice || !displayed || !wanted) return;
    let current = true;
    void readSlice(slice).then(
      (decoded) => {
        if (current && !decoded.color) setHu({ targetId: slice.targetId, hu: huView(decoded) });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [slice, displayed, readSlice, wanted]);
  return hu;
}
