import { describe, expect, it } from 'vitest';
import { ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET } from '../../core/labelSets/builtin';
import type { LabelSet } from '../../core/labelSet';
import { chosenLabelSet, labelSetKey } from './labelSetChoice';

const custom: LabelSet = { ...SAH_SLICE_LABEL_SET, id: 'aaa-custom', name: { en: 'Custom', ja: 'カスタム' } };

describe('chosenLabelSet', () => {
  it('defaults to the first built-in set, whatever order the server lists them in', () => {
    expect(chosenLabelSet([custom, ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET], null)).toBe(SAH_SLICE_LABEL_SET);
    expect(chosenLabelSet([custom, ICH_SUBTYPE_LABEL_SET], null)).toBe(ICH_SUBTYPE_LABEL_SET);
    expect(chosenLabelSet([custom], null)).toBe(custom);
    expect(chosenLabelSet([], null)).toBeUndefined();
  });

  it("keeps the user's choice while it is offered, and falls back to the default when it is not", () => {
    const offered = [ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET, custom];
    expect(chosenLabelSet(offered, labelSetKey(ICH_SUBTYPE_LABEL_SET))).toBe(ICH_SUBTYPE_LABEL_SET);
    expect(chosenLabelSet(offered, labelSetKey(custom))).toBe(custom);
    expect(chosenLabelSet(offered, 'gone@1')).toBe(SAH_SLICE_LABEL_SET);
  });
});
