/**
 * Content-addressed storage of image bytes, outside the database. A blob is named by the SHA-256
 * of its content, so identical files are kept once and a stored blob never changes. The interface
 * is what an S3-compatible object store offers too (streamed multipart put, ranged get, head),
 * so a second implementation can replace the disk one without touching routes or the importer.
 */
import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** Lower-case hex SHA-256 of the content. */
  readonly sha256: string;
  /** Bytes. */
  readonly size: number;
}

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface PutOptions {
  /** Refuse (BlobTooLargeError) once more bytes than this arrive; nothing is kept. */
  readonly maxBytes?: number;
  /**
   * Told, before put resolves, whether this put made the blob (`created`) or found it stored
   * already (`existed`): an import job collects after its cancel only what it made itself.
   */
  readonly onStored?: (blob: StoredBlob, outcome: 'created' | 'existed') => void;
}

/** A blob as the store lists it. */
export interface ListedBlob extends StoredBlob {
  /** When it was last put (made, or put again with the same content): what the collector's grace period counts from. */
  readonly putAt: Date;
}

export interface DeleteOptions {
  /** Delete only when the blob was not put after this time (someone storing it again now needs it). */
  readonly notPutAfter?: Date;
}

export interface BlobStore {
  /**
   * Streams `source` into the store, hashing while it goes. When the source fails or runs over
   * `maxBytes`, no blob and no partial file remain.
   */
  put(source: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoredBlob>;
  /** Size of a stored blob, or null when the store does not hold it. */
  stat(sha256: string): Promise<StoredBlob | null>;
  /** The blob's bytes, or only `range` of them. Throws BlobNotFoundError. */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Every stored blob, streamed (an object store's paged listing): never all of them in memory at once. */
  list(): AsyncIterable<ListedBlob>;
  /**
   * Removes a blob; true when this call removed it. Idempotent: a blob already gone is false, not
   * an error. Only the blob collector (server/blobs/gc) deletes: nothing else may, as rows refer
   * to blobs by content and identical content is stored once.
   */
  delete(sha256: string, options?: DeleteOptions): Promise<boolean>;
}

export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

export class BlobNotFoundError extends Error {
  override readonly name = 'BlobNotFoundError';
  constructor(readonly sha256: string) {
    super(`no blob ${sha256} in the store`);
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(text: string): boolean {
  return SHA256_HEX.test(text);
}

/** Names reach file paths and object keys: only a well-formed digest is accepted. */
export function assertSha256(sha256: string): void {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256 digest: "${sha256}"`);
}

/** A whole blob in memory, for the importer's header parsing of one DICOM instance. */
export async function readWholeBlob(store: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.read(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
