/** The `blobs` table: the blobs the app stored, recorded in the transaction of what refers to them. */
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
