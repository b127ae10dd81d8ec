/**
 * Imports one slide file into a dataset as one item of kind 'slide': the source file goes into
 * the blob store (admins only), a SlideReader builds the served pyramid into a tile pack (two
 * blobs), and one transaction writes the item, its `slides` row and the audit entry. The same
 * file imported again into the dataset is a duplicate (items.source_key = the file's SHA-256).
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import type { SlideItem } from '../../src/core/item';
import { targetIdsOf } from '../../src/core/targets';
import { validateItemContent } from '../../src/core/validate';
import { ownBlobs, replaceOwnedBlobs } from '../blobs/blobOwners';
import type { BlobStore, StoredBlob } from '../blobs/blobStore';
import { lendLocalPath } from '../blobs/localPath';
import { isUniqueViolation } from '../db/dialect';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { writeAudit } from '../services/audit';
import { recordBlob } from '../services/blobs';
import { sortKeyFor } from '../services/items';
import { stoppedByCancel } from '../import/stoppedByCancel';
import type { WorkDirs } from '../workDirs/workDirs';
import { PackWriter, type StoredPack } from './packWriter';
import type { PyramidShape, SlideFacts, SlideReader } from './pyramidWriter';
import type { SlideOpener } from './readers';
import { SlideRefusal } from './refusal';
import { tileVersionOf } from './tileVersion';

export type SlideFile =
  | { readonly name: string; readonly stored: StoredBlob }
  /** A local file (the CLI): streamed into the store, never read whole. */
  | { readonly name: string; readonly path: string }
  | { readonly name: string; readonly bytes: Uint8Array };

export interface SlideImportOptions {
  readonly blobs: BlobStore;
  readonly now: () => Date;
  readonly open: SlideOpener;
  /** Where the pyramid is cut and packed before it is stored. */
  readonly workDirs: WorkDirs;
  /** Tiles written so far of the pyramid being built. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting stops the build (packPyramid): the slide is reported stopped and nothing of it is kept. */
  readonly signal?: AbortSignal;
}

export async function importSlideFile(
  db: Kysely<Database>,
  datasetId: string,
  file: SlideFile,
  actorId: string | null,
  options: SlideImportOptions,
): Promise<FileImportOutcome> {
  const { blobs } = options;
  const source = 'stored' in file ? file.stored : await blobs.put('path' in file ? createReadStream(file.path) : Readable.from([file.bytes]));
  const existing = await slideItemOf(db, datasetId, source.sha256);
  if (existing) return { file: file.name, status: 'duplicate', itemId: existing };

  let built: { shape: PyramidShape; facts: SlideFacts; pack: StoredPack };
  try {
    built = await buildPyramid(blobs, source, options);
  } catch (error) {
    if (options.signal?.aborted) return stoppedByCancel(file.name);
    if (error instanceof SlideRefusal) return { file: file.name, status: 'refused', reason: error.message, code: error.code };
    // Whatever else went wrong (a tool crashed, the disk filled), this file is reported and the run goes on.
    return { file: file.name, status: 'refused', reason: `could not be imported as a slide: ${error instanceof Error ? error.message : String(error)}` };
  }
  const title = basename(file.name, extname(file.name)) || file.name;
  const written = await writeSlideItem(db, datasetId, { title, sourceKey: source.sha256, source, sourceName: file.name, blobs: [] }, built, actorId, options.now().toISOString());
  return written.status === 'imported' ? { file: file.name, status: 'imported', itemId: written.itemId } : { file: file.name, status: 'duplicate', itemId: written.itemId };
}

/** Where a slide came from: its identity in the dataset and the blobs that hold its source. */
export interface SlideOrigin {
  readonly title: string;
  /** items.source_key: the file's SHA-256, or the pyramid's UID for a DICOM WSI made of several files. */
  readonly sourceKey: string;
  /** The blob named as the slide's source (the file, or a manifest of a DICOM WSI's instances). */
  readonly source: StoredBlob;
  readonly sourceName: string;
  /** Other blobs the slide keeps (a DICOM WSI's instances), named only in the source manifest: the item owns them (blob_owners). */
  readonly blobs: readonly StoredBlob[];
}

/**
 * Writes a built slide as an item of its dataset, with its `slides` row and the audit entry, in one
 * transaction; `duplicate` when the dataset already holds a slide of the same source key.
 */
