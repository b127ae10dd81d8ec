/**
 * Stores files in a dataset. A slide file of a format with a reader (route.ts) goes to the slide
 * importer (server/slides/importSlide.ts) and becomes one slide item. A video becomes one frame
 * set (server/frames/importVideo.ts), as does a DICOM video (importDicomVideo.ts); stills (JPEG, PNG) are gathered by folder (or the call's
 * one group) and each group becomes one frame set once all files have come (server/frames/importStills.ts);
 * DICOM endoscopy and ophthalmic photographs are gathered by series into frame sets (importDicomImages.ts). Every other file is read,
 * refused with its reason, reported as a duplicate (same SOPInstanceUID already in the dataset)
 * or stored (bytes in the blob store, a row in `item_files` naming the blob); then every series
 * touched (one item per SeriesInstanceUID) is rebuilt from all its files. One bad file never
 * stops the rest, and re-running an import heals items a crash left half-built.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { FileImportOutcome, ImportReport } from '../../src/core/api';
import type { SeriesItem } from '../../src/core/item';
import { targetIdsOf } from '../../src/core/targets';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../blobs/blobStore';
import { isUniqueViolation } from '../db/dialect';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { DicomInstanceMeta } from '../dicom/parse';
import { importDicomImageFiles } from '../frames/importDicomImages';
import { importDicomVideo } from '../frames/importDicomVideo';
import { groupOf, importStillGroup, type StillFile } from '../frames/importStills';
import { importVideoFile } from '../frames/importVideo';
import { writeAudit } from '../services/audit';
import { recordBlob } from '../services/blobs';
import { sortKeyFor } from '../services/items';
import { importSlideFile } from '../slides/importSlide';
import { importDicomWsiFiles, type DicomWsiFile } from '../slides/importDicomWsi';
import { SLIDE_READERS } from '../slides/readers';
import { scratchWorkDirs, type WorkDirs } from '../workDirs/workDirs';
import type { Inspection } from './inspect';
import { inspectInWorker } from './inspectPool';
import { ROUTE_HEAD_BYTES, routeImport } from './route';
import { buildSeriesContent } from './series';
import { studyColumnsOf, type StudyColumns } from './studyColumns';

export type ImportFile =
  | { readonly name: string; readonly bytes: Uint8Array }
  /** Already in the blob store (a streamed upload); read back from there to parse it. */
  | { readonly name: string; readonly stored: StoredBlob }
  /** A local file (the CLI): read when it is a DICOM file, streamed when it is a slide. */
  | { readonly name: string; readonly path: string };

export interface ImportOptions {
  /** Where the files' bytes go. */
  readonly blobs: BlobStore;
  readonly now?: () => Date;
  /** Where videos, frames and slides are worked on before they are stored; absent (tests): scratchWorkDirs(). */
  readonly workDirs?: WorkDirs;
  /** Called as each file is decided, e.g. to print progress. */
  readonly onOutcome?: (outcome: FileImportOutcome) => void;
  /** Reads and checks a file's bytes; by default in the shared pool of import worker threads. */
  readonly inspect?: Inspector;
  /** Called as a slide's pyramid is built: tiles written so far of `total`. */
  readonly onSlideProgress?: (file: string, done: number, total: number) => void;
  /** Called when a slide item got a new pyramid (more of a DICOM WSI's instances arrived). */
  readonly onSlideReplaced?: (itemId: string) => void;
  /**
   * Called as a frame set is built: for a video, frames decoded of `total` (`file` its name); for
   * stills, stills done of the folder's `total` (`file` the still just done).
   */
  readonly onFrameProgress?: (file: string, done: number, total: number) => void;
  /**
   * Its import job's cancel: the file being built is stopped (its tool killed, nothing of it kept)
   * and reported so (stoppedByCancel); files after it are not begun; files imported before stay.
   */
  readonly signal?: AbortSignal;
}

export type Inspector = (bytes: Uint8Array) => Promise<Inspection>;

