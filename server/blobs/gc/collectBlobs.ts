/**
 * The blob collector's full sweep: deletes the blobs no row refers to (blobReferences.ts) that
 * were last put longer ago than a grace period. Blobs are stored before the rows naming them are
 * committed (an import stores its frames, then writes the item in one transaction), so a young
 * unreferenced blob may be an import's in flight: the grace period covers imports made within a
 * request or by `npm run import`, whose rows follow their blobs within minutes. An import job can
 * run far longer (a large slide or video), so the sweep runs only while no import job is live on
 * any instance: none unfinished with a heartbeat within the jobs' lease, the rule by which
 * instances already tell a running job from an abandoned one (jobRows.ts). A job taken after that
 * check stores only blobs younger than the grace period. A put of content already stored makes it
 * young again (DiskBlobStore), and each delete rechecks that, so a blob stored again meanwhile stays.
 * A deleted blob's catalog row (`blobs`) goes after it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { liveImportJobCount } from '../../import/jobs/jobRows';
import type { BlobStore } from '../blobStore';
import { forgetBlob, referencedBlobKeys } from './blobReferences';

/**
 * A day, as for the store's stale temp files: staged stills wait unreferenced until their folder
 * is submitted, and a big import outside the jobs may take hours; a day late costs only disk.
 */
export const DEFAULT_BLOB_GRACE_MS = 24 * 60 * 60 * 1000;

export interface CollectOptions {
  readonly now: Date;
  /** Unreferenced blobs put within this long before `now` stay. */
  readonly graceMs: number;
  /** The import jobs' lease: a job whose owner beat within it is live. */
  readonly leaseMs: number;
  /** Count what would go, delete nothing. */
  readonly dryRun?: boolean;
}

export type CollectResult =
  | { readonly skipped: 'importJobsRunning'; readonly liveJobs: number }
  | {
      readonly skipped: null;
      /** Blobs the store listed. */
      readonly listed: number;
      readonly referenced: number;
      /** Unreferenced but put within the grace period. */
      readonly young: number;
      /** Deleted (or, in a dry run, to be deleted), and their bytes. */
      readonly collected: number;
      readonly bytes: number;
    };

export async function collectUnreferencedBlobs(db: Kysely<Database>, blobs: BlobStore, options: CollectOptions): Promise<CollectResult> {
  const liveJobs = await liveImportJobCount(db, options.now, options.leaseMs);
  if (liveJobs > 0) return { skipped: 'importJobsRunning', liveJobs };
  const putBefore = new Date(options.now.getTime() - options.graceMs);
  const referenced = await referencedBlobKeys(db, blobs);
  let [listed, kept, young, collected, bytes] = [0, 0, 0, 0, 0];
  for await (const blob of blobs.list()) {
    listed += 1;
    if (referenced.has(blob.sha256)) kept += 1;
    else if (blob.putAt > putBefore) young += 1;
    else if (options.dryRun || (await blobs.delete(blob.sha256, { notPutAfter: putBefore }))) {
      if (!options.dryRun) await forgetBlob(db, blob.sha256);
      collected += 1;
      bytes += blob.size;
    }
  }
  return { skipped: null, listed, referenced: kept, young, collected, bytes };
}
