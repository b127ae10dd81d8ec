/**
 * HTTP shapes of the model registry (server/routes/models):
 * - GET    /api/models?labelSetId=&itemKind=     → ModelList: the newest version of each model;
 *          annotators and reviewers see enabled ones only.
 * - GET    /api/models/files/:sha256              → the ONNX bytes (immutable; 404 unless a file of a
 *          registered model the caller may see).
 * - GET    /api/models/:id/stats                  → ModelStats (admins).
 * - POST   /api/admin/models        `{ manifest }` → 201 ModelUploadStarted | 422 ModelRefusal | 409.
 * - PUT    /api/admin/models/uploads/:uploadId    the files as one `application/octet-stream` body,
 *          concatenated in the order of ModelUploadStarted.files → 201 ModelSummary | 422 ModelRefusal
 *          (nothing of a refused upload is kept).
 * - PATCH  /api/admin/models/:id/:version `{ enabled }` → ModelSummary.
 * - DELETE /api/admin/models/:id/:version          → 204; 409 for a built-in model.
 */
import type { ApiError } from '../api';
import type { ProposalDecision } from '../annotation';
import type { ModelManifest } from './manifest';

export interface ModelSummary {
  readonly manifest: ModelManifest;
  /** Shipped with the app (models/), not uploaded. */
  readonly builtin: boolean;
  readonly enabled: boolean;
}

export interface ModelList {
  readonly models: readonly ModelSummary[];
}

export interface ModelUploadStarted {
  readonly uploadId: string;
  /** The bytes the PUT must send, one file after the other in this order. */
  readonly files: readonly { readonly role: 'model' | 'encoder' | 'decoder'; readonly sha256: string; readonly bytes: number }[];
}

/** 422: why a manifest or its files were refused, one plain sentence each. */
export interface ModelRefusal extends ApiError {
  readonly error: 'model_refused';
  readonly reasons: readonly string[];
}

/** Proposals of one model (every version) in all documents, by what people decided. */
export interface ModelStats {
  readonly modelId: string;
  readonly counts: Readonly<Record<ProposalDecision, number>>;
}
