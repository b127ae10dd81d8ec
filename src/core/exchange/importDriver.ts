/**
 * What the import worker does with a `start` message, free of the worker itself so tests run it:
 * decodes the bytes (UTF-8, BOM allowed), reads them step by step and posts each event, pausing
 * after each progress step so a `cancel` message can be heard; posts exactly one final message.
 */
import { importGeoJson, type SlideSize } from './geojsonImport';
import type { ImportResponse } from './messages';

export interface DriverHooks {
  readonly post: (message: ImportResponse) => void;
  /** Lets other messages (a cancel) in; in a worker, a macrotask. */
  readonly pause: () => Promise<void>;
  readonly cancelled: () => boolean;
}

export async function driveImport(bytes: ArrayBuffer, slide: SlideSize, chunkSize: number | undefined, hooks: DriverHooks): Promise<void> {
  const { post, pause, cancelled } = hooks;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    post({ type: 'refused', refusal: { kind: 'notJson', detail: 'not UTF-8 text' } });
    return;
  }
  const steps = importGeoJson(text, slide, chunkSize);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) {
      post(step.value.ok ? { type: 'done', report: step.value.report } : { type: 'refused', refusal: step.value.refusal });
      return;
    }
    post(step.value);
    if (step.value.type === 'progress') {
      await pause();
      if (cancelled()) {
        post({ type: 'cancelled' });
        return;
      }
    }
  }
}