export async function importDicomFiles(
  db: Kysely<Database>,
  datasetId: string,
  files: AsyncIterable<ImportFile> | Iterable<ImportFile>,
  actorId: string | null,
  options: ImportOptions,
): Promise<ImportReport> {
  const { blobs, signal } = options;
  const inspect = options.inspect ?? inspectInWorker;
  const now = options.now ?? (() => new Date());
  const workDirs = options.workDirs ?? scratchWorkDirs();
  const outcomes: FileImportOutcome[] = [];
  const extended = new Set<string>();
  const touched = new Set<string>();
  const wsiFiles: DicomWsiFile[] = [];
  // A CLI folder waits here as names and paths, never bytes: 20,000 stills stay small.
  const stillGroups = new Map<string, StillFile[]>();
  // DICOM endoscopy and ophthalmic photographs, grouped by series once all have come.
  const dicomImages: ImportFile[] = [];
  for await (const file of files) {
    if (signal?.aborted) break;
    const route = routeImport(await headOf(blobs, file));
    if (route.importer === 'slide' && route.format === 'dicomWsi') {
      // A DICOM WSI slide is several files: gathered now, grouped into slides once all have come.
      wsiFiles.push(await storedWsiFile(blobs, file));
      continue;
    }
    if (route.importer === 'still') {
      const group = groupOf(file);
      const stills = stillGroups.get(group) ?? [];
      stills.push({ file, format: route.format });
      stillGroups.set(group, stills);
      continue;
    }
    if (route.importer === 'dicomFrames') {
      dicomImages.push(file);
      continue;
    }
    if (route.importer === 'video' || route.importer === 'dicomVideo') {
      const videoOptions = { blobs, now, workDirs, signal, onProgress: (done: number, total: number) => options.onFrameProgress?.(file.name, done, total) };
      const outcome =
        route.importer === 'video'
          ? await importVideoFile(db, datasetId, file, route.format, actorId, videoOptions)
          : await importDicomVideo(db, datasetId, file, actorId, videoOptions);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
      if (outcome.status === 'imported') extended.add(outcome.itemId);
      continue;
    }
    const openSlide = route.importer === 'slide' ? (SLIDE_READERS[route.format] ?? null) : null;
    const outcome = openSlide
      ? await importSlideFile(db, datasetId, file, actorId, {
          blobs,
          now,
          workDirs,
          open: openSlide,
          onProgress: (done, total) => options.onSlideProgress?.(file.name, done, total),
          signal,
        })
      : await importOne(db, blobs, inspect, datasetId, file, actorId, now().toISOString());
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
    // A slide item is whole once imported; only series are rebuilt from their files.
    if (outcome.status !== 'refused' && !openSlide) touched.add(outcome.itemId);
    if (outcome.status === 'imported') extended.add(outcome.itemId);
  }
  if (wsiFiles.length > 0) {
    for (const outcome of await importDicomWsiFiles(db, datasetId, wsiFiles, actorId, { blobs, now, workDirs, onProgress: options.onSlideProgress, onSlideReplaced: options.onSlideReplaced, signal })) {
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
      if (outcome.status === 'imported') extended.add(outcome.itemId);
    }
  }
  for (const stills of stillGroups.values()) {
    for (const outcome of await importStillGroup(db, datasetId, stills, actorId, { blobs, now, onProgress: options.onFrameProgress, signal })) {
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
      if (outcome.status === 'imported') extended.add(outcome.itemId);
    }
  }
  for (const outcome of await importDicomImageFiles(db, datasetId, dicomImages, actorId, { blobs, now, workDirs, onProgress: options.onFrameProgress, signal })) {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
    if (outcome.status === 'imported') extended.add(outcome.itemId);
  }
  for (const itemId of touched) await rebuildSeriesItem(db, itemId, actorId, now().toISOString(), extended.has(itemId));
  return { outcomes, itemIds: [...extended] };
}

