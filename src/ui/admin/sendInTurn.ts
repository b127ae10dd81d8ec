/**
 * Sends an upload's rows a few at a time: each row's file is made when its turn comes and let go
 * once its request is answered, so at most `parallel` files are held, however many rows there are.
 */
import type { PreparedUpload, UploadSource } from './deidentifyUpload';

/** Files the upload screen sends at once: enough to keep the line busy, few enough to show steady progress. */
export const UPLOAD_LANES = 2;

export interface SendHandlers {
  /** Sends one row's file; the file is let go when this settles. */
  send(index: number, upload: PreparedUpload): Promise<void>;
  /** A row whose file could not be made (the worker's sentence says why): nothing was sent. */
  notMade(index: number, error: unknown): void;
  /** A row whose file could not be sent. */
  failed(index: number, error: unknown): void;
  /** Whether the user stopped the upload: no row is started after, those under way end as they do. */
  stopped?(): boolean;
}

/** `sources` per row (null: nothing to send for that row). */
export async function sendInTurn(sources: readonly (UploadSource | null)[], parallel: number, handlers: SendHandlers): Promise<void> {
  let next = 0;
  async function lane(): Promise<void> {
    while (next < sources.length && !handlers.stopped?.()) {
      const index = next++;
      const source = sources[index];
      if (!source) continue;
      let made;
      try {
        made = await source();
      } catch (caught) {
        handlers.notMade(index, caught);
        continue;
      }
      try {
        await handlers.send(index, made.upload);
      } catch (caught) {
        handlers.failed(index, caught);
      } finally {
        made.release();
      }
    }
  }
  await Promise.all(Array.from({ length: parallel }, lane));
}
