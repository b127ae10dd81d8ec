/** Public API of the framework-free domain shared by client and server. */
export type * from './item';
export type * from './labelSet';
export type * from './annotation';
export type * from './api';
export { ok, fail, type Result } from './result';
export { validateLabelSet, validateAnnotationDocument, validateAnnotationRecord, validateItemContent } from './validate';
export { progressOf, labelledTargets } from './progress';
export { transition, canAnnotatorEdit, type AssignmentEvent } from './itemState';
export { SAH_SLICE_LABEL_SET, ICH_SUBTYPE_LABEL_SET, BUILTIN_LABEL_SETS } from './labelSets/builtin';
export { applyDiff, invertDiff, composeDiffs, isEmptyDiff, diffDocuments, sameRecord, EMPTY_DIFF, type RecordDiff } from './diff';
export {
  COMMANDS,
  CommandError,
  findCommand,
  runCommand,
  maskId,
  type AnyCommand,
  type Command,
  type CommandContext,
  type CommandName,
  type CommandParams,
} from './commands';
export { targetLabelId, labelsByTarget } from './targetLabels';
export { UndoHistory, DEFAULT_HISTORY_LIMIT, type HistoryMove } from './history';
export { DocumentEditor, type ChangeOrigin, type DocumentListener, type DocumentEditorOptions } from './documentEditor';
export { sliceNormal, orderSlices, sliceSpacings, type Positioned } from './seriesOrder';
export { deriveItemAnswer, type ItemAnswer } from './itemAnswer';
export { encodeRuns, decodeRuns, normalizeRuns, countSet } from './mask';
export { newId } from './ids';
export { jsonEqual } from './jsonEqual';