async function importOne(
  db: Kysely<Database>,
  blobs: BlobStore,
  inspect: Inspector,
  datasetId: string,
  file: ImportFile,
  actorId: string | null,
  at: string,
): Promise<FileImportOutcome> {
  const bytes = 'bytes' in file ? file.bytes : 'path' in file ? await readFile(file.path) : await readWholeBlob(blobs, file.stored.sha256);
  const inspection = await inspect(bytes);
  if (!inspection.ok) {
    const { reason, code } = inspection;
    return code ? { file: file.name, status: 'refused', reason, code } : { file: file.name, status: 'refused', reason };
  }
  const { meta, warnings, repaired } = inspection;
  // Into the store before the transaction: no file I/O while holding the database's write lock.
  // A repaired file is stored as repaired, so every viewer reads the UIDs the database holds.
  const blob = repaired
    ? await blobs.put(Readable.from([repaired]))
    : 'stored' in file
      ? file.stored
      : await blobs.put(Readable.from([bytes]));
  for (let attempt = 1; ; attempt += 1) {
    try {
      const outcome = await inTransaction(db, (trx) => storeFile(trx, datasetId, file.name, blob, meta, actorId, at));
      return outcome.status === 'imported' && warnings.length > 0 ? { ...outcome, warnings } : outcome;
    } catch (error) {
      // Inside a caller's transaction a failed statement spoils the whole of it (PostgreSQL
      // aborts it): neither looking again nor going on with the next file can work.
      if (db.isTransaction) throw error;
      // Another importer stored the same series or instance at the same moment: look again.
      if (isUniqueViolation(error) && attempt < 3) continue;
      return { file: file.name, status: 'refused', reason: `could not be stored: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}

async function storeFile(
  trx: Transaction<Database>,
  datasetId: string,
  name: string,
  blob: StoredBlob,
  meta: DicomInstanceMeta,
  actorId: string | null,
  at: string,
): Promise<FileImportOutcome> {
  const existing = await trx
    .selectFrom('item_files')
    .select('item_id')
    .where('dataset_id', '=', datasetId)
    .where('sop_instance_uid', '=', meta.sopInstanceUid)
    .executeTakeFirst();
  if (existing) return { file: name, status: 'duplicate', itemId: existing.item_id, sopInstanceUid: meta.sopInstanceUid };

  const fileId = randomUUID();
  const itemId = await findOrCreateSeriesItem(trx, datasetId, fileId, meta, at);
  const { sha256, size } = blob;
  await recordBlob(trx, blob, at);
  await trx
    .insertInto('item_files')
    .values({
      id: fileId,
      item_id: itemId,
      dataset_id: datasetId,
      sop_instance_uid: meta.sopInstanceUid,
      meta: JSON.stringify(meta),
      sha256,
      size,
      name,
      created_at: at,
    })
    .execute();
  await writeAudit(trx, {
    at,
    userId: actorId,
    action: 'file.import',
    entity: 'item_file',
    entityId: fileId,
    detail: { itemId, name, sopInstanceUid: meta.sopInstanceUid, sha256 },
  });
  return { file: name, status: 'imported', itemId, sopInstanceUid: meta.sopInstanceUid };
}

function seriesTitle(content: SeriesItem): string {
  const description = content.seriesDescription.trim() || `series ${content.seriesInstanceUid.slice(-12)}`;
  return content.modality ? `${content.modality} ${description}` : description;
}

function itemColumns(
  itemId: string,
  content: SeriesItem,
  metas: readonly DicomInstanceMeta[],
): { title: string; content: string; target_ids: string; target_count: number; sort_key: string; study_uid: string } & StudyColumns {
  const title = seriesTitle(content);
  const targetIds = targetIdsOf({ id: itemId, content });
  return {
    title,
    content: JSON.stringify(content),
    target_ids: JSON.stringify(targetIds),
    target_count: targetIds.length,
    sort_key: sortKeyFor(title),
    study_uid: content.studyInstanceUid,
    ...studyColumnsOf(metas),
  };
}

/** The item of this file's series; a new series starts as an item of this one file. */
async function findOrCreateSeriesItem(trx: Transaction<Database>, datasetId: string, fileId: string, meta: DicomInstanceMeta, at: string): Promise<string> {
  const item = await trx
    .selectFrom('items')
    .select('id')
    .where('dataset_id', '=', datasetId)
    .where('source_key', '=', meta.seriesInstanceUid)
    .executeTakeFirst();
  if (item) return item.id;
  const id = randomUUID();
  const content = buildSeriesContent([{ fileId, meta }]);
  await trx
    .insertInto('items')
    // Importing until this run has built it from all its files (rebuildSeriesItem), so a run
    // killed midway never shows annotators a series of the first file alone.
    .values({ id, dataset_id: datasetId, kind: 'series', source_key: meta.seriesInstanceUid, importing: 1, created_at: at, updated_at: at, ...itemColumns(id, content, [meta]) })
    .execute();
  return id;
}

/** Rebuilds a series item's content from every file it holds, and shows it (no longer importing). */
async function rebuildSeriesItem(db: Kysely<Database>, itemId: string, actorId: string | null, at: string, extended: boolean): Promise<void> {
  await inTransaction(db, async (trx) => {
    const files = await trx.selectFrom('item_files').select(['id', 'meta']).where('item_id', '=', itemId).execute();
    const parsed = files.map((file) => ({ fileId: file.id, meta: JSON.parse(file.meta) as DicomInstanceMeta }));
    const content = buildSeriesContent(parsed);
    const columns = itemColumns(itemId, content, parsed.map((file) => file.meta));
    const current = await trx.selectFrom('items').select(['content', 'importing']).where('id', '=', itemId).executeTakeFirst();
    if (current?.content === columns.content && Number(current.importing) === 0) return;
    await trx.updateTable('items').set({ ...columns, importing: 0, updated_at: at }).where('id', '=', itemId).execute();
    if (extended) {
      await writeAudit(trx, { at, userId: actorId, action: 'item.import', entity: 'item', entityId: itemId, detail: { files: files.length } });
    }
  });
}

/** A DICOM WSI instance in the blob store, streamed there when it is a local file: the reader reads it by range (instances run to gigabytes). */
async function storedWsiFile(blobs: BlobStore, file: ImportFile): Promise<DicomWsiFile> {
  if ('stored' in file) return { name: file.name, stored: file.stored };
  const stored = await blobs.put('bytes' in file ? Readable.from([file.bytes]) : createReadStream(file.path));
  return { name: file.name, stored };
}

/** The first bytes of a file, without reading a multi-gigabyte slide whole. */
export async function headOf(blobs: BlobStore, file: ImportFile): Promise<Uint8Array> {
  if ('bytes' in file) return file.bytes.subarray(0, ROUTE_HEAD_BYTES);
  if ('path' in file) {
    const handle = await open(file.path, 'r');
    try {
      const buffer = Buffer.alloc(ROUTE_HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, ROUTE_HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
  if (file.stored.size === 0) return new Uint8Array(0);
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.read(file.stored.sha256, { start: 0, end: Math.min(file.stored.size, ROUTE_HEAD_BYTES) - 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
