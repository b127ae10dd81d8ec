/**
 * What the upload screen sends for each file: as picked, or, into a dataset whose policy requires
 * de-identification, the file de-identified in the browser (the worker of workers/deid runs
 * src/core/deid with the project key), under its new SOP Instance UID as name (the picked name may
 * be the patient's). A file that is not DICOM goes as it is, for the server to refuse with its
 * reason; one whose burned-in text cannot be blacked out does not go at all.
 *
 * A de-identified file goes with its report in one request, the report's bytes ahead of the file's
 * (src/core/deid/reportedFile.ts); the server keeps the report once the file is in.
 * It is sent as the check wrote it (its new header, then the picked file's own
 * bytes from disk), so it is de-identified once; the page keeps those headers up to
 * KEPT_FILES_BYTES and lets each go once sent. Past that budget, and for a flagged image (its boxes
 * blacked out), the file is made again from its `File` (a handle on disk) when its turn comes. The
 * page never holds a file's pixels where they go on unread.
 */
import type { DeidKeyAnswer, DeidPolicyAnswer } from '../../core/api';
import type { DeidReport } from '../../core/deid/deidentify';
import type { DeidOptions } from '../../core/deid/policy';
import { reportHead } from '../../core/deid/reportedFile';
import type { ConfirmedBoxes, FileCheck, KeptFile } from '../../../workers/deid/messages';
import { partsOf, writtenSize } from '../../../workers/deid/writtenParts';
import type { DeidWorkerClient } from './burnedIn/deidWorkerClient';
import type { HeldBytes } from './heldBytes';

export interface PreparedUpload {
  readonly name: string;
  /**
   * What is sent, in order: the file, with its report's bytes ahead of it where `reportBytes` is
   * set (a de-identified file's new header, then a slice of the picked file still on disk). Kept
   * as pieces so that a staged upload sends several files' pieces as one Blob (stagedUpload.ts);
   * `uploadBody` makes one file's body.
   */
  readonly parts: readonly BlobPart[];
  /** The body's length in bytes. */
  readonly size: number;
  /** Its media type. */
  readonly type: string;
  /** What de-identification did, kept with the dataset once the file is in; null when not de-identified. */
  readonly report: DeidReport | null;
  /** The length of the report ahead of the file (src/core/deid/reportedFile.ts); null: the file alone. */
  readonly reportBytes: string | null;
}

/**
 * The header bytes an upload keeps from its check to send files as checked: a CT slice's header
 * is 2–8 KB, so about 4,000–16,000 slices; files past it are de-identified again when sent.
 */
export const KEPT_FILES_BYTES = 32 * 2 ** 20;

const DICOM_TYPE = 'application/dicom';

/** One file's body: the picked file itself where it goes as it is, else one Blob of its pieces. */
export function uploadBody(upload: Pick<PreparedUpload, 'parts' | 'type'>): Blob {
  const [only] = upload.parts;
  return upload.parts.length === 1 && only instanceof Blob && only.type === upload.type ? only : new Blob([...upload.parts], { type: upload.type });
}

/** One row's upload, made when its turn comes; `release` once it is sent (or failed). */
export type UploadSource = () => Promise<{ readonly upload: PreparedUpload; readonly release: () => void }>;

export interface DeidApi {
  getDeidPolicy(datasetId: string): Promise<DeidPolicyAnswer>;
  getDeidKey(keyId: string): Promise<DeidKeyAnswer>;
}

/** What an upload into a dataset must do first: nothing, or de-identify with these options and this key. */
export type UploadDeid = { readonly mode: 'off' } | { readonly mode: 'required'; readonly options: DeidOptions; readonly key: Uint8Array };

export async function uploadDeid(api: DeidApi, datasetId: string): Promise<UploadDeid> {
  const policy = await api.getDeidPolicy(datasetId);
  if (policy.mode === 'off') return { mode: 'off' };
  const { key } = await api.getDeidKey(policy.keyId);
  return { mode: 'required', options: policy.options, key: Uint8Array.from(atob(key), (char) => char.charCodeAt(0)) };
}

/**
 * The upload of a file as the worker wrote it (after any redaction): its report, its new header
 * and the picked file's own bytes (a slice, maybe still on disk), nothing copied; the server
 * keeps the report once the file is in.
 */
export function writtenUpload(file: Blob, written: KeptFile): PreparedUpload {
  const head = reportHead(written.report);
  return { name: nameOf(written.report), parts: partsOf(file, written, head.bytes), size: writtenSize(written, head.bytes), type: DICOM_TYPE, report: written.report, reportBytes: head.header };
}

const nameOf = (report: DeidReport) => `${report.sopInstanceUid}.dcm`;

/** A picked file sent as it is (no policy, or not DICOM): its `File` is the body, nothing held. */
export function asPicked(file: Blob, name: string): UploadSource {
  return async () => ({ upload: { name, parts: [file], size: file.size, type: file.type, report: null, reportBytes: null }, release: () => {} });
}

/**
 * What goes for a file the check is done with (`confirmed`: the boxes of a flagged image, once a
 * person confirmed them; `kept`: the file as the check wrote it); where nothing may go, why the
 * burned-in check cannot be done.
 */
export function uploadSourceOf(client: DeidWorkerClient, held: HeldBytes, file: Blob, name: string, check: FileCheck, confirmed: ConfirmedBoxes | null, kept: KeptFile | null = null): UploadSource | { readonly refused: string } {
  switch (check.kind) {
    case 'notDicom':
      return asPicked(file, name);
    case 'refused':
      return { refused: check.reason };
    case 'deidentified':
      return kept && !confirmed ? keptSource(client, held, file, kept) : deidentifiedSource(client, held, file, confirmed);
  }
}

/**
 * A DICOM file sent as the check wrote it: its header held from now until sent, the rest read
 * from the picked file as it goes. Asked a second time, the header is gone: made again.
 */
export function keptSource(client: DeidWorkerClient, held: HeldBytes, file: Blob, kept: KeptFile): UploadSource {
  let waiting: KeptFile | null = kept;
  const release = held.hold(kept.header.byteLength);
  const again = deidentifiedSource(client, held, file, null);
  return async () => {
    const parts = waiting;
    waiting = null;
    if (!parts) return again();
    return { upload: writtenUpload(file, parts), release };
  };
}

/** A DICOM file de-identified again (its confirmed boxes blacked out) when its turn comes, held until sent. */
export function deidentifiedSource(client: DeidWorkerClient, held: HeldBytes, file: Blob, confirmed: ConfirmedBoxes | null): UploadSource {
  return async () => {
    const written = await client.prepare(file, confirmed);
    return { upload: writtenUpload(file, written), release: held.hold(written.header.byteLength) };
  };
}
