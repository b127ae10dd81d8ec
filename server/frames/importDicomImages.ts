/**
 * Imports DICOM visible-light image instances (VL Endoscopic, VL Photographic, Ophthalmic
 * Photography; route.ts FRAME_SET_SOP_CLASSES) as frame sets of source 'images': one frame set per
 * series, every frame of every instance one frame, instances in Instance Number order (then by
 * SOPInstanceUID), frames in their order within the instance. Frames are decoded by dcmtk
 * (dicomFrameImages.ts) and served as PNG; thumbnails and sprites as for stills.
 *
 * A series whose instances come in several imports (an upload sends one file a request) grows: the
 * frame set is rebuilt from all its instances, the frames already there keeping their files (the
 * targets of annotations on them). An instance already in the dataset (same SOPInstanceUID) is a
 * duplicate. Patient attributes stay in the stored instance (admins); the title names the modality
 * and a hash of the series UID only.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import type { FrameRef } from '../../src/core/item';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../blobs/blobStore';
import { lendLocalPath } from '../blobs/localPath';
import type { Database } from '../db/schema';
import { readDicomInstance, type DicomInstanceMeta } from '../dicom/parse';
import type { ImportFile } from '../import/importFiles';
import { stoppedByCancel } from '../import/stoppedByCancel';
import type { WorkDirs } from '../workDirs/workDirs';
import { decodeDicomFrames } from './dicomFrameImages';
import { extendFrameSet, itemHoldingFrameFile, writeFrameSet, type FrameFile, type FrameFileMeta } from './frameSetRows';
import { bytesOf } from './importStills';
import { spriteManifestFile, SpriteSheetWriter } from './spriteSheets';
import { readStill } from './stillImage';

export interface DicomImageImportOptions {
  readonly blobs: BlobStore;
  readonly now: () => Date;
  /** Where an instance's frames are decoded before they are stored. */
  readonly workDirs: WorkDirs;
  /** Instances decoded so far (`file` the last one) of the series' `total`. */
  readonly onProgress?: (file: string, done: number, total: number) => void;
  /**
   * Aborting kills dcmj2pnm and stops the series before its next instance: no frame set is written
   * and its instances are reported stopped (frames stored of instances decoded before stay unreferenced).
   */
  readonly signal?: AbortSignal;
}

/** An accepted instance, stored, before its frames are decoded. */
interface ArrivedInstance {
  readonly name: string;
  readonly blob: StoredBlob;
  readonly meta: DicomInstanceMeta;
}

/** One frame of the set as it will be ordered: its file's id, image blob and upright size. */
interface SetFrame {
  readonly fileId: string;
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
}

interface SetInstance {
  readonly sopInstanceUid: string;
  readonly instanceNumber: number | null;
  readonly frames: readonly SetFrame[];
}

export async function importDicomImageFiles(
  db: Kysely<Database>,
  datasetId: string,
  files: readonly ImportFile[],
  actorId: string | null,
  options: DicomImageImportOptions,
): Promise<FileImportOutcome[]> {
  const outcomes: FileImportOutcome[] = [];
  const bySeries = new Map<string, SeriesArrivals>();
  for (const file of files) {
    const bytes = await bytesOf(options.blobs, file);
    const read = readDicomInstance(bytes);
    if (!read.ok) {
      const { reason, code } = read;
      outcomes.push(code ? { file: file.name, status: 'refused', reason, code } : { file: file.name, status: 'refused', reason });
      continue;
    }
    const { meta } = read;
    const series = bySeries.get(meta.seriesInstanceUid) ?? (await seriesArrivals(db, datasetId, meta.seriesInstanceUid));
    bySeries.set(meta.seriesInstanceUid, series);
    const holder = series.instances.some((instance) => instance.meta.sopInstanceUid === meta.sopInstanceUid) ? series.itemId : await itemHoldingFrameFile(db, datasetId, meta.sopInstanceUid);
    if (holder) {
      outcomes.push({ file: file.name, status: 'duplicate', itemId: holder, sopInstanceUid: meta.sopInstanceUid });
      continue;
    }
    const blob = 'stored' in file ? file.stored : await options.blobs.put(Readable.from([bytes]));
    series.instances.push({ name: file.name, blob, meta });
  }
  for (const [seriesUid, series] of bySeries) outcomes.push(...(await importSeries(db, datasetId, seriesUid, series, actorId, options)));
  return outcomes;
}