export async function writeSlideItem(
  db: Kysely<Database>,
  datasetId: string,
  origin: SlideOrigin,
  built: { readonly shape: PyramidShape; readonly facts: SlideFacts; readonly pack: StoredPack },
  actorId: string | null,
  at: string,
): Promise<{ readonly status: 'imported' | 'duplicate'; readonly itemId: string }> {
  const { pack, facts } = built;
  const content = slideContentOf(built);
  const itemId = randomUUID();
  const { title, source } = origin;
  const targetIds = targetIdsOf({ id: itemId, content });
  try {
    await inTransaction(db, async (trx) => {
      for (const blob of [source, ...origin.blobs, pack.pack, pack.index]) await recordBlob(trx, blob, at);
      await ownBlobs(trx, { kind: 'item', id: itemId }, origin.blobs);
      await trx
        .insertInto('items')
        .values({
          id: itemId,
          dataset_id: datasetId,
          title,
          kind: 'slide',
          content: JSON.stringify(content),
          target_ids: JSON.stringify(targetIds),
          target_count: targetIds.length,
          source_key: origin.sourceKey,
          sort_key: sortKeyFor(title),
          importing: 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('slides')
        .values({
          item_id: itemId,
          pack_sha256: pack.pack.sha256,
          index_sha256: pack.index.sha256,
          source_sha256: source.sha256,
          source_name: origin.sourceName,
          facts: JSON.stringify(facts),
          created_at: at,
        })
        .execute();
      await writeAudit(trx, {
        at,
        userId: actorId,
        action: 'item.import',
        entity: 'item',
        entityId: itemId,
        detail: { kind: 'slide', name: origin.sourceName, sha256: source.sha256, tiles: pack.index.sha256 },
      });
    });
  } catch (error) {
    // Another import of the same slide won the race: it is the same slide.
    const winner = isUniqueViolation(error) && !db.isTransaction ? await slideItemOf(db, datasetId, origin.sourceKey) : null;
    if (winner) return { status: 'duplicate', itemId: winner };
    throw error;
  }
  return { status: 'imported', itemId };
}

function slideContentOf({ shape, facts, pack }: { readonly shape: PyramidShape; readonly facts: SlideFacts; readonly pack: StoredPack }): SlideItem {
  const content: SlideItem = {
    kind: 'slide',
    levels: shape.levels,
    micronsPerPixel: facts.micronsPerPixel,
    tileSize: shape.tileSize,
    tileFormat: shape.tileFormat,
    tileVersion: tileVersionOf(pack.pack.sha256),
    objectivePower: facts.objectivePower,
    scanner: facts.scanner,
  };
  const valid = validateItemContent(content);
  if (!valid.ok) throw new Error(`the slide reader built an invalid slide item: ${valid.errors.join('; ')}`);
  return content;
}

/**
 * Gives an existing slide item a new pyramid built from more of its source files (a DICOM WSI
 * whose instances came in separate uploads): same item id, so its assignments and outlines stay.
 */
export async function replaceSlidePyramid(
  db: Kysely<Database>,
  itemId: string,
  origin: Pick<SlideOrigin, 'source' | 'sourceName' | 'blobs'>,
  built: { readonly shape: PyramidShape; readonly facts: SlideFacts; readonly pack: StoredPack },
  actorId: string | null,
  at: string,
): Promise<void> {
  const { pack, facts } = built;
  const content = slideContentOf(built);
  await inTransaction(db, async (trx) => {
    for (const blob of [origin.source, ...origin.blobs, pack.pack, pack.index]) await recordBlob(trx, blob, at);
    // The new pyramid's instances are all the slide's: those of the old one not among them go, as its pack and index (no row names them now).
    await replaceOwnedBlobs(trx, { kind: 'item', id: itemId }, origin.blobs);
    await trx.updateTable('items').set({ content: JSON.stringify(content), updated_at: at }).where('id', '=', itemId).execute();
    await trx
      .updateTable('slides')
      .set({ pack_sha256: pack.pack.sha256, index_sha256: pack.index.sha256, source_sha256: origin.source.sha256, source_name: origin.sourceName, facts: JSON.stringify(facts) })
      .where('item_id', '=', itemId)
      .execute();
    await writeAudit(trx, {
      at,
      userId: actorId,
      action: 'item.import',
      entity: 'item',
      entityId: itemId,
      detail: { kind: 'slide', name: origin.sourceName, sha256: origin.source.sha256, tiles: pack.index.sha256, replaced: true },
    });
  });
}

async function buildPyramid(blobs: BlobStore, source: StoredBlob, options: SlideImportOptions): Promise<{ shape: PyramidShape; facts: SlideFacts; pack: StoredPack }> {
  const lent = await lendLocalPath(blobs, source.sha256, options.workDirs);
  const opening = await options.workDirs.workDir('slide-open');
  try {
    return await packPyramid(blobs, await options.open(lent.path, opening.path), options.workDirs, options.onProgress, options.signal);
  } finally {
    await opening.release();
    await lent.release();
  }
}

/**
 * Writes an opened slide's pyramid into a tile pack in the blob store. `signal` aborting stops it
 * until the pack is stored (PackWriter.finish); from then on the slide is whole and is written,
 * so a cancel never leaves a pack blob no slide refers to.
 */
export async function packPyramid(
  blobs: BlobStore,
  reader: SlideReader,
  workDirs: WorkDirs,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ shape: PyramidShape; facts: SlideFacts; pack: StoredPack }> {
  const writer = await PackWriter.create(workDirs);
  try {
    const shape = await reader.writePyramid(writer, { onProgress, workDirs, signal });
    return { shape, facts: reader.facts, pack: await writer.finish(blobs, shape, signal) };
  } finally {
    await writer.dispose();
  }
}

export async function slideItemOf(db: Kysely<Database>, datasetId: string, sourceKey: string): Promise<string | null> {
  const row = await db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).where('source_key', '=', sourceKey).executeTakeFirst();
  return row?.id ?? null;
}
