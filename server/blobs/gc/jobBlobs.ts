/**
 * What one import job stored, and its collection once the job has ended cancelled or with a file
 * refused: the blobs of a file stopped midway (a DICOM series' frames decoded before the cancel,
 * stills prepared before it) are deleted at once, cheaper than a full sweep. Only blobs the job
 * made itself are candidates, and each goes only when no row refers to it and nobody has put it
 * since the job did (an import of the same content elsewhere, in flight, needs it). Clocks of the
 * instances sharing a store must agree, as for the jobs' lease.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { BlobStore, PutOptions, StoredBlob } from '../blobStore';
import { forgetBlob, unreferencedOf } from './blobReferences';

export interface CollectedJobBlobs {
  readonly collected: number;
  readonly bytes: number;
}

/** The job's view of the store: every put goes through, and the blobs it made are noted with when. */
export class JobBlobRecorder {
  /** Blobs this job made, by key: their size and when the job's put ended. */
  private readonly made = new Map<string, { readonly size: number; readonly putAt: Date }>();
  readonly store: BlobStore;

  constructor(inner: BlobStore) {
    const made = this.made;
    const put = (source: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoredBlob> =>
      inner.put(source, {
        ...options,
        onStored(blob, outcome) {
          if (outcome === 'created') made.set(blob.sha256, { size: blob.size, putAt: new Date() });
          options.onStored?.(blob, outcome);
        },
      });
    this.store = {
      put,
      stat: (sha256) => inner.stat(sha256),
      read: (sha256, range) => inner.read(sha256, range),
      list: () => inner.list(),
      delete: (sha256, options) => inner.delete(sha256, options),
    };
  }

  /** Deletes the blobs this job made that nothing refers to; `blobs` is the store behind the recorder. */
  async collect(db: Kysely<Database>, blobs: BlobStore): Promise<CollectedJobBlobs> {
    let [collected, bytes] = [0, 0];
    for (const key of await unreferencedOf(db, blobs, this.made.keys())) {
      const made = this.made.get(key);
      if (made && (await blobs.delete(key, { notPutAfter: made.putAt }))) {
        await forgetBlob(db, key);
        collected += 1;
        bytes += made.size;
      }
    }
    return { collected, bytes };
  }
}
