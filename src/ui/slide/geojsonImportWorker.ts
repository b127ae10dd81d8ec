/**
 * Runs one GeoJSON import in its own worker (workers/geojsonImport.worker.ts): the file's bytes
 * are transferred, outlines arrive in chunks while progress is reported, and the worker is ended
 * once it has answered (or at once when cancelled).
 */
import type { ImportedOutline, ImportRefusal, ImportReport, SlideSize } from '../../core/exchange/geojsonImport';
import type { ImportRequest, ImportResponse } from '../../core/exchange/messages';

export type ImportResult =
  | { readonly kind: 'done'; readonly report: ImportReport; readonly chunks: readonly (readonly ImportedOutline[])[] }
  | { readonly kind: 'refused'; readonly refusal: ImportRefusal }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

export interface ImportRun {
  /** Stops the import: nothing of it is kept, and `finished` hears `cancelled`. */
  cancel(): void;
}

export function startGeoJsonImport(
  file: Blob,
  slide: SlideSize,
  progress: (done: number, total: number) => void,
  finished: (result: ImportResult) => void,
): ImportRun {
  const worker = new Worker(new URL('../../../workers/geojsonImport.worker.ts', import.meta.url), { type: 'module' });
  const chunks: (readonly ImportedOutline[])[] = [];
  let over = false;
  const finish = (result: ImportResult) => {
    if (over) return;
    over = true;
    worker.terminate();
    finished(result);
  };
  const send = (request: ImportRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);

  worker.onmessage = (event: MessageEvent<ImportResponse>) => {
    const message = event.data;
    switch (message.type) {
      case 'progress':
        if (!over) progress(message.done, message.total);
        return;
      case 'outlines':
        chunks.push(message.outlines);
        return;
      case 'done':
        finish({ kind: 'done', report: message.report, chunks });
        return;
      case 'refused':
        finish({ kind: 'refused', refusal: message.refusal });
        return;
      case 'cancelled':
        finish({ kind: 'cancelled' });
        return;
      case 'failed':
        finish({ kind: 'failed', message: message.message });
        return;
    }
  };
  worker.onerror = (event) => finish({ kind: 'failed', message: event.message || 'the import worker stopped' });

  file.arrayBuffer().then(
    (bytes) => {
      if (!over) send({ type: 'start', bytes, slide }, [bytes]);
    },
    (error: unknown) => finish({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
  return {
    cancel() {
      if (over) return;
      send({ type: 'cancel' });
      finish({ kind: 'cancelled' });
    },
  };
}
