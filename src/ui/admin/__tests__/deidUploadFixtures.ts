/**
 * The upload screen's side of a de-identifying upload driven over the worker's own logic in-process
 * (no browser, no worker thread): the real sample DICOMs and the PHI corpus's generated files
 * checked as the screen checks them, and each file's body as the screen sends it. Shared by the
 * tests of what the upload sends (keptUpload.test.ts, deidValidity.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { BASIC_PROFILE_ONLY, type DeidOptions } from '../../../core/deid/policy';
import { phiCtSlice } from '../../../core/deid/testing/phiDicom';
import { CT_IMAGE_STORAGE, pixelDicom } from '../../../core/deid/testing/pixelDicom';
import { hasSampleData, sampleDataDir } from '../../../../server/testing/sampleData';
import { createDeidHost } from '../../../../workers/deid/host';
import type { DeidResponse, FileCheck, KeptFile } from '../../../../workers/deid/messages';
import { checkUpload } from '../burnedIn/burnedInSession';
import { createDeidWorkerClient, type DeidPort, type DeidWorkerClient } from '../burnedIn/deidWorkerClient';
import { uploadBody, type PreparedUpload, type UploadSource } from '../deidentifyUpload';
import { heldBytes } from '../heldBytes';

export const KEY = new Uint8Array(32).fill(7);
/** A dataset's usual choice: dates moved by the keyed offset, descriptors cleaned. */
export const DATES_AND_DESCRIPTORS: DeidOptions = { ...BASIC_PROFILE_ONLY, temporal: 'modifiedDates', cleanDescriptors: true };

export function inProcessPort(): DeidPort {
  const port: DeidPort = { postMessage: (request) => host.handle(request), onmessage: null, terminate: () => {} };
  const host = createDeidHost((response: DeidResponse) => port.onmessage?.({ data: response } as MessageEvent<DeidResponse>));
  return port;
}

export function sampleFiles(): File[] {
  if (!hasSampleData()) throw new Error(`no sample data in ${sampleDataDir()} (set MEJIRUSHI_SAMPLE_DATA)`);
  const folders = ['radiology/ct-head-series-ge', 'radiology/dicom-encodings/ct-chest-ge-all-syntaxes', 'radiology/dicom-singles'];
  return folders.flatMap((folder) => {
    const path = join(sampleDataDir(), folder);
    return readdirSync(path).filter((name) => name.endsWith('.dcm')).sort().map((name) => new File([readFileSync(join(path, name))], `${folder}/${name}`));
  });
}

/** The PHI corpus's generated files: the PHI series, and CT images with a patient's name in 8 and 16 bits, 1 and 3 frames. */
export function generatedFiles(): File[] {
  const phi = Array.from({ length: 6 }, (_, i) => new File([phiCtSlice(i)], `PHIFAMILY-${i}.dcm`));
  const ct = [8, 16].flatMap((bits) =>
    [1, 3].map((frames) => {
      const pixels = bits === 8 ? new Uint8Array(20 * 24 * frames).map((_, i) => i % 251) : new Uint16Array(20 * 24 * frames).map((_, i) => i * 7);
      return new File([pixelDicom({ rows: 20, columns: 24, frames, bitsAllocated: bits as 8 | 16, modality: 'CT', sopClass: CT_IMAGE_STORAGE, pixels, patientName: 'YAMADA^TARO' })], `ct-${bits}-${frames}.dcm`);
    }),
  );
  return [...phi, ...ct];
}

export interface Checked {
  readonly client: DeidWorkerClient;
  readonly checks: (FileCheck | null)[];
  readonly kept: (KeptFile | null)[];
  readonly sources: readonly (UploadSource | null)[];
}

export async function check(files: readonly File[], options: DeidOptions, keepBytes: number, held = heldBytes()): Promise<Checked> {
  const client = createDeidWorkerClient(options, KEY, inProcessPort);
  const checks: (FileCheck | null)[] = files.map(() => null);
  const kept: (KeptFile | null)[] = files.map(() => null);
  // The client's own callback, seen alongside the session's: what the check handed back per row.
  const deidentify = client.deidentify.bind(client);
  client.deidentify = (picked, onFile, onProgress, budget) =>
    deidentify(picked, (index, result, header) => ((checks[index] = result), (kept[index] = header), onFile(index, result, header)), onProgress, budget);
  const { job, session } = checkUpload(client, held, files, () => {}, () => {}, keepBytes);
  expect(await job.finished).toEqual({ cancelled: false });
  return { client, checks, kept, sources: session.sources };
}

export async function sent(source: UploadSource | null): Promise<{ readonly upload: PreparedUpload; readonly bytes: Uint8Array }> {
  if (!source) throw new Error('nothing to send');
  const { upload, release } = await source();
  const bytes = new Uint8Array(await uploadBody(upload).slice(Number(upload.reportBytes ?? 0)).arrayBuffer());
  release();
  return { upload, bytes };
}
