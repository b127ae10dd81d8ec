/**
 * A TIFF-family slide entering a dataset whose policy is `required` (admin upload): de-identified
 * from a local file the blob store never saw, and only the result stored, under its pseudonymous
 * name, with its report kept beside the DICOM files' reports. The caller (the slide's import job,
 * server/import/jobs/deidSlideJob.ts) then imports the stored blob as any slide; the original file
 * is the caller's to delete.
 */
import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type { FileImportOutcome } from '../../src/core/api';
import type { BlobStore, StoredBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import type { WorkDirs } from '../workDirs/workDirs';
import { SlideRefusal } from '../slides/refusal';
import { REFUSED_FILE } from './enforcePolicy';
import { deidentifySlide, type DeidentifySlideOptions } from './deidentifySlide';
import { saveDeidReport } from './policies';

export type StoredSlide = { readonly stored: StoredBlob; readonly name: string } | { readonly refused: FileImportOutcome };

export async function storeDeidentifiedSlide(
  db: Kysely<Database>,
  blobs: BlobStore,
  datasetId: string,
  path: string,
  at: string,
  options: Pick<DeidentifySlideOptions, 'onProgress' | 'signal'> & { readonly workDirs: WorkDirs },
): Promise<StoredSlide> {
  let slide: Awaited<ReturnType<typeof deidentifySlide>>;
  try {
    slide = await deidentifySlide(path, options);
  } catch (error) {
    if (!(error instanceof SlideRefusal)) throw error;
    return { refused: { file: REFUSED_FILE, status: 'refused', reason: error.message, code: error.code } };
  }
  try {
    const stored = await blobs.put(createReadStream(slide.path));
    await saveDeidReport(db, datasetId, slide.report, at);
    return { stored, name: slide.name };
  } finally {
    await slide.release();
  }
}