/** A series' instances arrived in this import, and its frame set: the one the dataset has, or the id of the one to make. */
interface SeriesArrivals {
  readonly itemId: string;
  readonly exists: boolean;
  readonly instances: ArrivedInstance[];
}

const sourceKeyOf = (seriesUid: string): string => `dicomFrames:${seriesUid}`;

async function seriesArrivals(db: Kysely<Database>, datasetId: string, seriesUid: string): Promise<SeriesArrivals> {
  const existing = await db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).where('source_key', '=', sourceKeyOf(seriesUid)).executeTakeFirst();
  return { itemId: existing?.id ?? randomUUID(), exists: existing !== undefined, instances: [] };
}

async function importSeries(
  db: Kysely<Database>,
  datasetId: string,
  seriesUid: string,
  series: SeriesArrivals,
  actorId: string | null,
  options: DicomImageImportOptions,
): Promise<FileImportOutcome[]> {
  const { blobs } = options;
  const { itemId, instances: arrived } = series;
  if (arrived.length === 0) return [];
  const instances = series.exists ? await instancesOf(db, itemId) : [];
  const outcomes: FileImportOutcome[] = [];
  const files: FrameFile[] = [];
  for (const [done, instance] of arrived.entries()) {
    if (options.signal?.aborted) break;
    const decoded = await decodeInstance(blobs, instance, options.workDirs, options.signal);
    if ('reason' in decoded) {
      outcomes.push({ file: instance.name, status: 'refused', reason: decoded.reason, code: 'undecodable' });
    } else {
      files.push(...decoded.files);
      instances.push(decoded.instance);
      outcomes.push({ file: instance.name, status: 'imported', itemId, sopInstanceUid: instance.meta.sopInstanceUid });
    }
    options.onProgress?.(instance.name, done + 1, arrived.length);
  }
  // The instance in hand when the cancel came is refused by its killed decoder: stopped too.
  if (options.signal?.aborted) return outcomes.map((outcome) => stoppedByCancel(outcome.file));
  if (files.length === 0) return outcomes;

  const ordered = [...instances].sort(byInstanceNumber).flatMap((instance) => instance.frames);
  const frames: FrameRef[] = ordered.map((frame) => ({ targetId: frame.fileId, fileId: frame.fileId, videoFrame: null, width: frame.width, height: frame.height }));
  const sprites = new SpriteSheetWriter(blobs);
  for (const frame of ordered) {
    const still = await readStill(await readWholeBlob(blobs, frame.sha256), 'png');
    if (!still.ok) throw new Error(`a frame stored at import no longer decodes: ${still.reason}`);
    await sprites.add(still.cell);
  }
  const stored = await sprites.finish();
  const modality = arrived[0]?.meta.modality || 'DICOM';
  const set = {
    itemId,
    // Never a patient attribute, a description or a file name: annotators see titles.
    title: `${modality} ${createHash('sha256').update(seriesUid).digest('hex').slice(0, 8)} (${frames.length} frames)`,
    sourceKey: sourceKeyOf(seriesUid),
    content: { kind: 'frameSet', source: 'images', frames, sprites: stored.sprites } as const,
    files: [...files, spriteManifestFile(stored, randomUUID())],
    blobs: stored.sheets,
    auditDetail: { source: 'dicom', seriesInstanceUid: seriesUid, frames: frames.length, sprites: stored.sprites.version },
  };
  const at = options.now().toISOString();
  try {
    if (series.exists) await extendFrameSet(db, datasetId, set, actorId, at);
    else await writeFrameSet(db, datasetId, set, actorId, at);
  } catch (error) {
    if (db.isTransaction) throw error;
    const reason = `could not be stored: ${error instanceof Error ? error.message : String(error)}`;
    return outcomes.map((outcome) => (outcome.status === 'imported' ? { file: outcome.file, status: 'refused', reason } : outcome));
  }
  return outcomes;
}

