import type { LabelSet } from '../../../core/labelSet';

/** The sets grouped by id in first-seen order, each with its versions ascending and its latest. */
export function latestVersions(labelSets: readonly LabelSet[]): { readonly latest: LabelSet; readonly versions: readonly LabelSet[] }[] {
  const byId = new Map<string, LabelSet[]>();
  for (const set of labelSets) byId.set(set.id, [...(byId.get(set.id) ?? []), set]);
  return [...byId.values()].map((sets) => {
    const versions = sets.toSorted((a, b) => a.version - b.version);
    return { latest: versions[versions.length - 1] as LabelSet, versions };
  });
}
