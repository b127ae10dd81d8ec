/**
 * The dataset server's HTTP contract, shared by client and server. All bodies are JSON unless
 * stated. Errors are `ApiError` with the status codes listed per route.
 *
 * Sync protocol for annotation documents (one per item and annotator):
 * - GET  returns the head revision; `ETag: "<revision>"` (revision 0 = no document yet).
 * - PUT  carries `If-Match: "<base revision>"` and `Idempotency-Key: <client op id>`.
 *        Applied → 200 `DocumentWriteResult` with the new revision. A retried key is answered
 *        with the stored result and nothing is applied twice. A stale base → 412
 *        `ConflictBody` with the server's current document, never a silent overwrite.
 * - GET /api/changes?since=<seq> lists revisions after a checkpoint so a client catches up.
 */
import type { AnnotationDocument } from './annotation';
import type { Item, ItemKind } from './item';
import type { LabelSet } from './labelSet';

export type Role = 'annotator' | 'reviewer' | 'admin';

/** Per (item, annotator) workflow state; see itemState.ts for the transitions. */
export type AssignmentState = 'assigned' | 'inProgress' | 'submitted' | 'approved' | 'returned';

export interface ApiError {
  readonly error: string;
  readonly message: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** Set for a one-time password (first admin, accounts made by an admin) until the user picks one. */
  readonly mustChangePassword: boolean;
}

/** POST /api/auth/password → 204 | 400 too weak | 401 wrong current password */
export interface ChangePasswordRequest {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/** POST /api/auth/login → 200 LoginResponse | 401 */
export interface LoginRequest {
  readonly username: string;
  readonly password: string;
}
export interface LoginResponse {
  readonly token: string;
  /** ISO-8601 UTC. */
  readonly expiresAt: string;
  readonly user: User;
}

/** POST /api/users (admin) → 201 User | 409 username taken */
export interface CreateUserRequest {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly roles: readonly Role[];
}

export interface Progress {
  /** Targets (slices, frames…) carrying a label. */
  readonly labelled: number;
  readonly total: number;
}

/** GET /api/datasets → DatasetSummary[] (all for reviewers and admins; for anyone else only datasets with items assigned to them) */
export interface DatasetSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  readonly itemCount: number;
  /** The caller's progress over the items assigned to them. */
  readonly progress: Progress;
  readonly submittedCount: number;
}

/** POST /api/datasets (admin) → 201 DatasetSummary */
export interface CreateDatasetRequest {
  readonly name: string;
  readonly description?: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/** GET /api/datasets/:id/items?cursor=&limit= → ItemPage */
export interface ItemSummary {
  readonly id: string;
  readonly title: string;
  readonly kind: ItemKind;
  /** The caller's own state of this item; null when it is not assigned to the caller (a reviewer's or admin's view). */
  readonly state: AssignmentState | null;
  readonly progress: Progress;
  readonly updatedAt: string;
}
export interface ItemPage {
  readonly items: readonly ItemSummary[];
  /** Pass back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
}

/** POST /api/datasets/:id/assignments (admin) → 200 { assigned: number } */
export interface AssignRequest {
  readonly userId: string;
  /** Omit to assign every item of the dataset. */
  readonly itemIds?: readonly string[];
}

/** GET /api/items/:id → ItemDetail. Files: GET /api/items/:id/files/:fileId (application/dicom, immutable). */
export interface ItemDetail {
  readonly item: Item;
  readonly labelSet: LabelSet;
  /** The caller's own state of this item; null when it is not assigned to the caller, who then cannot label it. */
  readonly state: AssignmentState | null;
}

/** GET /api/items/:id/annotations/me → DocumentHead (ETag: "<revision>") */
export interface DocumentHead {
  readonly revision: number;
  /** null while revision is 0. */
  readonly document: AnnotationDocument | null;
  readonly updatedAt: string | null;
}

/** PUT /api/items/:id/annotations/me, body = AnnotationDocument → 200 | 400 | 403 | 409 (item locked) | 412 */
export interface DocumentWriteResult {
  readonly revision: number;
  readonly updatedAt: string;
}
export interface ConflictBody extends ApiError {
  readonly error: 'conflict';
  readonly current: DocumentHead;
}

/** GET /api/items/:id/annotations (reviewer, admin) → AnnotatorHead[]: every assigned annotator's head (revision 0 without a document). */
export interface AnnotatorHead extends DocumentHead {
  readonly annotatorId: string;
  readonly state: AssignmentState;
}

/** GET /api/items/:id/annotations/me/revisions → RevisionInfo[] oldest first (one per applied write) */
export interface RevisionInfo {
  readonly revision: number;
  readonly opId: string;
  readonly createdAt: string;
}

/** POST /api/items/:id/submit, header If-Match: "<revision>" → 200 { state } | 409 | 412 */
export interface StateChange {
  readonly state: AssignmentState;
}

/** POST /api/items/:id/review (reviewer) → 200 StateChange */
export interface ReviewDecision {
  readonly annotatorId: string;
  readonly decision: 'approve' | 'return';
  readonly comment?: string;
}

/** GET /api/changes?since=<seq>&limit= → ChangeFeed */
export interface DocumentChange {
  readonly seq: number;
  readonly itemId: string;
  readonly annotatorId: string;
  readonly revision: number;
}
export interface ChangeFeed {
  readonly changes: readonly DocumentChange[];
  /** Pass back as `since`. */
  readonly checkpoint: number;
}

/** Outcome per file of an import (CLI or POST /api/datasets/:id/files with application/dicom). */
export type FileImportOutcome =
  | { readonly file: string; readonly status: 'imported'; readonly itemId: string; readonly sopInstanceUid: string }
  | { readonly file: string; readonly status: 'duplicate'; readonly itemId: string; readonly sopInstanceUid: string }
  | { readonly file: string; readonly status: 'refused'; readonly reason: string };

export interface ImportReport {
  readonly outcomes: readonly FileImportOutcome[];
  /** Items (series) created or extended. */
  readonly itemIds: readonly string[];
}

/** GET /api/audit?limit= (admin) → AuditEntry[] newest first */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly userId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly revision: number | null;
}
