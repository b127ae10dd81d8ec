/**
 * Imports DICOM WSI instances gathered during one import run: a slide is several files (one or
 * more per level, plus label and overview images), so they are grouped into pyramids once every
 * file of the run has arrived. Each pyramid becomes one slide item (the same tile pack as any
 * slide); every instance stays in the blob store, named in a manifest blob that is the slide's
 * source. A file that is not usable is refused with its reason; the other slides import.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import type { BlobStore, StoredBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import { openDicomWsiSlides } from './dicomWsi/reader';
import { packPyramid, slideItemOf, writeSlideItem } from './importSlide';

export interface DicomWsiFile {
  readonly name: string;
  readonly stored: StoredBlob;
  readonly bytes: Uint8Array;
}

export interface DicomWsiImportOptions {
  readonly blobs: BlobStore;
  readonly now: () => Date;
  readonly onProgress?: (file: string, done: number, total: number) => void;
}

/** The source key of a DICOM WSI pyramid: not a file's hash, as the same slide may arrive in other files. */
const sourceKeyOf = (pyramidKey: string): string => `dicom-wsi:${pyramidKey}`;

export async function importDicomWsiFiles(
  db: Kysely<Database>,
  datasetId: string,
  files: readonly DicomWsiFile[],
  actorId: string | null,
  options: DicomWsiImportOptions,
): Promise<FileImportOutcome[]> {
  const { slides, refused } = openDicomWsiSlides(files.map((file) => file.bytes));
  const outcomes: FileImportOutcome[] = refused.map(({ index, reason }) => ({ file: files[index]?.name ?? '', status: 'refused', reason, code: 'slideUnreadable' }));
  for (const slide of slides) {
    const members = slide.files.flatMap((index) => files[index] ?? []);
    const first = members[0];
    if (!first) continue;
    const sourceKey = sourceKeyOf(slide.key);
    const existing = await slideItemOf(db, datasetId, sourceKey);
    if (existing) {
      outcomes.push(...members.map((file): FileImportOutcome => ({ file: file.name, status: 'duplicate', itemId: existing })));
      continue;
    }
    try {
      const built = await packPyramid(options.blobs, slide, (done, total) => options.onProgress?.(first.name, done, total));
      const manifest = await options.blobs.put(Readable.from([Buffer.from(JSON.stringify({ pyramid: slide.key, instances: members.map((m) => ({ name: m.name, sha256: m.stored.sha256 })) }))]));
      const origin = { title: first.name.replace(/\.dcm$/i, ''), sourceKey, source: manifest, sourceName: first.name, blobs: members.map((m) => m.stored) };
      const written = await writeSlideItem(db, datasetId, origin, built, actorId, options.now().toISOString());
      outcomes.push(...members.map((file): FileImportOutcome => ({ file: file.name, status: written.status, itemId: written.itemId })));
    } catch (error) {
      const reason = `could not be imported as a slide: ${error instanceof Error ? error.message : String(error)}`;
      outcomes.push(...members.map((file): FileImportOutcome => ({ file: file.name, status: 'refused', reason, code: 'slideUnreadable' })));
    }
  }
  return outcomes;
}
