/**
 * Time spent working, from the instants of a person's ops: the sum of the gaps between
 * consecutive ops shorter than an idle cut-off. A longer gap is a pause (lunch, another task, a
 * closed laptop) and counts nothing; a lone op counts nothing either, since one instant says
 * nothing about how long the work before it took. So the figure is a floor, never padded.
 */

/** Five minutes: reading a slice and drawing on it fits; a coffee break does not. */
export const DEFAULT_IDLE_CUTOFF_MS = 5 * 60_000;

/** `instants`: ISO-8601 times in any order (duplicates allowed, e.g. the ops of one batch). */
export function timeSpentMs(instants: readonly string[], idleCutoffMs = DEFAULT_IDLE_CUTOFF_MS): number {
  const times = instants.map((at) => Date.parse(at)).sort((a, b) => a - b);
  let total = 0;
  for (let i = 1; i < times.length; i += 1) {
    const gap = times[i]! - times[i - 1]!;
    if (gap < idleCutoffMs) total += gap;
  }
  return total;
}
