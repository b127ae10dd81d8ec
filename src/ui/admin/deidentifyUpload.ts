/**
 * What the upload screen sends for each file: as picked, or, into a dataset whose policy requires
 * de-identification, the file de-identified here in the browser (src/core/deid) with the project
 * key, under its new SOP Instance UID as name (the picked name may be the patient's). A file that
 * is not DICOM goes as it is, for the server to refuse with its reason.
 */
import type { DeidKeyAnswer, DeidPolicyAnswer } from '../../core/api';
import { deidentifyDicom, NotDicomError, type DeidReport } from '../../core/deid/deidentify';
import { importDeidKey } from '../../core/deid/keyedHash';

export interface PreparedUpload {
  readonly name: string;
  readonly body: Blob;
  /** What de-identification did, to keep with the dataset once the file is in; null when not de-identified. */
  readonly report: DeidReport | null;
}

export type UploadPreparer = (file: Blob, name: string) => Promise<PreparedUpload>;

export interface DeidApi {
  getDeidPolicy(datasetId: string): Promise<DeidPolicyAnswer>;
  getDeidKey(keyId: string): Promise<DeidKeyAnswer>;
}

export async function uploadPreparer(api: DeidApi, datasetId: string): Promise<UploadPreparer> {
  const policy = await api.getDeidPolicy(datasetId);
  if (policy.mode === 'off') return async (file, name) => ({ name, body: file, report: null });
  const { key } = await api.getDeidKey(policy.keyId);
  const cryptoKey = await importDeidKey(Uint8Array.from(atob(key), (char) => char.charCodeAt(0)));
  return async (file, name) => {
    try {
      const { bytes, report } = await deidentifyDicom(new Uint8Array(await file.arrayBuffer()), policy.options, cryptoKey);
      return { name: `${report.sopInstanceUid}.dcm`, body: new Blob([bytes], { type: 'application/dicom' }), report };
    } catch (error) {
      if (!(error instanceof NotDicomError)) throw error;
      return { name, body: file, report: null };
    }
  };
}
