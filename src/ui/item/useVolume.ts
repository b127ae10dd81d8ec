import { useEffect, useState } from 'react';
import type { SliceRef } from '../../core/item';
import type { ReadSlice } from '../../inference/seriesInputs';
import type { Volume } from '../../viewer/reformat/reformat';
import { volumeFromSlices } from '../../viewer/reformat/volumeFromSlices';

export type VolumeLoad =
  | { readonly phase: 'loading'; readonly loaded: number; readonly total: number }
  | { readonly phase: 'ready'; readonly volume: Volume }
  | { readonly phase: 'failed'; readonly reason: string };

/** Every slice of the series through the viewer's loader (cached: slices already read cost nothing), as one volume. */
export function useVolume(slices: readonly SliceRef[], readSlice: ReadSlice, enabled: boolean): VolumeLoad {
  const [load, setLoad] = useState<VolumeLoad>({ phase: 'loading', loaded: 0, total: slices.length });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let loaded = 0;
    Promise.all(
      slices.map(async (slice) => {
        const decoded = await readSlice(slice);
        loaded += 1;
        if (live) setLoad({ phase: 'loading', loaded, total: slices.length });
        return decoded;
      }),
    ).then(
      (decoded) => live && setLoad({ phase: 'ready', volume: volumeFromSlices(decoded) }),
      (error: unknown) => live && setLoad({ phase: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [slices, readSlice, enabled]);
  return load;
}
