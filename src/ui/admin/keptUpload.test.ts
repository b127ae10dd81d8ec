/**
 * A file sent as the check wrote it (kept) is the file the worker would have prepared again, byte
 * for byte, with the same report and name: over the real sample DICOMs (the head CT series, one CT
 * slice in 13 transfer syntaxes, the assorted singles) and the PHI corpus's generated files, the
 * page's side driven over the worker's own logic in-process. Then the budget: past it, files are
 * prepared again, and the page holds no more than it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY, type DeidOptions } from '../../core/deid/policy';
import { phiCtSlice } from '../../core/deid/testing/phiDicom';
import { CT_IMAGE_STORAGE, pixelDicom } from '../../core/deid/testing/pixelDicom';
import { hasSampleData, sampleDataDir } from '../../../server/testing/sampleData';
import { createDeidHost } from '../../../workers/deid/host';
import type { DeidResponse, FileCheck, KeptFile } from '../../../workers/deid/messages';
import { checkUpload } from './burnedIn/burnedInSession';
import { createDeidWorkerClient, type DeidPort, type DeidWorkerClient } from './burnedIn/deidWorkerClient';
import { deidentifiedSource, KEPT_FILES_BYTES, uploadBody, type PreparedUpload, type UploadSource } from './deidentifyUpload';
import { heldBytes } from './heldBytes';

const KEY = new Uint8Array(32).fill(7);
/** Bodies compared by length and digest: an element-wise toEqual over half-megabyte arrays takes minutes. */
const digest = (bytes: Uint8Array) => `${bytes.byteLength} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`;
/** A dataset's usual choice: dates moved by the keyed offset, descriptors cleaned. */
const DATES_AND_DESCRIPTORS: DeidOptions = { ...BASIC_PROFILE_ONLY, temporal: 'modifiedDates', cleanDescriptors: true };

function inProcessPort(): DeidPort {
  const port: DeidPort = { postMessage: (request) => host.handle(request), onmessage: null, terminate: () => {} };
  const host = createDeidHost((response: DeidResponse) => port.onmessage?.({ data: response } as MessageEvent<DeidResponse>));
  return port;
}

function sampleFiles(): File[] {
  if (!hasSampleData()) throw new Error(`no sample data in ${sampleDataDir()} (set MEJIRUSHI_SAMPLE_DATA)`);
  const folders = ['radiology/ct-head-series-ge', 'radiology/dicom-encodings/ct-chest-ge-all-syntaxes', 'radiology/dicom-singles'];
  return folders.flatMap((folder) => {
    const path = join(sampleDataDir(), folder);
    return readdirSync(path).filter((name) => name.endsWith('.dcm')).sort().map((name) => new File([readFileSync(join(path, name))], `${folder}/${name}`));
  });
}

/** The PHI corpus's generated files: the PHI series, and CT images with a patient's name in 8 and 16 bits, 1 and 3 frames. */
function generatedFiles(): File[] {
  const phi = Array.from({ length: 6 }, (_, i) => new File([phiCtSlice(i)], `PHIFAMILY-${i}.dcm`));
  const ct = [8, 16].flatMap((bits) =>
    [1, 3].map((frames) => {
      const pixels = bits === 8 ? new Uint8Array(20 * 24 * frames).map((_, i) => i % 251) : new Uint16Array(20 * 24 * frames).map((_, i) => i * 7);
      return new File([pixelDicom({ rows: 20, columns: 24, frames, bitsAllocated: bits as 8 | 16, modality: 'CT', sopClass: CT_IMAGE_STORAGE, pixels, patientName: 'YAMADA^TARO' })], `ct-${bits}-${frames}.dcm`);
    }),
  );
  return [...phi, ...ct];
}

interface Checked {
  readonly client: DeidWorkerClient;
  readonly checks: (FileCheck | null)[];
  readonly kept: (KeptFile | null)[];
  readonly sources: readonly (UploadSource | null)[];
}

async function check(files: readonly File[], options: DeidOptions, keepBytes: number, held = heldBytes()): Promise<Checked> {
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

async function sent(source: UploadSource | null): Promise<{ readonly upload: PreparedUpload; readonly bytes: Uint8Array }> {
  if (!source) throw new Error('nothing to send');
  const { upload, release } = await source();
  const bytes = new Uint8Array(await uploadBody(upload).slice(Number(upload.reportBytes ?? 0)).arrayBuffer());
  release();
  return { upload, bytes };
}

describe('a file sent as the check wrote it', () => {
  it.each([
    ['the basic profile', BASIC_PROFILE_ONLY],
    ['dates modified, descriptors cleaned', DATES_AND_DESCRIPTORS],
  ])('is the file prepared again, byte for byte, with the same report and name (%s)', async (_, options) => {
    const files = [...sampleFiles(), ...generatedFiles()];
    const { client, checks, kept, sources } = await check(files, options, KEPT_FILES_BYTES);
    const compared: string[] = [];
    for (const [index, file] of files.entries()) {
      const result = checks[index];
      if (result?.kind !== 'deidentified' || result.burnedIn) {
        expect(kept[index], file.name).toBeNull();
        continue;
      }
      expect(kept[index], file.name).not.toBeNull();
      const fromCheck = await sent(sources[index]!);
      const again = await sent(deidentifiedSource(client, heldBytes(), file, null));
      expect(digest(fromCheck.bytes), file.name).toBe(digest(again.bytes));
      expect(fromCheck.upload.report, file.name).toEqual(again.upload.report);
      expect([fromCheck.upload.name, fromCheck.upload.type, fromCheck.upload.size], file.name).toEqual([again.upload.name, again.upload.type, again.upload.size]);
      expect(uploadBody(fromCheck.upload).size, file.name).toBe(fromCheck.upload.size);
      expect(fromCheck.upload.name).toBe(`${result.sopInstanceUid}.dcm`);
      compared.push(file.name);
    }
    // Every sample CT slice (series and syntaxes) and every generated file went as checked; the
    // singles' ultrasound images are flagged, and their compressed ones refused.
    expect(compared.filter((name) => name.startsWith('radiology/ct-head-series-ge/'))).toHaveLength(28);
    expect(compared.filter((name) => name.includes('all-syntaxes/'))).toHaveLength(13);
    expect(compared.filter((name) => !name.startsWith('radiology/'))).toHaveLength(10);
  });

  it('past the budget is prepared again; the page holds no more than the budget once checked, none once sent', async () => {
    const files = generatedFiles();
    const { kept: all } = await check(files, BASIC_PROFILE_ONLY, KEPT_FILES_BYTES);
    const headers = all.map((parts) => parts?.header.byteLength ?? 0);
    // Room for the first three headers and not the fourth: from there on, nothing is kept.
    const budget = headers[0]! + headers[1]! + headers[2]! + Math.floor(headers[3]! / 2);
    const held = heldBytes();
    const { kept, sources } = await check(files, BASIC_PROFILE_ONLY, budget, held);
    expect(kept.map((parts) => parts !== null)).toEqual(files.map((_, i) => i < 3));
    expect(held.now).toBe(headers[0]! + headers[1]! + headers[2]!);
    expect(held.now).toBeLessThanOrEqual(budget);
    const bodies = [];
    for (const source of sources) bodies.push((await sent(source)).bytes);
    expect(held.now).toBe(0);
    const { client } = await check([], BASIC_PROFILE_ONLY, 0);
    for (const [index, file] of files.entries()) expect(digest(bodies[index]!), file.name).toBe(digest((await sent(deidentifiedSource(client, heldBytes(), file, null))).bytes));
  });
});
