/**
 * Imports DICOM WSI instances gathered during one import run: a slide is several files (one or
 * more per level, plus label and overview images), so they are grouped into pyramids once every
 * file of the run has arrived. Each pyramid becomes one slide item (the same tile pack as any
 * slide); every instance stays in the blob store, named in a manifest blob that is the slide's
 * source. A file that is not usable is refused with its reason; the other slides import. An
 * instance of a slide the dataset already holds (the upload form sends one file per request)
 * joins it: the slide is rebuilt from all its instances under the same item. Instances are read
 * by range where the blob store keeps them (headers, offset tables, one frame at a time), so a
 * multi-gigabyte instance is never held in memory.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import { readWholeBlob, type BlobStore, type StoredBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import { stoppedByCancel } from '../import/stoppedByCancel';
import type { WorkDirs } from '../workDirs/workDirs';
import { BlobSources } from './blobSources';
import { WsiError, readWsiInstance } from './dicomWsi/instance';
import { openDicomWsiSlides } from './dicomWsi/reader';
import { packPyramid, replaceSlidePyramid, slideItemOf, writeSlideItem } from './importSlide';

export interface DicomWsiFile {
  readonly name: string;
  readonly stored: StoredBlob;
}

export interface DicomWsiImportOptions {
  readonly blobs: BlobStore;
  readonly now: () => Date;
  /** Where the pyramid is packed (and another store's blobs copied) before it is stored. */
  readonly workDirs: WorkDirs;
  readonly onProgress?: (file: string, done: number, total: number) => void;
  /** Called when a slide item got a new pyramid (more of its instances arrived): caches of its tiles are stale. */
  readonly onSlideReplaced?: (itemId: string) => void;
  /** Aborting stops the pyramid being built (packPyramid): its files are reported stopped, nothing of it kept. */
  readonly signal?: AbortSignal;
}

/** The source key of a DICOM WSI pyramid: not a file's hash, as the same slide may arrive in other files. */
const sourceKeyOf = (pyramidKey: string): string => `dicom-wsi:${pyramidKey}`;

/** Imports of one dataset run one after another: each may extend a slide another is building. */
const datasetQueues = new Map<string, Promise<unknown>>();

export function importDicomWsiFiles(
  db: Kysely<Database>,
  datasetId: string,
  files: readonly DicomWsiFile[],
  actorId: string | null,
  options: DicomWsiImportOptions,
): Promise<FileImportOutcome[]> {
  const previous = datasetQueues.get(datasetId) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => importInTurn(db, datasetId, files, actorId, options));
  datasetQueues.set(datasetId, run);
  const forget = () => {
    if (datasetQueues.get(datasetId) === run) datasetQueues.delete(datasetId);
  };
  run.then(forget, forget);
  return run;
}

interface Manifest {
  readonly pyramid: string;
  readonly instances: readonly { readonly name: string; readonly sha256: string }[];
}

/**
 * The instances of slides already in the dataset that the new files belong to: the admin's upload
 * form sends one file per request, so a pyramid's files arrive in separate imports.
 */
async function earlierInstances(
  db: Kysely<Database>,
  blobs: BlobStore,
  sources: BlobSources,
  datasetId: string,
  files: readonly DicomWsiFile[],
): Promise<Map<string, { itemId: string; files: DicomWsiFile[] }>> {
  const keys = new Set<string>();
  for (const file of files) {
    try {
      keys.add((await readWsiInstance(await sources.source(file.stored.sha256))).pyramidKey);
    } catch (error) {
      // Not a usable instance: openDicomWsiSlides refuses it with the reason.
      if (!(error instanceof WsiError)) throw error;
    }
  }
  const earlier = new Map<string, { itemId: string; files: DicomWsiFile[] }>();
  for (const key of keys) {
    const itemId = await slideItemOf(db, datasetId, sourceKeyOf(key));
    if (!itemId) continue;
    const row = await db.selectFrom('slides').select('source_sha256').where('item_id', '=', itemId).executeTakeFirst();
    if (!row) continue;
    const manifest = JSON.parse((await readWholeBlob(blobs, row.source_sha256)).toString('utf8')) as Manifest;
    const members: DicomWsiFile[] = [];
    for (const instance of manifest.instances) {
      const stored = await blobs.stat(instance.sha256);
      if (stored) members.push({ name: instance.name, stored });
    }
    earlier.set(key, { itemId, files: members });
  }
  return earlier;
}

