/**
 * A de-identified file as the worker writes it: its new bytes (the header, or the whole file where
 * it was read whole), then the picked file's own bytes from `bodyStart` to `end` (its Pixel Data,
 * read from disk as it is sent). The worker and the page both turn parts into the body with
 * `bodyOf`, so a file kept from the check and one prepared again are the same bytes. No imports:
 * the page uses it without loading the de-identification library.
 */
export interface WrittenParts {
  readonly header: Uint8Array<ArrayBuffer>;
  /** Where the picked file's own bytes resume; `end` when none of them go on. */
  readonly bodyStart: number;
  /**
   * The picked file's size as the worker knew it: the body's slice ends there, so making the body
   * never asks a picked File its size (in Chromium a round trip to the browser process).
   */
  readonly end: number;
}

/**
 * The body's pieces in order: `before` (bytes that go ahead of the file in the same body: its
 * report), the header, then a slice of `picked`'s own bytes, nothing copied but the header. In
 * Chromium every Blob made is a string of tasks on the browser's IO thread, so a batch of files
 * (src/ui/admin/stagedUpload.ts) puts every file's pieces into one Blob, and the one Blob a file
 * needs of its own is that slice.
 */
export function partsOf(picked: Pick<Blob, 'slice'>, parts: WrittenParts, before?: Uint8Array<ArrayBuffer>): BlobPart[] {
  const written: BlobPart[] = before ? [before, parts.header] : [parts.header];
  return parts.bodyStart < parts.end ? [...written, picked.slice(parts.bodyStart, parts.end)] : written;
}

/** The body's length, `before` included: counted, not asked of a Blob. */
export const writtenSize = (parts: WrittenParts, before?: Uint8Array): number => (before?.byteLength ?? 0) + parts.header.byteLength + (parts.end - parts.bodyStart);

/** The body to send as one Blob over `picked`'s bytes (`partsOf`), typed by `options`. */
export function bodyOf(picked: Pick<Blob, 'slice'>, parts: WrittenParts, options?: BlobPropertyBag, before?: Uint8Array<ArrayBuffer>): Blob {
  return new Blob(partsOf(picked, parts, before), options);
}
