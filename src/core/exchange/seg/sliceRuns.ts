/** Sorted 0-based slice indices as 1-based runs, first and last inclusive: [0, 1, 2, 5] → [[1, 3], [6, 6]]. */
export function sliceRuns(indices: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const index of indices) {
    const last = runs[runs.length - 1];
    if (last && last[1] === index) last[1] = index + 1;
    else runs.push([index + 1, index + 1]);
  }
  return runs;
}
