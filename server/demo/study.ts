/**
 * The demo study: two series of one head-CT study (the phantom, seed 2: a 5 mm series and a
 * coarser one of fewer slices), so the item page's study panel has series to switch between.
 */
import { generateHeadCtPhantom, type PhantomFile } from './phantom';

export const DEMO_STUDY_SEED = 2;

export const DEMO_STUDY_SERIES = [
  { number: 1, description: 'Head 5 mm (demo study)', sliceCount: 12 },
  { number: 2, description: 'Head 10 mm (demo study)', sliceCount: 6 },
] as const;

/** Both series' files, as one import reads them. */
export function demoStudyFiles(): PhantomFile[] {
  return DEMO_STUDY_SERIES.flatMap(({ number, description, sliceCount }) => generateHeadCtPhantom({ seed: DEMO_STUDY_SEED, sliceCount, series: { number, description } }).files);
}
