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

/** Names reach file paths and object keys: only a well-formed digest is accepted. */
export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 digest: "${sha256}"`);
}

/** A whole blob in memory, for the importer's header parsing of one DICOM instance. */
export async function readWholeBlob(store: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.read(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
