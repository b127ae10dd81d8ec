/**
 * What the upload screen sends for each file: as picked, or, into a dataset whose policy requires
 * de-identification, the file de-identified in the browser (the worker of workers/deid runs
 * src/core/deid with the project key), under its new SOP Instance UID as name (the picked name may
 * be the patient's). A file that is not DICOM goes as it is, for the server to refuse with its
 * reason; one whose burned-in text cannot be blacked out does not go at all.
 */
import type { DeidKeyAnswer, DeidPolicyAnswer } from '../../core/api';
import type { DeidReport } from '../../core/deid/deidentify';
import type { DeidOptions } from '../../core/deid/policy';
import type { FileResult } from '../../../workers/deid/messages';

export interface PreparedUpload {
  readonly name: string;
  readonly body: Blob;
  /** What de-identification did, to keep with the dataset once the file is in; null when not de-identified. */
  readonly report: DeidReport | null;
}

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

/** The upload of a de-identified file (its bytes and report as last changed, after any redaction). */
export function deidentifiedUpload(bytes: ArrayBuffer, report: DeidReport): PreparedUpload {
  return { name: `${report.sopInstanceUid}.dcm`, body: new Blob([bytes], { type: 'application/dicom' }), report };
}

/** What goes for a file the worker is done with; where nothing may go, why the burned-in check cannot be done. */
export function preparedUpload(file: Blob, name: string, result: FileResult): PreparedUpload | { readonly refused: string } {
  switch (result.kind) {
    case 'deidentified':
      return deidentifiedUpload(result.bytes, result.report);
    case 'notDicom':
      return { name, body: file, report: null };
    case 'refused':
      return { refused: result.reason };
  }
}
