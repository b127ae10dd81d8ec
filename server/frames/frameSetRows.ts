/**
 * Writes a frame set as one item of its dataset in one transaction: the item, one `item_files`
 * row per served frame image (and one for a video's original), every blob it keeps, and the audit
 * entry. `item_files.sop_instance_uid` holds each file's identity in the dataset (a frame set has
 * no DICOM UIDs), so the same still or video imported again is found as a duplicate.
 */
import type { Kysely, Transaction } from 'kysely';
import type { FrameSetItem } from '../../src/core/item';
import { targetIdsOf } from '../../src/core/targets';
import { validateItemContent } from '../../src/core/validate';
import { ownBlobs, replaceOwnedBlobs } from '../blobs/blobOwners';
import type { StoredBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { writeAudit } from '../services/audit';
import { recordBlob } from '../services/blobs';
import { sortKeyFor } from '../services/items';

/** What `item_files.meta` holds for a frame set's file (a series file holds DicomInstanceMeta). */
export type FrameFileMeta =
  /** A still as served (metadata blocks removed); `originalSha256`: the file as imported, for admins. */
  | { readonly kind: 'still'; readonly mediaType: 'image/jpeg' | 'image/png'; readonly width: number; readonly height: number; readonly originalSha256: string }
  /** One frame of a video, decoded to JPEG at import. */
  | { readonly kind: 'videoFrame'; readonly mediaType: 'image/jpeg'; readonly index: number }
  /** The video as imported (admins); never served as a frame. */
  | { readonly kind: 'video'; readonly mediaType: 'video/mp4' | 'video/webm' | 'application/dicom' }
  /** One frame of a DICOM image instance (VL Endoscopic, Ophthalmic Photography…), decoded by dcmtk at import; `frame` 1-based, as DICOM counts. */
  | { readonly kind: 'dicomFrame'; readonly mediaType: 'image/png'; readonly sopInstanceUid: string; readonly frame: number; readonly width: number; readonly height: number }
  /** A DICOM image instance as imported (admins); never served as a frame. `instanceNumber` orders the frame set. */
  | { readonly kind: 'dicomInstance'; readonly mediaType: 'application/dicom'; readonly sopInstanceUid: string; readonly instanceNumber: number | null; readonly frames: number }
  /** The list of the item's sprite sheets (spriteSheets.ts). */
  | { readonly kind: 'spriteManifest'; readonly mediaType: 'application/json' };

export interface FrameFile {
  readonly id: string;
  /**
   * The file's identity in the dataset: `still:<sha256>`, `video:<sha256>`, `video:<sha256>#<index>`,
   * `sprites:<version>`; a DICOM image instance's SOPInstanceUID (as a series file's), its frames `<uid>#<frame>`.
   */
  readonly key: string;
  readonly blob: StoredBlob;
  /** The name it was imported under (admins' report and audit only). */
  readonly name: string;
  readonly meta: FrameFileMeta;
}

export interface NewFrameSet {
  readonly itemId: string;
  readonly title: string;
  readonly sourceKey: string;
  readonly content: FrameSetItem;
  readonly files: readonly FrameFile[];
  /**
   * Blobs kept besides the files' own (sprite sheets, stills' originals): no column names them, so the
   * item owns them (blob_owners). An extension's are all the item keeps besides its files: they replace the earlier ones.
   */
  readonly blobs: readonly StoredBlob[];
  readonly auditDetail: Readonly<Record<string, unknown>>;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters and SQLite's 32,766. */
const ROWS_PER_INSERT = 500;

export async function writeFrameSet(db: Kysely<Database>, datasetId: string, set: NewFrameSet, actorId: string | null, at: string): Promise<void> {
  const targetIds = validTargetIds(set.itemId, set.content);
  await inTransaction(db, async (trx) => {
    for (const blob of uniqueBlobs([...set.blobs, ...set.files.map((file) => file.blob)])) await recordBlob(trx, blob, at);
    await ownBlobs(trx, { kind: 'item', id: set.itemId }, set.blobs);
    await trx
      .insertInto('items')
      .values({
        id: set.itemId,
        dataset_id: datasetId,
        title: set.title,
        kind: 'frameSet',
        content: JSON.stringify(set.content),
        target_ids: JSON.stringify(targetIds),
        target_count: targetIds.length,
        source_key: set.sourceKey,
        sort_key: sortKeyFor(set.title),
        importing: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await insertFiles(trx, datasetId, set.itemId, set.files, at);
    await writeAudit(trx, { at, userId: actorId, action: 'item.import', entity: 'item', entityId: set.itemId, detail: { kind: 'frameSet', ...set.auditDetail } });
  });
}

/**
 * Gives an existing frame set new content with more frames (a DICOM series whose instances came in
 * several imports): its frames' files stay (their ids are the annotations' targets), `set.files`
 * are added, and its sprite sheets are replaced by those in `set.files`.
 */
export async function extendFrameSet(db: Kysely<Database>, datasetId: string, set: NewFrameSet, actorId: string | null, at: string): Promise<void> {
  const targetIds = validTargetIds(set.itemId, set.content);
  await inTransaction(db, async (trx) => {
    for (const blob of uniqueBlobs([...set.blobs, ...set.files.map((file) => file.blob)])) await recordBlob(trx, blob, at);
    // The earlier sprite sheets go with their manifest's row (below).
    await replaceOwnedBlobs(trx, { kind: 'item', id: set.itemId }, set.blobs);
    await trx
      .updateTable('items')
      .set({ title: set.title, content: JSON.stringify(set.content), target_ids: JSON.stringify(targetIds), target_count: targetIds.length, sort_key: sortKeyFor(set.title), updated_at: at })
      .where('id', '=', set.itemId)
      .execute();
    await trx.deleteFrom('item_files').where('item_id', '=', set.itemId).where('sop_instance_uid', 'like', 'sprites:%').execute();
    await insertFiles(trx, datasetId, set.itemId, set.files, at);
    await writeAudit(trx, { at, userId: actorId, action: 'item.import', entity: 'item', entityId: set.itemId, detail: { kind: 'frameSet', extended: true, ...set.auditDetail } });
  });
}

function validTargetIds(itemId: string, content: FrameSetItem): string[] {
  const valid = validateItemContent(content);
  if (!valid.ok) throw new Error(`the frame importer built an invalid frame set: ${valid.errors.join('; ')}`);
  return targetIdsOf({ id: itemId, content });
}

async function insertFiles(trx: Transaction<Database>, datasetId: string, itemId: string, files: readonly FrameFile[], at: string): Promise<void> {
  for (let start = 0; start < files.length; start += ROWS_PER_INSERT) {
    const rows = files.slice(start, start + ROWS_PER_INSERT).map((file) => ({
      id: file.id,
      item_id: itemId,
      dataset_id: datasetId,
      sop_instance_uid: file.key,
      meta: JSON.stringify(file.meta),
      sha256: file.blob.sha256,
      size: file.blob.size,
      name: file.name,
      created_at: at,
    }));
    await trx.insertInto('item_files').values(rows).execute();
  }
}

/** The item already holding the file of this identity in the dataset, if any. */
export async function itemHoldingFrameFile(db: Kysely<Database>, datasetId: string, key: string): Promise<string | null> {
  const row = await db.selectFrom('item_files').select('item_id').where('dataset_id', '=', datasetId).where('sop_instance_uid', '=', key).executeTakeFirst();
  return row?.item_id ?? null;
}

function uniqueBlobs(blobs: readonly StoredBlob[]): StoredBlob[] {
  return [...new Map(blobs.map((blob) => [blob.sha256, blob])).values()];
}
