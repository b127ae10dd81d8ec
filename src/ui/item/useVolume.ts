import { useEffect, useState } from 'react';
import type { SliceRef } from '../../core/item';
import type { RegularGrid } from '../../core/regularGrid';
import type { DecodedSlice, ReadSlice } from '../../inference/seriesInputs';
import { gridVolume, resamplePlanes } from '../../viewer/reformat/resampleVolume';
import { volumeFromSlices, type PackedVolume } from '../../viewer/reformat/volumeFromSlices';

export type VolumeLoad =
  | { readonly phase: 'loading'; readonly loaded: number; readonly total: number }
  | { readonly phase: 'resampling'; readonly planes: number; readonly total: number }
  | { readonly phase: 'ready'; readonly volume: PackedVolume }
  | { readonly phase: 'failed'; readonly reason: string };

/** Lets the page paint and take input between two planes of a resampling (a 512² plane takes tens of ms). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Every slice of the series through the viewer's loader (cached: slices already read cost nothing),
 * as one packed volume of modality values: as acquired, or resampled onto `grid` plane by plane,
 * read straight from the decoded slices (no second copy of the acquired pixels is made; they are
 * let go once the grid is full). The volume is the one copy both the canvas views and
 * Cornerstone's volume viewport read.
 */
export function useVolume(slices: readonly SliceRef[], readSlice: ReadSlice, enabled: boolean, grid: RegularGrid | null): VolumeLoad {
  const [load, setLoad] = useState<VolumeLoad>({ phase: 'loading', loaded: 0, total: slices.length });

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let loaded = 0;
    const resampled = async (decoded: readonly DecodedSlice[], onto: RegularGrid): Promise<PackedVolume | null> => {
      const volume = gridVolume(onto);
      for (const planes of resamplePlanes(onto, decoded, volume)) {
        if (!live) return null;
        setLoad({ phase: 'resampling', planes, total: onto.planes.length });
        await nextTask();
      }
      return volume;
    };
    Promise.all(
      slices.map(async (slice) => {
        const decoded = await readSlice(slice);
        loaded += 1;
        if (live) setLoad({ phase: 'loading', loaded, total: slices.length });
        return decoded;
      }),
    )
      .then((decoded) => (grid ? resampled(decoded, grid) : volumeFromSlices(decoded)))
      .then(
        (volume) => live && volume && setLoad({ phase: 'ready', volume }),
        (error: unknown) => live && setLoad({ phase: 'failed', reason: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      live = false;
    };
  }, [slices, readSlice, enabled, grid]);

  return load;
}
