/** Hand-written validators for everything that crosses a trust boundary (HTTP bodies, files, IndexedDB). */
export { validateLabelSet } from './validation/labelSet';
export { validateAnnotationRecord, validateRecordOp, RECORD_LIMITS, type RecordContext } from './validation/annotation';
export { validateItemContent } from './validation/itemContent';
