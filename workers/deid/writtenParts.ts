/**
 * A de-identified file as the worker writes it: its new bytes (the header, or the whole file where
 * it was read whole), then the picked file's own bytes from `bodyStart` on (its Pixel Data, read
 * from disk as it is sent). The worker and the page both turn parts into the body with `bodyOf`,
 * so a file kept from the check and one prepared again are the same bytes. No imports: the page
 * uses it without loading the de-identification library.
 */
export interface WrittenParts {
  readonly header: Uint8Array<ArrayBuffer>;
  /** Where the picked file's own bytes resume; its size when none of them go on. */
  readonly bodyStart: number;
}

/** The body to send; a Blob over `picked`'s bytes, nothing copied but the header. */
export function bodyOf(picked: Pick<Blob, 'size' | 'slice'>, parts: WrittenParts, options?: BlobPropertyBag): Blob {
  return new Blob(parts.bodyStart < picked.size ? [parts.header, picked.slice(parts.bodyStart)] : [parts.header], options);
}
