import { describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET, UC_ENDOSCOPY_LABEL_SET } from '../../../core/labelSets/builtin';
import { latestVersions } from './latestVersions';

describe('latestVersions', () => {
  it('groups versions by set in first-seen order, latest last', () => {
    const uc1 = { ...UC_ENDOSCOPY_LABEL_SET, version: 1 };
    const grouped = latestVersions([UC_ENDOSCOPY_LABEL_SET, SAH_SLICE_LABEL_SET, uc1]);
    expect(grouped.map((g) => [g.latest.id, g.latest.version, g.versions.map((s) => s.version)])).toEqual([
      ['uc-endoscopy', 2, [1, 2]],
      ['sah-slice', 2, [2]],
    ]);
  });
});
