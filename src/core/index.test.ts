import { describe, expect, it } from 'vitest';
import * as core from './index';

describe('the core barrel', () => {
  it('exports the runtime API others build on', () => {
    const expected = [
      'isLive', 'findQuestion', 'isLabelQuestion', 'ok', 'fail', 'validateLabelSet', 'validateAnnotationRecord', 'validateRecordOp',
      'validateItemContent', 'RECORD_LIMITS', 'RECORD_SCHEMA', 'MAX_OPS_PER_BATCH', 'checkBatch', 'batchShapeErrors', 'chunkOps',
      'upgradeRecord', 'upgradeLabelSetShape', 'legacyQuestionId', 'progressOfRecords', 'transition', 'canAnnotatorEdit',
      'SAH_SLICE_LABEL_SET', 'ICH_SUBTYPE_LABEL_SET', 'UC_ENDOSCOPY_LABEL_SET', 'FUNDUS_GRADING_LABEL_SET', 'GASTRIC_BIOPSY_LABEL_SET',
      'BUILTIN_LABEL_SETS', 'SpatialIndex', 'geometryBounds', 'recordBounds', 'intersects', 'countsAsLabelled', 'invertDiff', 'composeDiffs', 'isEmptyDiff',
      'sameRecord', 'EMPTY_DIFF', 'COMMANDS', 'CommandError', 'findCommand', 'runCommand', 'targetLabelId', 'maskId', 'labelAt',
      'isSettled', 'RecordStore', 'ItemTargets', 'imageTargetsOf', 'targetIdsOf', 'UndoHistory',
      'DEFAULT_HISTORY_LIMIT', 'DocumentEditor', 'sliceNormal', 'orderSlices', 'sliceSpacings', 'deriveItemAnswer', 'encodeRuns',
      'decodeRuns', 'normalizeRuns', 'countSet', 'newId', 'jsonEqual',
    ];
    expect(Object.keys(core).sort()).toEqual([...expected].sort());
  });
});