async function importInTurn(
  db: Kysely<Database>,
  datasetId: string,
  files: readonly DicomWsiFile[],
  actorId: string | null,
  options: DicomWsiImportOptions,
): Promise<FileImportOutcome[]> {
  const sources = new BlobSources(options.blobs, options.workDirs);
  try {
    return await importOpened(db, datasetId, files, actorId, options, sources);
  } finally {
    await sources.close();
  }
}

async function importOpened(
  db: Kysely<Database>,
  datasetId: string,
  files: readonly DicomWsiFile[],
  actorId: string | null,
  options: DicomWsiImportOptions,
  sources: BlobSources,
): Promise<FileImportOutcome[]> {
  const earlier = await earlierInstances(db, options.blobs, sources, datasetId, files);
  const incoming = new Set(files.map((file) => file.stored.sha256));
  const known = new Set([...earlier.values()].flatMap((slide) => slide.files.map((file) => file.stored.sha256)));
  // Earlier instances follow the new files, so indexes below files.length are the new ones.
  const all = [...files, ...[...earlier.values()].flatMap((slide) => slide.files.filter((file) => !incoming.has(file.stored.sha256)))];
  const { slides, refused } = await openDicomWsiSlides(await Promise.all(all.map((file) => sources.source(file.stored.sha256))));
  const outcomes: FileImportOutcome[] = refused
    .filter(({ index }) => index < files.length)
    .map(({ index, reason }) => ({ file: files[index]?.name ?? '', status: 'refused', reason, code: 'slideUnreadable' }));
  for (const slide of slides) {
    const members = slide.files.flatMap((index) => all[index] ?? []);
    const arrived = slide.files.flatMap((index) => (index < files.length ? (files[index] ?? []) : []));
    const first = members[0];
    if (!first || arrived.length === 0) continue;
    const sourceKey = sourceKeyOf(slide.key);
    const existing = earlier.get(slide.key)?.itemId ?? (await slideItemOf(db, datasetId, sourceKey));
    if (existing && arrived.every((file) => known.has(file.stored.sha256))) {
      outcomes.push(...arrived.map((file): FileImportOutcome => ({ file: file.name, status: 'duplicate', itemId: existing })));
      continue;
    }
    try {
      const built = await packPyramid(options.blobs, slide, options.workDirs, (done, total) => options.onProgress?.(first.name, done, total), options.signal);
      const manifest = await options.blobs.put(Readable.from([Buffer.from(JSON.stringify({ pyramid: slide.key, instances: members.map((m) => ({ name: m.name, sha256: m.stored.sha256 })) } satisfies Manifest))]));
      const origin = { title: first.name.replace(/\.dcm$/i, ''), sourceKey, source: manifest, sourceName: first.name, blobs: members.map((m) => m.stored) };
      const at = options.now().toISOString();
      let written: { readonly status: 'imported' | 'duplicate'; readonly itemId: string };
      if (existing) {
        await replaceSlidePyramid(db, existing, origin, built, actorId, at);
        options.onSlideReplaced?.(existing);
        written = { status: 'imported', itemId: existing };
      } else {
        written = await writeSlideItem(db, datasetId, origin, built, actorId, at);
      }
      outcomes.push(...arrived.map((file): FileImportOutcome => ({ file: file.name, status: written.status, itemId: written.itemId })));
    } catch (error) {
      if (options.signal?.aborted) {
        outcomes.push(...arrived.map((file) => stoppedByCancel(file.name)));
        break;
      }
      const reason = `could not be imported as a slide: ${error instanceof Error ? error.message : String(error)}`;
      outcomes.push(...arrived.map((file): FileImportOutcome => ({ file: file.name, status: 'refused', reason, code: 'slideUnreadable' })));
    }
  }
  return outcomes;
}
