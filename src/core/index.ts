/** Public API of the framework-free domain shared by client and server. */
export type * from './item';
export type * from './labelSet';
export type * from './annotation';
export type * from './api';
export type * from './records';
export { isLive } from './annotation';
export { findQuestion, isLabelQuestion } from './labelSet';
export { ok, fail, type Result } from './result';
export { validateLabelSet, validateAnnotationRecord, validateRecordOp, validateItemContent, RECORD_LIMITS } from './validate';
export { RECORD_SCHEMA, MAX_OPS_PER_BATCH, checkBatch, batchShapeErrors, chunkOps } from './records';
export { upgradeRecord } from './migrations/recordSchema';
export { upgradeLabelSetShape, legacyQuestionId } from './migrations/labelSetShape';
export { progressOfRecords } from './progress';
export { transition, canAnnotatorEdit, type AssignmentEvent } from './itemState';
export {
  SAH_SLICE_LABEL_SET,
  ICH_SUBTYPE_LABEL_SET,
  UC_ENDOSCOPY_LABEL_SET,
  FUNDUS_GRADING_LABEL_SET,
  GASTRIC_BIOPSY_LABEL_SET,
  BUILTIN_LABEL_SETS,
} from './labelSets/builtin';
export { invertDiff, composeDiffs, isEmptyDiff, sameRecord, EMPTY_DIFF, type RecordDiff, type DiffEntry } from './diff';
export {
  COMMANDS,
  CommandError,
  findCommand,
  runCommand,
  type AnyCommand,
  type Command,
  type CommandContext,
  type CommandName,
  type CommandParams,
} from './commands';
export { targetLabelId, maskId } from './recordIds';
export { labelAt, isSettled, countsAsLabelled } from './targetLabels';
export { RecordStore } from './recordStore';
export { SpatialIndex } from './spatialIndex';
export { geometryBounds, recordBounds, intersects, type Box } from './bounds';
export { ItemTargets, imageTargetsOf, targetIdsOf, type ImageTarget } from './targets';
export { UndoHistory, DEFAULT_HISTORY_LIMIT } from './history';
export { DocumentEditor, type ChangeOrigin, type DocumentListener, type DocumentEditorOptions } from './documentEditor';
export { sliceNormal, orderSlices, sliceSpacings, type Positioned } from './seriesOrder';
export { deriveItemAnswer, type ItemAnswer } from './itemAnswer';
export { encodeRuns, decodeRuns, normalizeRuns, countSet } from './mask';
export { newId } from './ids';
export { jsonEqual } from './jsonEqual';
