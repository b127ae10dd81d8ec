/**
 * The `blobs` table, the store's catalog: the blobs the app stored, recorded in the transaction of
 * what refers to them. A row does not keep its blob (server/blobs/blobOwners.ts does, for blobs no column names).
 */
import type { Kysely } from 'kysely';
import type { StoredBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';

export async function recordBlob(db: Kysely<Database>, blob: StoredBlob, at: string): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ sha256: blob.sha256, size: blob.size, created_at: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}
