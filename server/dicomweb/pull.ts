/**
 * Pulls studies from a DICOMweb server (a PACS: Orthanc, dcm4chee) into a dataset: QIDO-RS finds
 * the studies a query names, WADO-RS retrieves each study (or series) as multipart/related, and
 * each instance goes into the dataset through storeInstances as its part arrives.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { DicomwebPullRequest, FileImportOutcome, ImportReport } from '../../src/core/api';
import { badRequest } from '../http/errors';
import type { DicomJson } from './dicomJson';
import { boundaryOf, partBytes, readMultipart } from './multipart';
import { storeInstances, type ArrivedInstance, type StoreDeps } from './store';

export type PullRequest = DicomwebPullRequest;

/** Most studies one pull takes from a query: a query that matches the whole PACS is a mistake. */
export const MAX_PULLED_STUDIES = 100;

/** Largest instance a pull or a STOW-RS part may be (as an upload: MAX_DICOM_UPLOAD_BYTES). */
export const MAX_INSTANCE_BYTES = 512 * 1024 * 1024;

export async function pullFromPacs(
  deps: StoreDeps,
  datasetId: string,
  request: PullRequest,
  actorId: string | null,
  onOutcome?: (outcome: FileImportOutcome) => void,
): Promise<ImportReport> {
  const base = serviceRoot(request.baseUrl);
  const headers: Record<string, string> = {};
  if (request.username) headers.authorization = `Basic ${Buffer.from(`${request.username}:${request.password ?? ''}`).toString('base64')}`;
  const studies = request.studyInstanceUid ? [request.studyInstanceUid] : await findStudies(base, headers, request.query ?? {});
  const failures: FileImportOutcome[] = [];
  async function* instances(): AsyncGenerator<ArrivedInstance> {
    for (const study of studies) {
      const path = request.seriesInstanceUid && request.studyInstanceUid ? `studies/${study}/series/${request.seriesInstanceUid}` : `studies/${study}`;
      const response = await fetch(`${base}/${path}`, { headers: { ...headers, accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
      const boundary = boundaryOf(response.headers.get('content-type') ?? undefined);
      if (!response.ok || !response.body || boundary === null) {
        const outcome: FileImportOutcome = { file: path, status: 'refused', reason: `the PACS answered ${response.status} ${response.statusText} to the retrieve` };
        failures.push(outcome);
        onOutcome?.(outcome);
        await response.body?.cancel();
        continue;
      }
      let n = 0;
      for await (const part of readMultipart(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), boundary)) {
        n += 1;
        yield { name: `${path}/${n}.dcm`, bytes: await partBytes(part.body, MAX_INSTANCE_BYTES) };
      }
    }
  }
  const report = await storeInstances(deps, datasetId, instances(), actorId, onOutcome);
  return { outcomes: [...failures, ...report.outcomes], itemIds: report.itemIds };
}

function serviceRoot(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest(`${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badRequest('the DICOMweb URL must be http or https');
  return parsed.toString().replace(/\/+$/, '');
}

async function findStudies(base: string, headers: Record<string, string>, query: Readonly<Record<string, string>>): Promise<string[]> {
  const params = new URLSearchParams({ ...query, limit: String(MAX_PULLED_STUDIES), includefield: '0020000D' });
  const response = await fetch(`${base}/studies?${params}`, { headers: { ...headers, accept: 'application/dicom+json' } });
  if (response.status === 204) return [];
  if (!response.ok) throw badRequest(`the PACS answered ${response.status} ${response.statusText} to the study query`);
  const studies = (await response.json()) as DicomJson[];
  return studies.map((study) => study['0020000D']?.Value?.[0]).filter((uid): uid is string => typeof uid === 'string');
}
