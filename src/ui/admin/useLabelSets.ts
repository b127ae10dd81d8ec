import { useCallback, useEffect, useState } from 'react';
import type { LabelSet } from '../../core/labelSet';
import { BUILTIN_LABEL_SETS } from '../../core/labelSets/builtin';
import { appServices } from '../../store';

/** The server's label sets (every version); the built-in ones until it answers (or when it cannot). */
export function useLabelSets(): { readonly labelSets: readonly LabelSet[]; readonly reload: () => Promise<void> } {
  const [labelSets, setLabelSets] = useState<readonly LabelSet[]>(BUILTIN_LABEL_SETS);
  const reload = useCallback(async () => {
    const list = await appServices().api.listLabelSets();
    if (list.length > 0) setLabelSets(list);
  }, []);
  useEffect(() => {
    reload().catch(() => undefined);
  }, [reload]);
  return { labelSets, reload };
}
