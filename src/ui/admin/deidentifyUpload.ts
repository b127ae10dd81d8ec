/**
 * What the upload screen sends for each file: as picked, or, into a dataset whose policy requires
 * de-identification, the file de-identified in the browser (the worker of workers/deid runs
 * src/core/deid with the project key), under its new SOP Instance UID as name (the picked name may
 * be the patient's). A file that is not DICOM goes as it is, for the server to refuse with its
 * reason; one whose burned-in text cannot be blacked out does not go at all.
 *
 * A de-identified file is made when its turn to be sent comes, from its `File` (a handle on disk),
 * and let go once sent: the page never holds the upload's files, only the few in flight, and of
 * those only what the worker made anew (a header, where the pixels go on from disk).
 */
import type { DeidKeyAnswer, DeidPolicyAnswer } from '../../core/api';
import type { DeidReport } from '../../core/deid/deidentify';
import type { DeidOptions } from '../../core/deid/policy';
import type { ConfirmedBoxes, FileCheck } from '../../../workers/deid/messages';
import type { DeidWorkerClient } from './burnedIn/deidWorkerClient';
import type { HeldBytes } from './heldBytes';

export interface PreparedUpload {
  readonly name: string;
  readonly body: Blob;
  /** What de-identification did, to keep with the dataset once the file is in; null when not de-identified. */
  readonly report: DeidReport | null;
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

/** The upload of a de-identified file (its body and report as last changed, after any redaction). */
export function deidentifiedUpload(body: Blob, report: DeidReport): PreparedUpload {
  // A Blob of a Blob refers to the same bytes (pixels maybe still on disk): nothing is copied.
  return { name: `${report.sopInstanceUid}.dcm`, body: new Blob([body], { type: 'application/dicom' }), report };
}

/** A picked file sent as it is (no policy, or not DICOM): its `File` is the body, nothing held. */
export function asPicked(file: Blob, name: string): UploadSource {
  return async () => ({ upload: { name, body: file, report: null }, release: () => {} });
}

/**
 * What goes for a file the check is done with (`confirmed`: the boxes of a flagged image, once a
 * person confirmed them); where nothing may go, why the burned-in check cannot be done.
 */
export function uploadSourceOf(client: DeidWorkerClient, held: HeldBytes, file: Blob, name: string, check: FileCheck, confirmed: ConfirmedBoxes | null): UploadSource | { readonly refused: string } {
  switch (check.kind) {
    case 'notDicom':
      return asPicked(file, name);
    case 'refused':
      return { refused: check.reason };
    case 'deidentified':
      return deidentifiedSource(client, held, file, confirmed);
  }
}

/** A DICOM file de-identified again (its confirmed boxes blacked out) when its turn comes, held until sent. */
export function deidentifiedSource(client: DeidWorkerClient, held: HeldBytes, file: Blob, confirmed: ConfirmedBoxes | null): UploadSource {
  return async () => {
    const { body, inMemory, report } = await client.prepare(file, confirmed);
    return { upload: deidentifiedUpload(body, report), release: held.hold(inMemory) };
  };
}
