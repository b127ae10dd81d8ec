/**
 * Pulls studies from a DICOMweb server (a PACS: Orthanc, dcm4chee) into a dataset, run by an
 * import job (server/import/jobs/dicomwebPullJob.ts): the studies are those the admin picked, or
 * QIDO-RS (pacsQuery.ts) finds those a query names; their instances are counted, WADO-RS retrieves each study (or series) as multipart/related, and each
 * instance goes into the dataset through storeInstances as its part arrives. One instance is in
 * memory at a time: de-identification (pullDeid.ts, where the dataset requires it) and the gate
 * must see it whole before the blob store does.
 *
 * A PACS that fails part-way (a refused retrieve, a connection dropped mid-study) is reported as a
 * refusal of what was not received, and the pull goes on to the next study; the instances already
 * stored stay, and their series are built as in any import. A pull whose job is cancelled (`signal`)
 * stops at the next instance, keeping those stored.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { DicomwebPullRequest, FileImportOutcome, ImportJobCounts, ImportReport } from '../../src/core/api';
import { badRequest } from '../http/errors';
import { boundaryOf, partBytes, readMultipart } from './multipart';
import { pacsFailure, pacsHeaders, queryPacsStudies } from './pacsQuery';
import { pullDeidOf } from './pullDeid';
import { storeInstances, type ArrivedInstance, type StoreDeps } from './store';

export type PullRequest = DicomwebPullRequest;

/** Most studies one pull takes from a query: a query that matches the whole PACS is a mistake. */
export const MAX_PULLED_STUDIES = 100;

/** Largest instance a pull or a STOW-RS part may be (as an upload: MAX_DICOM_UPLOAD_BYTES). */
export const MAX_INSTANCE_BYTES = 512 * 1024 * 1024;

/** The report's `file` for what concerns the whole pull (the study query). */
export const PULL_QUERY_FILE = 'studies (QIDO-RS query)';

export async function pullFromPacs(
  deps: StoreDeps,
  datasetId: string,
  request: PullRequest,
  actorId: string | null,
  onCounts?: (counts: ImportJobCounts) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const base = serviceRoot(request.baseUrl);
  const headers = pacsHeaders(request);
  let studies: readonly string[];
  try {
    studies = request.studyInstanceUids ?? (request.studyInstanceUid ? [request.studyInstanceUid] : await findStudies(base, headers, request.query ?? {}));
  } catch (error) {
    return { outcomes: [{ file: PULL_QUERY_FILE, status: 'refused', reason: pacsFailure(error, 'the study query') }], itemIds: [] };
  }
  const paths = studies.map((study) => (request.seriesInstanceUid && request.studyInstanceUid ? `studies/${study}/series/${request.seriesInstanceUid}` : `studies/${study}`));
  const deid = await pullDeidOf(deps.db, datasetId);
  const shownPaths = deid ? await Promise.all(paths.map(deid.shownPath)) : paths;
  const counts = { done: 0, total: 0, bytes: 0 };
  for (const path of paths) counts.total += await countInstances(base, headers, path);
  onCounts?.({ ...counts });

  const failures: FileImportOutcome[] = [];
  const fail = (file: string, reason: string) => failures.push({ file, status: 'refused', reason });
  async function* instances(): AsyncGenerator<ArrivedInstance> {
    for (const [index, path] of paths.entries()) {
      if (signal?.aborted) return;
      const shownPath = shownPaths[index] as string;
      let n = 0;
      try {
        const response = await fetch(`${base}/${path}`, { headers: { ...headers, accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' }, signal });
        const boundary = boundaryOf(response.headers.get('content-type') ?? undefined);
        if (!response.ok || !response.body || boundary === null) {
          fail(shownPath, `the PACS answered ${response.status} ${response.statusText} to the retrieve`);
          await response.body?.cancel();
          continue;
        }
        for await (const part of readMultipart(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), boundary)) {
          const bytes = await partBytes(part.body, MAX_INSTANCE_BYTES);
          // Leaving the loop ends the multipart read and the retrieve's connection with it.
          if (signal?.aborted) return;
          n += 1;
          counts.bytes += bytes.length;
          yield { name: `${shownPath}/${n}.dcm`, bytes };
        }
      } catch (error) {
        if (signal?.aborted) return;
        fail(shownPath, `${pacsFailure(error, 'the retrieve')}; ${n} instances of it had arrived and are kept`);
      }
    }
  }
  const decided = () => {
    counts.done += 1;
    onCounts?.({ ...counts, total: Math.max(counts.total, counts.done) });
  };
  const report = await storeInstances(deps, datasetId, instances(), actorId, decided, deid?.deidentify);
  return { outcomes: [...report.outcomes, ...failures], itemIds: report.itemIds };
}

/** The service root a request names, without trailing slashes; 400 when it is not an http(s) URL. */
export function serviceRoot(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest(`${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badRequest('the DICOMweb URL must be http or https');
  return parsed.toString().replace(/\/+$/, '');
}

async function findStudies(base: string, headers: Readonly<Record<string, string>>, query: Readonly<Record<string, string>>): Promise<string[]> {
  const { studies } = await queryPacsStudies(base, headers, query, MAX_PULLED_STUDIES);
  return studies.map((study) => study.studyInstanceUid);
}

/** How many instances the PACS lists under a study (or series), for the job's progress; 0 when it will not say (the retrieve still runs). */
async function countInstances(base: string, headers: Readonly<Record<string, string>>, path: string): Promise<number> {
  try {
    const response = await fetch(`${base}/${path}/instances?includefield=00080018`, { headers: { ...headers, accept: 'application/dicom+json' } });
    if (!response.ok) {
      await response.body?.cancel();
      return 0;
    }
    const instances = (await response.json()) as unknown;
    return Array.isArray(instances) ? instances.length : 0;
  } catch {
    return 0;
  }
}
