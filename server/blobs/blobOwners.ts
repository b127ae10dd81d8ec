/**
 * Owners of blobs that no column names (`blob_owners`, migration 0028): a frame set's sprite
 * sheets and stills' originals and a DICOM WSI's instances, named only inside the item's content
 * or a manifest, and an admin's raw upload, named nowhere. Written in the transaction of the
 * owner's rows; an owner's rows are deleted with the owner, or replaced when its blobs are, so the
 * collector (server/blobs/gc) takes what no owner keeps any more. Blobs a column names need no
 * owner row: deleting the row that names them is what frees them. Deletes here cost what the
 * owner had, read through the table's key, never the whole table.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { StoredBlob } from './blobStore';

export type BlobOwner =
  /** An item's blobs named inside its content or a manifest. */
  | { readonly kind: 'item'; readonly id: string }
  /**
   * An admin's raw upload (POST /api/blobs), by the uploader's user id. Nothing consumes raw uploads
   * yet, so nothing releases them: they stay, as an admin stored them on purpose.
   */
  | { readonly kind: 'upload'; readonly id: string };

/** Rows per INSERT: well under either dialect's parameter limit. */
const ROWS_PER_INSERT = 500;

/** Records that `owner` keeps `blobs` (again is a no-op). */
export async function ownBlobs(db: Kysely<Database>, owner: BlobOwner, blobs: readonly StoredBlob[]): Promise<void> {
  const keys = [...new Set(blobs.map((blob) => blob.sha256))];
  for (let start = 0; start < keys.length; start += ROWS_PER_INSERT) {
    const rows = keys.slice(start, start + ROWS_PER_INSERT).map((sha256) => ({ owner_kind: owner.kind, owner_id: owner.id, sha256 }));
    await db
      .insertInto('blob_owners')
      .values(rows)
      .onConflict((oc) => oc.columns(['owner_kind', 'owner_id', 'sha256']).doNothing())
      .execute();
  }
}

/** `owner` keeps none of its blobs any more (the owner deleted); they go once nothing else names them. */
export async function releaseBlobs(db: Kysely<Database>, owner: BlobOwner): Promise<void> {
  await db.deleteFrom('blob_owners').where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).execute();
}

/** `owner` now keeps exactly `blobs`: those it kept before and not among them are released. */
export async function replaceOwnedBlobs(db: Kysely<Database>, owner: BlobOwner, blobs: readonly StoredBlob[]): Promise<void> {
  await releaseBlobs(db, owner);
  await ownBlobs(db, owner, blobs);
}
