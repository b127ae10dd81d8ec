/**
 * Messages between the app and the GeoJSON import worker (workers/geojsonImport.worker.ts).
 * The app transfers the file's bytes; the worker answers with progress (features read / total),
 * the outlines in chunks as they are read, then one final message: done (the report), refused
 * (outlines sent are to be dropped) or cancelled.
 */
import type { ImportedOutline, ImportRefusal, ImportReport, SlideSize } from './geojsonImport';

export type ImportRequest =
  /** `bytes` is transferred: the app keeps no copy of the file. */
  | { readonly type: 'start'; readonly bytes: ArrayBuffer; readonly slide: SlideSize; readonly chunkSize?: number }
  | { readonly type: 'cancel' };

export type ImportResponse =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'outlines'; readonly outlines: readonly ImportedOutline[] }
  | { readonly type: 'done'; readonly report: ImportReport }
  | { readonly type: 'refused'; readonly refusal: ImportRefusal }
  | { readonly type: 'cancelled' }
  /** The worker itself failed (out of memory, a bug): nothing was imported. */
  | { readonly type: 'failed'; readonly message: string };
