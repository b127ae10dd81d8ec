/**
 * How the many-files passes send a row (BENCH_DEID_SEND): `read`, its body read through in the
 * page; `http`, one POST of it to the page server's sink (support/uploadSink.ts) as the upload
 * screen sends it (XMLHttpRequest, the report's length in its header); `httpApart`, as the screen
 * sent a de-identified file before its report went in the same body: the file alone, then its
 * report (the body's first `reportBytes`, its JSON) in a second request. Each answers the bytes
 * of the file and report sent. A staged batch (`sendBatchOver`) is read through, or POSTed whole
 * with its parts' list (`http` and `httpApart` alike: apart is a way of sending one file).
 */
import { REPORT_BYTES_HEADER } from '../../src/core/deid/reportedFile';
import { STAGED_PARTS_HEADER, stagedPartsHeader, type StagedPart } from '../../src/core/staged/stagedParts';
import { SINK_PATH } from '../support/uploadSink';
import { readThrough } from './readThrough';

export type SendMode = 'read' | 'http' | 'httpApart';

/** One POST to the sink; the byte count it read. */
function post(body: Blob | string, headers: Readonly<Record<string, string>>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', SINK_PATH);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.onload = () => (request.status === 200 ? resolve((JSON.parse(request.responseText) as { bytes: number }).bytes) : reject(new Error(`sink answered ${request.status}`)));
    request.onerror = () => reject(new Error('the sink could not be reached'));
    request.send(body);
  });
}

/** What a send needs of a row: its body as one Blob (`uploadBody`), as a staged upload's `stageFile` is given it. */
export interface SentRow {
  readonly name: string;
  readonly body: Blob;
  readonly reportBytes: string | null;
}

export async function sendOver(mode: SendMode, upload: SentRow): Promise<number> {
  if (mode === 'read') return readThrough(upload.body);
  const headers = { 'content-type': upload.body.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(upload.name) };
  if (mode === 'http' || upload.reportBytes === null) {
    return post(upload.body, upload.reportBytes === null ? headers : { ...headers, [REPORT_BYTES_HEADER]: upload.reportBytes });
  }
  // The file alone, then its report, is what the screen sent before; the body's two slices are the Blobs more this variant makes.
  const reportBytes = Number(upload.reportBytes);
  const file = await post(upload.body.slice(reportBytes), headers);
  return file + (await post(upload.body.slice(0, reportBytes), { 'content-type': 'application/json' }));
}

/** A staged batch (several files' parts in one body): read through, or one POST with its parts' list, as the screen sends it. */
export async function sendBatchOver(mode: SendMode, parts: readonly StagedPart[], body: Blob): Promise<number> {
  if (mode === 'read') return readThrough(body);
  return post(body, { 'content-type': 'application/dicom', [STAGED_PARTS_HEADER]: stagedPartsHeader(parts) });
}
