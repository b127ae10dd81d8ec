/**
 * What A / X decide on a frame: every proposal shown with Shift (`all`), else the selected ones
 * shown, else the best one shown (`shownIds` come highest score first).
 */
export function proposalsToDecide(shownIds: readonly string[], selection: ReadonlySet<string> | null, all: boolean): readonly string[] {
  if (all) return shownIds;
  const picked = selectedAmong(shownIds, selection);
  return picked.length > 0 ? picked : shownIds.slice(0, 1);
}

/** The shown proposals among the region tools' selection. */
export function selectedAmong(shownIds: readonly string[], selection: ReadonlySet<string> | null): readonly string[] {
  return selection ? shownIds.filter((id) => selection.has(id)) : [];
}
