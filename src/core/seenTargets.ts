/**
 * Never label what the reader has not seen: which targets of a label action were never shown on
 * screen, and what the action may do about it. Pure, over target ids in slice order.
 */

/** What a label key or button may do, given what the reader has seen. */
export type LabelPlan =
  /** The current slice is not on screen now (still loading, failed, offline): nothing is labelled. */
  | { readonly kind: 'notDisplayed' }
  /** Every target was seen: label them all. */
  | { readonly kind: 'label'; readonly targetIds: readonly string[] }
  /** A range holds targets never shown: ask before labelling those. */
  | { readonly kind: 'ask'; readonly seen: readonly string[]; readonly unseen: readonly string[] };

/** Targets (in the given order) never displayed to this reader. */
export function unseenTargets(targetIds: readonly string[], seen: ReadonlySet<string>): string[] {
  return targetIds.filter((id) => !seen.has(id));
}

/**
 * A single slice is labelled only while it is displayed; a range counts its never-displayed
 * slices and asks about them. `displayed`: the target on screen now, null while none is.
 */
export function planLabel(targetIds: readonly string[], displayed: string | null, seen: ReadonlySet<string>): LabelPlan {
  if (targetIds.length <= 1) {
    const only = targetIds[0];
    return only !== undefined && only === displayed ? { kind: 'label', targetIds } : { kind: 'notDisplayed' };
  }
  const unseen = unseenTargets(targetIds, seen);
  if (unseen.length === 0) return { kind: 'label', targetIds };
  return { kind: 'ask', seen: targetIds.filter((id) => seen.has(id)), unseen };
}
