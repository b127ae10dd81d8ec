import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('the core barrel', () => {
  it('exports the runtime API others build on', () => {
    const expected = [
      'ok', 'fail', 'validateLabelSet', 'validateAnnotationDocument', 'validateAnnotationRecord', 'validateItemContent',
      'progressOf', 'labelledTargets', 'transition', 'canAnnotatorEdit', 'SAH_SLICE_LABEL_SET', 'ICH_SUBTYPE_LABEL_SET',
      'BUILTIN_LABEL_SETS', 'applyDiff', 'invertDiff', 'composeDiffs', 'isEmptyDiff', 'diffDocuments', 'sameRecord',
      'EMPTY_DIFF', 'COMMANDS', 'CommandError', 'findCommand', 'runCommand', 'maskId', 'targetLabelId', 'labelsByTarget',
      'UndoHistory', 'DEFAULT_HISTORY_LIMIT', 'DocumentEditor', 'sliceNormal', 'orderSlices', 'sliceSpacings',
      'deriveItemAnswer', 'encodeRuns', 'decodeRuns', 'normalizeRuns', 'countSet', 'newId', 'jsonEqual',
    ];
    expect(Object.keys(core).sort()).toEqual([...expected].sort());
  });
});
