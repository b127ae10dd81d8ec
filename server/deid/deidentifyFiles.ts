/**
 * The CLI importer's de-identification: into a dataset whose policy is `required`, each DICOM file
 * is de-identified with the same library the admin's browser runs (deidentifyInstance.ts, the step
 * a pull from a PACS takes too), checked by the same gate as an upload, and handed on in memory
 * under its new name; the original never reaches the blob store. What cannot be de-identified (not
 * DICOM, or refused by the check) is reported as refused and goes no further. A TIFF-based slide
 * is de-identified into a temporary file (deidentifySlide.ts) and handed on as that file under its
 * pseudonymous name; the temporary file lives until the importer asks for the next file, by which
 * time the slide is imported.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileImportOutcome } from '../../src/core/api';
import type { DeidReport, PixelRedaction } from '../../src/core/deid/deidentify';
import type { DeidKey } from '../../src/core/deid/keyedHash';
import type { DeidPolicy } from '../../src/core/deid/policy';
import type { BlobStore } from '../blobs/blobStore';
import { headOf, type ImportFile } from '../import/importFiles';
import { routeImport } from '../import/route';
import { SlideRefusal } from '../slides/refusal';
import type { WorkDir, WorkDirs } from '../workDirs/workDirs';
import { deidentifyInstance } from './deidentifyInstance';
import { deidentifySlide } from './deidentifySlide';
import { judgeDeid, REFUSED_FILE, refusalOf } from './enforcePolicy';

export interface DeidentifiedSink {
  /** A file that did not pass, with the name it had (shown to the operator only, never stored). */
  refused(name: string, outcome: FileImportOutcome): void;
  /** What de-identification did to a file handed on. */
  deidentified(report: DeidReport): void;
}

export async function* deidentifiedFiles(
  files: AsyncIterable<ImportFile> | Iterable<ImportFile>,
  policy: Extract<DeidPolicy, { mode: 'required' }>,
  key: DeidKey,
  blobs: BlobStore,
  /** Where a slide is written to disk and de-identified. */
  workDirs: WorkDirs,
  sink: DeidentifiedSink,
  /** The burned-in text step for a file, by its name (the CLI's confirmation file); none: pixels untouched. */
  pixelStep?: (name: string) => PixelRedaction,
): AsyncGenerator<ImportFile> {
  for await (const file of files) {
    if ('stored' in file) throw new Error('de-identification takes files before they are stored');
    // A slide may be gigabytes: told apart by its head before anything is read whole.
    const route = routeImport(await headOf(blobs, file));
    if (route.importer === 'slide' && route.format === 'tiff') {
      yield* deidentifiedSlide(file, workDirs, sink);
      continue;
    }
    // A DICOM WSI instance is checked as any DICOM file; its label and overview are dropped by the check.
    const dicom = route.importer === 'series' || route.importer === 'slide';
    const bytes = !dicom ? new Uint8Array(0) : 'bytes' in file ? file.bytes : await readFile(file.path);
    const step = await deidentifyInstance(bytes, policy.options, key, pixelStep?.(file.name));
    if (step.refused) {
      sink.refused(file.name, { file: file.name, status: 'refused', reason: step.reason });
      continue;
    }
    const { bytes: candidate, report } = step;
    const verdict = judgeDeid(policy, candidate);
    if (!verdict.admitted) {
      sink.refused(file.name, refusalOf(verdict));
      continue;
    }
    if (report) sink.deidentified(report);
    yield { name: verdict.fileName ?? file.name, bytes: candidate };
  }
}

async function* deidentifiedSlide(file: Exclude<ImportFile, { stored: unknown }>, workDirs: WorkDirs, sink: DeidentifiedSink): AsyncGenerator<ImportFile> {
  const dir = 'path' in file ? null : await workDirs.workDir('deid-cli');
  try {
    const path = 'path' in file ? file.path : join((dir as WorkDir).path, 'slide');
    if ('bytes' in file) await writeFile(path, file.bytes);
    let slide: Awaited<ReturnType<typeof deidentifySlide>>;
    try {
      slide = await deidentifySlide(path, { workDirs });
    } catch (error) {
      if (!(error instanceof SlideRefusal)) throw error;
      sink.refused(file.name, { file: REFUSED_FILE, status: 'refused', reason: error.message, code: error.code });
      return;
    }
    try {
      sink.deidentified(slide.report);
      yield { name: slide.name, path: slide.path };
    } finally {
      await slide.release();
    }
  } finally {
    await dir?.release();
  }
}
