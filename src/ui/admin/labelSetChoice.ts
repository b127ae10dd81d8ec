/**
 * Which label set the create-dataset form shows and submits: one function for both, so they
 * never differ.
 */
import type { LabelSet } from '../../core/labelSet';
import { BUILTIN_LABEL_SETS } from '../../core/labelSets/builtin';

export const labelSetKey = (set: LabelSet): string => `${set.id}@${set.version}`;

/**
 * The user's choice while it is offered; before they choose, the first built-in set offered (in
 * BUILTIN_LABEL_SETS order, not the server's sort order), else the first offered.
 */
export function chosenLabelSet(offered: readonly LabelSet[], chosenKey: string | null): LabelSet | undefined {
  const byKey = new Map(offered.map((set) => [labelSetKey(set), set]));
  const chosen = chosenKey === null ? undefined : byKey.get(chosenKey);
  if (chosen) return chosen;
  for (const builtin of BUILTIN_LABEL_SETS) {
    const set = byKey.get(labelSetKey(builtin));
    if (set) return set;
  }
  return offered[0];
}
