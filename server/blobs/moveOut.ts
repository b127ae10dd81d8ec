/**
 * Start-up step after the migrations: writes the bytes an older database held
 * (`legacy_blob_bytes`, filled by migration 0003) to the blob store. One blob in memory at a
 * time, keys read in batches; each row is deleted only after its blob is durably in the store,
 * so a start killed midway leaves rows that the next start moves (storing again is harmless:
 * identical content is kept once). Several instances starting at once may both move a row.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { BlobStore } from './blobStore';

const BATCH = 100;

/** Returns how many blobs were moved. */
export async function moveLegacyBlobsOut(db: Kysely<Database>, store: BlobStore): Promise<number> {
  let moved = 0;
  let after = '';
  for (;;) {
    const batch = await db.selectFrom('legacy_blob_bytes').select('sha256').where('sha256', '>', after).orderBy('sha256').limit(BATCH).execute();
    if (batch.length === 0) return moved;
    for (const { sha256 } of batch) {
      after = sha256;
      const row = await db.selectFrom('legacy_blob_bytes').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
      if (!row) continue; // another instance moved it meanwhile
      const stored = await store.put(Readable.from([row.bytes]));
      // The row keeps its bytes when they do not match their name: nothing is lost, the start fails loudly.
      if (stored.sha256 !== sha256) throw new Error(`bytes stored as blob ${sha256} hash to ${stored.sha256}: the database copy is damaged`);
      await db.deleteFrom('legacy_blob_bytes').where('sha256', '=', sha256).execute();
      moved += 1;
    }
  }
}
