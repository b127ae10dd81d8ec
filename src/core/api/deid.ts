import type { DeidReport } from '../deid/deidentify';
import type { DeidOptions, DeidPolicy } from '../deid/policy';

/** GET/PUT /api/datasets/:id/deid-policy (admin). */
export type DeidPolicyAnswer = DeidPolicy;

export interface SetDeidPolicyRequest {
  readonly mode: DeidPolicy['mode'];
  /** Required with mode `required`. */
  readonly options?: DeidOptions;
}

/** GET /api/deid-keys/:keyId (admin): the project key, for the keyed hashes of de-identification in the admin's browser. */
export interface DeidKeyAnswer {
  readonly keyId: string;
  /** 32 bytes, base64. */
  readonly key: string;
}

/** GET /api/datasets/:id/deid-reports (admin); POST one for a file uploaded without it (the upload screen sends each with its file). */
export type DeidReportsAnswer = readonly DeidReport[];
