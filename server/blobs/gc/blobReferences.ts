/**
 * Where the database names blobs: what the collector marks (server/blobs/gc). The one list of
 * columns holding a blob's SHA-256; blobReferences.test.ts fails when a migration adds a `sha256`
 * or `*_sha256` column that is in neither list here. Blobs named only inside content (sprite
 * manifests, a DICOM WSI's manifest, a still's original in its file's meta) are kept by their
 * owner's `blob_owners` rows, deleted with the owner (blobOwners.ts). One kind of blob names
 * others in its content with no owner row: a stills folder's manifest (import_jobs.source_sha256
 * of a `stillsFolder` job) names its staged stills, which no column names until the job has
 * imported them.
 */
import { sql, type Kysely } from 'kysely';
import type { BlobStore } from '../blobStore';
import type { Database } from '../../db/schema';
import { stagedStillsOfJobs } from '../../import/jobs/stillsFolderJob';

export interface BlobKeyColumn {
  readonly table: keyof Database;
  readonly column: string;
}

export const BLOB_KEY_COLUMNS: readonly BlobKeyColumn[] = [
  // Blobs no other column names, kept while their owner is (an item's sprite sheets, an admin's raw upload).
  { table: 'blob_owners', column: 'sha256' },
  { table: 'item_files', column: 'sha256' },
  { table: 'slides', column: 'pack_sha256' },
  { table: 'slides', column: 'index_sha256' },
  { table: 'slides', column: 'source_sha256' },
  { table: 'outline_layers', column: 'sha256' },
  { table: 'model_files', column: 'sha256' },
  { table: 'releases', column: 'manifest_sha256' },
  { table: 'release_files', column: 'sha256' },
  // A job's source, which a retry imports again (a `deidSlide` job's names a staged file outside the store: harmless here).
  { table: 'import_jobs', column: 'source_sha256' },
  // A staged upload's files, imported nowhere until its session is committed (server/uploads).
  { table: 'staged_upload_files', column: 'sha256' },
  // Bytes of a database older than the store, until the start-up step writes them there.
  { table: 'legacy_blob_bytes', column: 'sha256' },
];

/** Columns named like a blob key that keep no blob. */
export const CATALOG_COLUMNS: readonly BlobKeyColumn[] = [
  // The store's catalog: every blob recorded, kept or not; the collector deletes the row with its blob.
  { table: 'blobs', column: 'sha256' },
];

/** Keys read per query: bounded memory per round trip. */
const PAGE = 10_000;
/** Keys per `in (…)` list: well under either dialect's parameter limit. */
const CHUNK = 500;

/**
 * Every blob key the database refers to. A Set of 64-character hex strings costs about 100 bytes
 * a key in V8 (the string and the set's slot: 10^6 keys took 101 MB of heap on Node 20), so 10^6
 * blobs hold ~100 MB while a full collection runs; each column is read in pages ordered by key,
 * never a whole table at once, and the store's listing is streamed beside it.
 */
export async function referencedBlobKeys(db: Kysely<Database>, blobs: BlobStore): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const { table, column } of BLOB_KEY_COLUMNS) {
    let after = '';
    for (;;) {
      const page = await sql<{ key: string }>`select distinct ${sql.ref(column)} as key from ${sql.table(table)} where ${sql.ref(column)} > ${after} order by 1 limit ${PAGE}`.execute(db);
      for (const { key } of page.rows) keys.add(key);
      const last = page.rows.at(-1);
      if (!last || page.rows.length < PAGE) break;
      after = last.key;
    }
  }
  for (const key of await stagedStillsOfJobs(db, blobs)) keys.add(key);
  return keys;
}

/** Those of `candidates` that nothing in the database refers to: a job's own blobs checked without reading every key. */
export async function unreferencedOf(db: Kysely<Database>, blobs: BlobStore, candidates: Iterable<string>): Promise<Set<string>> {
  const left = new Set(candidates);
  const all = [...left];
  for (let start = 0; start < all.length; start += CHUNK) {
    const chunk = all.slice(start, start + CHUNK);
    for (const { table, column } of BLOB_KEY_COLUMNS) {
      const found = await sql<{ key: string }>`select distinct ${sql.ref(column)} as key from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(chunk)})`.execute(db);
      for (const { key } of found.rows) left.delete(key);
    }
  }
  if (left.size > 0) for (const key of await stagedStillsOfJobs(db, blobs)) left.delete(key);
  return left;
}

/**
 * Deletes the catalog row of a blob the collector has just deleted from the store. Should the same
 * content be stored and recorded again between the two (an import of those very bytes at that
 * instant), only its catalog row is missing: the row keeps nothing, so no blob is lost.
 */
export async function forgetBlob(db: Kysely<Database>, sha256: string): Promise<void> {
  await db.deleteFrom('blobs').where('sha256', '=', sha256).execute();
}
