/**
 * The CLI importer's de-identification: into a dataset whose policy is `required`, each DICOM file
 * is de-identified with the same library the admin's browser runs (src/core/deid), checked by the
 * same gate as an upload, and handed on in memory under its new name; the original never reaches
 * the blob store. What cannot be de-identified (not DICOM, or refused by the check) is reported
 * as refused and goes no further.
 */
import { readFile } from 'node:fs/promises';
import type { FileImportOutcome } from '../../src/core/api';
import { deidentifyDicom, NotDicomError, type DeidReport, type PixelRedaction } from '../../src/core/deid/deidentify';
import { RedactionRefused } from '../../src/core/deid/redactBurnedIn';
import type { DeidPolicy } from '../../src/core/deid/policy';
import type { BlobStore } from '../blobs/blobStore';
import { headOf, type ImportFile } from '../import/importFiles';
import { routeImport } from '../import/route';
import { judgeDeid, refusalOf } from './enforcePolicy';

export interface DeidentifiedSink {
  /** A file that did not pass, with the name it had (shown to the operator only, never stored). */
  refused(name: string, outcome: FileImportOutcome): void;
  /** What de-identification did to a file handed on. */
  deidentified(report: DeidReport): void;
}

export async function* deidentifiedFiles(
  files: AsyncIterable<ImportFile> | Iterable<ImportFile>,
  policy: Extract<DeidPolicy, { mode: 'required' }>,
  key: CryptoKey,
  blobs: BlobStore,
  sink: DeidentifiedSink,
  /** The burned-in text step for a file, by its name (the CLI's confirmation file); none: pixels untouched. */
  pixelStep?: (name: string) => PixelRedaction,
): AsyncGenerator<ImportFile> {
  for await (const file of files) {
    if ('stored' in file) throw new Error('de-identification takes files before they are stored');
    // A slide may be gigabytes: told apart by its head before anything is read whole.
    const dicom = routeImport(await headOf(blobs, file)).importer === 'series';
    const bytes = !dicom ? new Uint8Array(0) : 'bytes' in file ? file.bytes : await readFile(file.path);
    let candidate = bytes;
    let report: DeidReport | null = null;
    try {
      if (dicom) ({ bytes: candidate, report } = await deidentifyDicom(bytes, policy.options, key, pixelStep?.(file.name)));
    } catch (error) {
      if (error instanceof RedactionRefused) {
        sink.refused(file.name, { file: file.name, status: 'refused', reason: `not imported: ${error.message}` });
        continue;
      }
      if (!(error instanceof NotDicomError)) throw error;
    }
    const verdict = judgeDeid(policy, candidate);
    if (!verdict.admitted) {
      sink.refused(file.name, refusalOf(verdict));
      continue;
    }
    if (report) sink.deidentified(report);
    yield { name: verdict.fileName ?? file.name, bytes: candidate };
  }
}
