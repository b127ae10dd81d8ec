/** Hand-written validators for everything that crosses a trust boundary (HTTP bodies, files, IndexedDB). */
export { validateLabelSet } from './validation/labelSet';
export { validateAnnotationDocument, validateAnnotationRecord } from './validation/annotation';
export { validateItemContent } from './validation/itemContent';