/** Decodes an instance's frames and stores them, one at a time; the instance's own file is kept for admins. */
async function decodeInstance(blobs: BlobStore, arrived: ArrivedInstance, workDirs: WorkDirs, signal?: AbortSignal): Promise<{ readonly files: FrameFile[]; readonly instance: SetInstance } | { readonly reason: string }> {
  const { meta, name } = arrived;
  const lent = await lendLocalPath(blobs, arrived.blob.sha256, workDirs);
  const work = await workDirs.workDir('dicom-frames');
  try {
    const pngs = await decodeDicomFrames(lent.path, work.path, signal);
    if (pngs.length !== meta.numberOfFrames) return { reason: `dcmj2pnm decoded ${pngs.length} frames where it declares ${meta.numberOfFrames}` };
    const files: FrameFile[] = [];
    const frames: SetFrame[] = [];
    for (const [index, png] of pngs.entries()) {
      const bytes = await readFile(png);
      const still = await readStill(bytes, 'png');
      if (!still.ok) return { reason: `frame ${index + 1}: ${still.reason}` };
      const blob = await blobs.put(Readable.from([bytes]));
      const id = randomUUID();
      const { width, height } = still;
      files.push({ id, key: `${meta.sopInstanceUid}#${index + 1}`, blob, name: `${name}#${index + 1}`, meta: { kind: 'dicomFrame', mediaType: 'image/png', sopInstanceUid: meta.sopInstanceUid, frame: index + 1, width, height } });
      frames.push({ fileId: id, sha256: blob.sha256, width, height });
    }
    const original: FrameFile = {
      id: randomUUID(),
      key: meta.sopInstanceUid,
      blob: arrived.blob,
      name,
      meta: { kind: 'dicomInstance', mediaType: 'application/dicom', sopInstanceUid: meta.sopInstanceUid, instanceNumber: meta.instanceNumber, frames: frames.length },
    };
    return { files: [original, ...files], instance: { sopInstanceUid: meta.sopInstanceUid, instanceNumber: meta.instanceNumber, frames } };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await work.release();
    await lent.release();
  }
}

/** The instances a frame set holds already, with their frames' files in frame order. */
async function instancesOf(db: Kysely<Database>, itemId: string): Promise<SetInstance[]> {
  const rows = await db.selectFrom('item_files').select(['id', 'sha256', 'meta']).where('item_id', '=', itemId).execute();
  const instances = new Map<string, { instanceNumber: number | null; frames: (SetFrame & { frame: number })[] }>();
  const frames: (SetFrame & { frame: number; sopInstanceUid: string })[] = [];
  for (const row of rows) {
    const meta = JSON.parse(row.meta) as FrameFileMeta;
    if (meta.kind === 'dicomInstance') instances.set(meta.sopInstanceUid, { instanceNumber: meta.instanceNumber, frames: [] });
    if (meta.kind === 'dicomFrame') frames.push({ fileId: row.id, sha256: row.sha256, width: meta.width, height: meta.height, frame: meta.frame, sopInstanceUid: meta.sopInstanceUid });
  }
  for (const frame of frames) instances.get(frame.sopInstanceUid)?.frames.push(frame);
  return [...instances].map(([sopInstanceUid, { instanceNumber, frames: held }]) => ({ sopInstanceUid, instanceNumber, frames: held.sort((a, b) => a.frame - b.frame) }));
}

/** Instance Number order; an instance without one after those with, then by UID so the order is stable. */
function byInstanceNumber(a: SetInstance, b: SetInstance): number {
  const [x, y] = [a.instanceNumber ?? Number.POSITIVE_INFINITY, b.instanceNumber ?? Number.POSITIVE_INFINITY];
  if (x !== y) return x < y ? -1 : 1;
  return a.sopInstanceUid < b.sopInstanceUid ? -1 : a.sopInstanceUid > b.sopInstanceUid ? 1 : 0;
}
