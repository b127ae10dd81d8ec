/**
 * The dataset server's HTTP contract, shared by client and server. All bodies are JSON unless
 * stated. Errors are `ApiError` with the status codes listed per route.
 *
 * Sync protocol for annotations, record by record (see records.ts). Each (item, annotator) has a
 * document whose records carry their own versions; the document's `revision` counts applied
 * batches.
 * - GET   /api/items/:id/annotations/me/records?after=&limit=&target=&bbox=  pages the current
 *         records (no tombstones), optionally of one target or intersecting a box (image px).
 * - PATCH /api/items/:id/annotations/me  body `OpBatch`, `Idempotency-Key: <client op id>`.
 *         Applied → 200 `BatchResult` with each record's new version. A retried key is answered
 *         with the stored result and nothing applies twice. If any op's base version is stale →
 *         412 `RecordConflictBody` with the server's copy of each conflicting record and nothing
 *         applied: the client sets those records aside (asks the user) and resends the rest.
 * - GET   /api/items/:id/annotations/me/ops?since=<revision>  the ops applied after a revision,
 *         to catch one item up without reloading it.
 * - GET   /api/changes?since=<checkpoint>&limit=  every applied op (record and version) in commit
 *         order, so a client catches up with what other devices did.
 */
import type { AgreementReport, DifferingUnit } from './agreement';
import type { AssignStrategy } from './assignment/planAssignments';
import type { ConsensusDecision, ConsensusRecord, DecidedUnit } from './consensus';
import type { DeidReport } from './deid/deidentify';
import type { IdentifyingFinding } from './deid/identifying';
import type { DeidOptions, DeidPolicy } from './deid/policy';
import type { Item, ItemKind } from './item';
import type { LabelSet, Question } from './labelSet';
import type { ClassCount, LabelSetMapping, MigrationChange, MigrationPlan } from './labelSets/migrationPlan';
import type { RecordOp, StoredRecord } from './records';

/** Every role, in the order they are listed and shown (see README, "Roles"). */
export const ROLES = ['annotator', 'reviewer', 'wgLead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Per (item, annotator) workflow state; see itemState.ts for the transitions. */
export type AssignmentState = 'assigned' | 'inProgress' | 'submitted' | 'approved' | 'returned';

export interface ApiError {
  /** Stable machine code (`invalid_input`, `item_locked`…): what a client translates for its user. */
  readonly error: string;
  /** For developers and logs, in English; never shown to a user as is. */
  readonly message: string;
  /** The refused field, as `body/labelSetVersion` or `params/id`, when one is to blame. */
  readonly field?: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** Set for a one-time password (first admin, accounts made by an admin) until the user picks one. */
  readonly mustChangePassword: boolean;
  /** An admin disabled the account: it cannot sign in and its sessions are refused. */
  readonly disabled: boolean;
}

/** GET /api/readers (admin, WG lead) → Reader[]: enabled accounts holding the annotator role, by username. */
export interface Reader {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

/** Password lengths the server's policy accepts (server/auth/passwordPolicy.ts); the client words its refusals with them. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** POST /api/auth/password → 204 | 400 too weak | 401 wrong current password */
export interface ChangePasswordRequest {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/**
 * POST /api/auth/login → 200 LoginResponse | 401 wrong username or password | 403 `account_disabled`
 * | 429 `login_locked` with `Retry-After` (seconds) after too many failed sign-ins.
 */
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

/**
 * POST /api/users (admin) → 201 CreatedUser | 400 `password_*` (policy) | 409 `username_taken`
 * (usernames are unique regardless of case). Without a password the server makes a one-time one.
 */
export interface CreateUserRequest {
  readonly username: string;
  readonly displayName: string;
  readonly password?: string;
  readonly roles: readonly Role[];
}

/** A new or reset account and, when the server made it, its one-time password (shown once). */
export interface CreatedUser extends User {
  readonly oneTimePassword?: string;
}

/**
 * PATCH /api/users/:id (admin) → 200 User | 409 `cannot_disable_self` | 409 `last_admin`.
 * POST /api/users/:id/password-reset (admin) → 200 CreatedUser with a one-time password; every
 * session of the account ends and it must choose a new password at its next sign-in.
 */
export interface UpdateUserRequest {
  readonly disabled: boolean;
}

/**
 * GET /api/users/:id/sessions (admin) → 200 SessionInfo[] (live ones, newest first);
 * DELETE /api/users/:id/sessions/:sessionId → 204 | 404; DELETE /api/users/:id/sessions → 204 (all).
 */
export interface SessionInfo {
  readonly id: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  /** Last request made with it, to within a minute. */
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly clientAddress: string | null;
  readonly userAgent: string | null;
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

/**
 * POST /api/label-sets/import (admin): a label set file as exported elsewhere, keeping its id and
 * version → 201 `created`, or 200 `unchanged` when that exact set is already stored. A different
 * body under a stored id and version is refused (409): a version never changes.
 * POST /api/label-sets (admin): a set from the editor, stored as the next version of its id → 201.
 */
export interface LabelSetSaved {
  readonly status: 'created' | 'unchanged';
  readonly id: string;
  readonly version: number;
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
  /** YYYY-MM-DD the caller should have submitted this item by; null when none was set (absent in summaries cached offline before due dates existed). */
  readonly dueDate?: string | null;
}
export interface ItemPage {
  readonly items: readonly ItemSummary[];
  /** Pass back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
}

/**
 * POST /api/datasets/:id/assignments (admin) → 200 AssignResult. Readers an item already has count
 * towards `readersPerItem`, so asking again assigns only what is missing.
 */
export interface AssignRequest {
  /** The readers to assign, 1 to MAX_READERS_PER_REQUEST. */
  readonly readerIds: readonly string[];
  /** everyReader (default): each named reader reads every named item (assignment by hand). */
  readonly strategy?: AssignStrategy;
  /** Readers each item should have (roundRobin, balanced); default 1. */
  readonly readersPerItem?: number;
  /** Omit to assign every item of the dataset. */
  readonly itemIds?: readonly string[];
  /** YYYY-MM-DD the readers should have submitted by. */
  readonly dueDate?: string;
}
export interface AssignResult {
  readonly assigned: number;
  /** Newly assigned per reader, in the order they were named. */
  readonly readers: readonly { readonly userId: string; readonly assigned: number }[];
}
export const MAX_READERS_PER_REQUEST = 100;

/**
 * GET /api/items/:id/layers → OutlineLayerList: the item's read-only outline layers.
 * GET /api/items/:id/layers/:layerId → the layer's outlines (application/octet-stream, the form of
 * `encodeOutlineLayer` in src/core/outlineLayer.ts); a layer never changes, so it may be cached.
 */
export interface OutlineLayerSummary {
  readonly id: string;
  readonly name: string;
  readonly polygonCount: number;
  /** Bytes of the binary form. */
  readonly size: number;
}
export interface OutlineLayerList {
  readonly layers: readonly OutlineLayerSummary[];
}

/**
 * GET /api/items/:id → ItemDetail. Files of a series: GET /api/items/:id/files/:fileId
 * (application/dicom, immutable). Tiles of a slide: GET /api/items/:id/tiles/:tileVersion/:level/:x/:y.
 * Images of a frame set (FrameSetItem in item.ts; none through /files): a frame's image at
 * GET /api/items/:id/frames/:targetId (image/jpeg or image/png, metadata removed), its thumbnails
 * at GET /api/items/:id/sprites/:sprites.version/:sheet (image/jpeg, layout in FrameSprites); both
 * immutable under their URL (`private, max-age=31536000, immutable`, ETag the content hash), both
 * 404 for a caller who may not read the item.
 */
export interface ItemDetail {
  readonly item: Item;
  readonly labelSet: LabelSet;
  /** The caller's own state of this item; null when it is not assigned to the caller, who then cannot label it. */
  readonly state: AssignmentState | null;
}

/**
 * GET /api/items/:id/study?cursor=&limit= → StudySeriesPage: the series items of the item's dataset
 * that share its StudyInstanceUID (the item itself among them) and that the caller may open, paged
 * in item-id order. Each series' thumbnail, its middle slice rendered small, is at
 * GET /api/items/:id/thumbnail (image/jpeg; ETag the slice file's hash).
 */
export interface StudySeries {
  readonly itemId: string;
  readonly title: string;
  /** SeriesNumber; null when the files carry none. */
  readonly seriesNumber: number | null;
  readonly seriesDescription: string;
  readonly modality: string;
  readonly sliceCount: number;
  /** Changes whenever the series does (files imported into it): a thumbnail kept under it stays right. */
  readonly updatedAt: string;
}

export interface StudySeriesPage {
  readonly series: readonly StudySeries[];
  /** Pass back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
}

/** Head of one annotator's document of an item. */
export interface DocumentInfo {
  /** Applied batches so far; 0 = nothing written yet. */
  readonly revision: number;
  /** Records that are not deleted. */
  readonly recordCount: number;
  readonly updatedAt: string | null;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/** Most records one `/records` page answers (`limit` is clamped to it; default 1,000). */
export const MAX_RECORD_PAGE = 5_000;

/** GET /api/items/:id/annotations/me/records → RecordPage (ETag: "<revision>") */
export interface RecordPage {
  readonly records: readonly StoredRecord[];
  /** Pass back as `after` for the next page; null at the end. */
  readonly nextCursor: string | null;
  /** The document's revision when the page was read: catch up from here with `/ops?since=`. */
  readonly revision: number;
}

/** PATCH /api/items/:id/annotations/me → 200 BatchResult | 400 | 403 | 409 (item locked) | 412 RecordConflictBody */
export interface OpBatch {
  readonly ops: readonly RecordOp[];
  /**
   * Only for edits made before record-level sync (a browser upgraded with unsent work): the
   * whole-document revision they were based on. Unless the server's document was migrated at
   * exactly that revision, every op of the batch conflicts, so nothing is overwritten unseen.
   */
  readonly legacyBaseRevision?: number;
}
export interface BatchResult {
  readonly revision: number;
  /** New version of every record the batch changed. */
  readonly versions: Readonly<Record<string, number>>;
  readonly updatedAt: string;
}
export interface RecordConflictBody extends ApiError {
  readonly error: 'conflict';
  /** The server's copy of every record whose base version was stale (version 0, record null: never existed). */
  readonly conflicts: readonly StoredRecord[];
  readonly revision: number;
}

/** GET /api/items/:id/annotations/me/ops?since=&limit= → OpsPage */
export interface AppliedOp {
  /** The document revision (batch) that applied it. */
  readonly revision: number;
  readonly record: StoredRecord;
}
export interface OpsPage {
  readonly ops: readonly AppliedOp[];
  /** The revision this page reaches; pass back as `since` while `more` is true. */
  readonly revision: number;
  readonly more: boolean;
}

/** GET /api/items/:id/annotations (reviewer, admin) → AnnotatorHead[]: every assigned annotator's document head. */
export interface AnnotatorHead {
  readonly annotatorId: string;
  readonly state: AssignmentState;
  readonly revision: number;
  readonly recordCount: number;
  readonly updatedAt: string | null;
}

/** GET /api/items/:id/annotations/:annotatorId/records (reviewer, admin; same paging as /me/records) → RecordPage */

/** GET /api/items/:id/annotations/me/revisions → RevisionInfo[] oldest first (one per applied batch) */
export interface RevisionInfo {
  readonly revision: number;
  readonly opId: string;
  readonly authorId: string;
  readonly opCount: number;
  readonly createdAt: string;
}

/**
 * POST /api/items/:id/submit, header If-Match: "<revision>" → 200 { state } | 409 | 412 (the
 * document moved on). Submitting freezes a snapshot of the document at that revision.
 */
export interface StateChange {
  readonly state: AssignmentState;
}

/** POST /api/items/:id/review (reviewer) → 200 StateChange */
export interface ReviewDecision {
  readonly annotatorId: string;
  readonly decision: 'approve' | 'return';
  readonly comment?: string;
  /** With decision `return` and a comment: the comment opens a review thread pinned here. */
  readonly anchor?: CommentAnchor;
}

/** GET /api/changes?since=<checkpoint>&limit= → ChangeFeed (annotators: their own documents; reviewers and admins: all) */
export interface RecordChange {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly revision: number;
  readonly record: StoredRecord;
}
/** `since` for a device that holds nothing yet: no changes, only the checkpoint after the newest one. */
export const FEED_LATEST = 'latest';

export interface ChangeFeed {
  readonly changes: readonly RecordChange[];
  /**
   * Opaque; pass back as `since` ('' or absent = from the start; `latest` = no changes, only the
   * checkpoint of the newest one, for a device that holds nothing yet and need not replay history).
   */
  readonly checkpoint: string;
  /** More changes wait after this page. */
  readonly more: boolean;
}

/**
 * GET /api/changes/stream (server-sent events). `ready` data: where the stream starts; `changes`
 * data (its event id a feed checkpoint): the items whose documents changed. A stream tells each
 * subscriber of every change it follows after `position`, in order, so a client that knows the
 * changes after `after` up to the event's id are only its own acknowledged writes can skip
 * reading them back. Older servers send only `heartbeatMs` and `itemIds`.
 */
export interface ChangeStreamReady {
  readonly heartbeatMs: number;
  /** The feed checkpoint this stream's events start after ('' when the feed is empty). */
  readonly position?: string;
}

export interface ChangeStreamNotice {
  readonly itemIds: readonly string[];
  /**
   * The checkpoint this event follows on: the previous event's id on this stream, or `ready`'s
   * `position`; absent when the stream cannot say (the catch-up of a resumed stream).
   */
  readonly after?: string;
  /** The documents changed after `after`, each with the revisions (applied batches) written. */
  readonly documents?: readonly ChangedRevisions[];
}

export interface ChangedRevisions {
  readonly itemId: string;
  readonly annotatorId: string;
  /** The lowest and highest revision (applied batch) of the document among the changes. */
  readonly fromRevision: number;
  readonly toRevision: number;
}

/** Outcome per file of an import (CLI or POST /api/datasets/:id/files with application/dicom). */
export type FileImportOutcome =
  | {
      readonly file: string;
      readonly status: 'imported';
      readonly itemId: string;
      /** The DICOM instance's UID; absent for a slide file (SVS, TIFF…), which has none. */
      readonly sopInstanceUid?: string;
      /** What the importer changed to accept the file (absent when nothing). */
      readonly warnings?: readonly ImportWarning[];
    }
  | { readonly file: string; readonly status: 'duplicate'; readonly itemId: string; readonly sopInstanceUid?: string }
  | {
      readonly file: string;
      readonly status: 'refused';
      /** An English sentence (the CLI prints it); `code` says the same for other languages. */
      readonly reason: string;
      readonly code?: ImportRefusalCode;
      /** Code stillIdentifying: what the dataset's de-identification policy found (attributes, no values). */
      readonly identifying?: readonly IdentifyingFinding[];
    };

/** Refusals a user can act on without reading the English `reason` (each has an i18n message). */
export type ImportRefusalCode =
  | 'wholeSlide'
  | 'inflatedTooLarge'
  | 'framesMissing'
  | 'undecodable'
  | 'decodeTimedOut'
  /** A TIFF-family file no slide reader can open. */
  | 'slideUnreadable'
  /** A slide file that ends before the data its header points to. */
  | 'slideTruncated'
  /** A slide larger than the server accepts (pixels or bytes). */
  | 'slideTooLarge'
  /** A JPEG or PNG still that does not decode whole (truncated, corrupt) or is beyond libvips's pixel limit. */
  | 'imageUnreadable'
  /** A video (MP4, WebM) ffprobe/ffmpeg cannot read frame by frame, or without a video stream. */
  | 'videoUnreadable'
  /** The dataset requires de-identified DICOM and the file still carries identifying attributes (listed in `identifying`). */
  | 'stillIdentifying'
  /** The dataset requires de-identified DICOM and the file is not DICOM (stills and videos have no de-identification yet). */
  | 'notDeidentifiable'
  /** Under a de-identification policy: a DICOM whole-slide LABEL or OVERVIEW instance, which pictures the glass label. */
  | 'slideLabelDropped'
  /** Its import job was cancelled while this file was being built: nothing of it was kept. */
  | 'stoppedByCancel';

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

/**
 * POST /api/datasets/:id/dicomweb-pull (admin): studies pulled from a PACS over DICOMweb by an
 * import job (202 ImportJob of kind `dicomwebPull`; its report has one outcome per instance).
 */
export interface DicomwebPullRequest extends DicomwebCredentials {
  /** The DICOMweb service root, e.g. `http://pacs:8042/dicom-web`. */
  readonly baseUrl: string;
  readonly studyInstanceUid?: string;
  /** The studies an admin picked from a search (DicomwebQueryAnswer), pulled by one job; not with a study, series or query. */
  readonly studyInstanceUids?: readonly string[];
  /** With a study: only this series of it. */
  readonly seriesInstanceUid?: string;
  /** QIDO-RS matching keys for the studies to pull (`StudyDate`, `ModalitiesInStudy`…) when no study is named; the server decides which it accepts. */
  readonly query?: Readonly<Record<string, string>>;
}

/** HTTP Basic credentials for a PACS; the password only ever in memory, never stored or logged. */
export interface DicomwebCredentials {
  readonly username?: string;
  readonly password?: string;
}

/**
 * POST /api/datasets/:id/dicomweb-query (admin): the studies of a PACS matching a QIDO-RS query,
 * shown for the admin to pick which to pull. Answered, never stored or logged.
 */
export interface DicomwebQueryRequest extends DicomwebCredentials {
  readonly baseUrl: string;
  /** QIDO-RS matching keys (`PatientID`, `StudyDate`, `ModalitiesInStudy`…), passed to the PACS as given. */
  readonly query: Readonly<Record<string, string>>;
}

/** One study as the PACS described it; null where it did not say. */
export interface PacsStudy {
  readonly studyInstanceUid: string;
  /** DICOM DA as the PACS sent it (`YYYYMMDD`). */
  readonly studyDate: string | null;
  readonly description: string | null;
  readonly modalities: readonly string[];
  readonly seriesCount: number | null;
  readonly instanceCount: number | null;
  readonly accessionNumber: string | null;
  readonly patientId: string | null;
}

export interface DicomwebQueryAnswer {
  /** At most MAX_PULLED_STUDIES (100), in the PACS's order. */
  readonly studies: readonly PacsStudy[];
  /** More studies matched than are listed: narrow the query. */
  readonly more: boolean;
}

/** A derived object a dataset pushes to a PACS: an item's DICOM SEG or DICOM SR, as the export routes write it. */
export type PushedObject = 'seg' | 'sr';

/**
 * POST /api/datasets/:id/dicomweb-push (admin): the SEG and SR exports of the dataset's items sent
 * to a PACS by STOW-RS, one page of items per request (200 DicomwebPushAnswer; ask again `after`
 * its `next` for the following page). The password is used for this request only, never stored.
 */
export interface DicomwebPushRequest extends DicomwebCredentials {
  /** The DICOMweb service root, e.g. `http://pacs:8042/dicom-web`. */
  readonly baseUrl: string;
  /** These items only; absent: every item of the dataset that has something to export. */
  readonly itemIds?: readonly string[];
  readonly objects: readonly PushedObject[];
  /** Whose document: a reader's user id or `consensus`; absent: the admin's own, as the export routes. */
  readonly reader?: string;
  /** A region question's id; absent: the label set's only one. */
  readonly question?: string;
  /** The `next` of the previous page; absent: from the first item. */
  readonly after?: string;
}

/** What became of one object sent: stored, found there already (same SOP Instance UID: nothing sent), or refused, and why. */
export type PushOutcome = {
  readonly itemId: string;
  readonly object: PushedObject;
  /** Null when the object could not be written (refused before sending). */
  readonly sopInstanceUid: string | null;
} & ({ readonly status: 'stored' | 'alreadyThere' } | { readonly status: 'refused'; readonly reason: string });

export interface DicomwebPushAnswer {
  readonly outcomes: readonly PushOutcome[];
  /** The item to continue after; null when this page was the last. */
  readonly next: string | null;
  readonly items: PushProgress;
}

/** Of the items a push goes through (the dataset's, or those named), how many lie up to its `next` (all on the last page), and how many in all. */
export interface PushProgress {
  readonly done: number;
  readonly total: number;
}

/** A UID attribute the importer may have to make up. */
export type ReplacedUid = 'StudyInstanceUID' | 'SeriesInstanceUID' | 'SOPInstanceUID';

/** A change made to an accepted file; the stored file carries it, so every viewer agrees. */
export type ImportWarning =
  | { readonly code: 'uidReplaced'; readonly attribute: ReplacedUid; readonly problem: 'missing' | 'invalid'; readonly replacement: string }
  | { readonly code: 'fileMetaAdded'; readonly transferSyntaxUid: string };

export interface ImportReport {
  readonly outcomes: readonly FileImportOutcome[];
  /** Items (series, slides or frame sets) created or extended. */
  readonly itemIds: readonly string[];
}

/**
 * A slide's or a video's import, run by the server after its upload is stored (POST /api/datasets/:id/files
 * answers 202 with it); GET /api/import-jobs/:id (admin or uploader) and
 * GET /api/datasets/:id/import-jobs (admin) tell where it stands.
 */
export type ImportJob = ImportJobIdentity & ImportJobState;

export interface ImportJobIdentity {
  readonly id: string;
  readonly datasetId: string;
  /** The uploaded file's name; a folder of stills: the folder's name ending in `/`. */
  readonly fileName: string;
  /**
   * One uploaded file (a slide, a video), a folder of stills made one frame set (progress counts
   * stills, the report has one outcome per still), or a pull from a PACS (progress counts
   * instances, the report has one outcome per instance), or a slide uploaded into a dataset whose
   * policy requires de-identification (de-identified by the job, then built as any slide; its
   * name is the de-identified slide's once known).
   */
  readonly kind: ImportJobKind;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ImportJobKind = 'file' | 'stillsFolder' | 'dicomwebPull' | 'deidSlide' | 'stagedUpload';

/**
 * Opening the file, de-identifying a slide (percent of its bytes copied), writing the pyramid's
 * tiles (a video's frames, a PACS's instances), then storing the tile pack and the item.
 */
export type ImportJobPhase = 'opening' | 'deidentifying' | 'tiles' | 'frames' | 'instances' | 'storing';

/** A PACS pull's counts while it runs: instances decided (imported, duplicate or refused) of those the PACS listed, and the bytes received. */
export interface ImportJobCounts {
  readonly done: number;
  readonly total: number;
  readonly bytes: number;
}

/** Why a job failed: its file's refusal, the server stopping during it, or an unforeseen error. */
export type ImportJobFailureCode = ImportRefusalCode | 'serverStopped' | 'importFailed';

export type ImportJobState =
  | { readonly state: 'queued' }
  /**
   * `percent`: tiles written of the pyramid (phase tiles), frames decoded of a video (phase
   * frames) or instances pulled (phase instances, with their `counts`), 0–100. `cancelRequested`:
   * a cancel was asked for (on any instance) and the job is being stopped; it ends `cancelled`.
   */
  | { readonly state: 'building'; readonly phase: ImportJobPhase; readonly percent: number; readonly counts?: ImportJobCounts; readonly cancelRequested: boolean }
  | { readonly state: 'done'; readonly report: ImportReport }
  /** `reason`: an English sentence; `report` names the file as refused with it. */
  | { readonly state: 'failed'; readonly code: ImportJobFailureCode; readonly reason: string; readonly report: ImportReport }
  /**
   * Stopped by its owner or an admin (POST /api/import-jobs/:id/cancel): the file in hand is
   * stopped (reported with code stoppedByCancel, nothing of it kept), a PACS pull at its next
   * instance; `report` holds what was imported before, which stays.
   */
  | { readonly state: 'cancelled'; readonly report: ImportReport };

/** The answer to an upload: the import report at once, or the job building a slide. */
export type UploadAnswer = ImportReport | ImportJob;

/** A still of a folder upload, in the blob store, waiting for its folder's import (POST /api/datasets/:id/stills/files). */
export interface StagedStill {
  readonly sha256: string;
  readonly size: number;
}

/** A folder's staged stills by the names they had in it, imported as one frame set by an import job (POST /api/datasets/:id/stills → 202 ImportJob). */
export interface StillsImportRequest {
  readonly files: readonly { readonly name: string; readonly sha256: string }[];
}

/**
 * GET /api/audit (admin) → AuditEntry[] newest first. Filters: `user` (user id), `entity` (entity
 * id), `action` (prefix, e.g. `annotation.`), `from`/`to` (ISO times, inclusive); page back with
 * `before=<seq>` of the last entry shown.
 */
export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly userId: string | null;
  /** The user's display name; null when the write had no user or the account is gone. */
  readonly userName: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly revision: number | null;
  /** The write's detail object (comment, file name…). */
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Where the audit hash chain first fails: a row's fields changed, a row gone, or a link that does not join. */
export type AuditChainBreakKind = 'edited' | 'missing' | 'broken-link';

/** GET /api/audit/verify (admin) and `npm run audit:check`. */
export interface AuditChainVerdict {
  readonly ok: boolean;
  /** Sealed rows the check walked. */
  readonly checked: number;
  /** The chain's length as its head records it. */
  readonly length: number;
  /** The last sealed row's hash as the head records it: kept elsewhere, it shows a rewritten chain too. */
  readonly headHash: string | null;
  readonly break: {
    readonly kind: AuditChainBreakKind;
    /** The chain place where the break shows. */
    readonly chainIndex: number;
    /** The row at that place, when there is one. */
    readonly seq: number | null;
    /** An English sentence. */
    readonly message: string;
  } | null;
}

/** One export file of a release; its bytes: GET /api/releases/:id/files/:name (ETag = sha256). */
export interface ReleaseFile {
  readonly name: string;
  readonly mediaType: string;
  /** Lower-case hex SHA-256 of the bytes. */
  readonly sha256: string;
  readonly size: number;
}

/**
 * POST /api/datasets/:id/releases → 201 ReleaseSummary; GET /api/datasets/:id/releases →
 * { releases: ReleaseSummary[] } (newest first). A release never changes once made.
 */
export interface ReleaseSummary {
  readonly id: string;
  readonly datasetId: string;
  /** 1, 2, … per dataset. */
  readonly number: number;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  /** Items with approved work in the release. */
  readonly itemCount: number;
  readonly recordCount: number;
  /** The manifest's own file (`manifest.json`), so a copy can be checked against it. */
  readonly manifest: ReleaseFile;
  readonly files: readonly ReleaseFile[];
}

/** A reader's approved document of one item, as pinned by the release. */
export interface ReleaseReaderEntry {
  /** `reader-1`, `reader-2`…: stable within the release; who they are is not in its files. */
  readonly reader: string;
  /** The document revision that was submitted and approved. */
  readonly revision: number;
  readonly recordCount: number;
}

/**
 * One released item: its readers' approved documents (`source: 'readers'`), or the consensus a WG
 * lead's decisions made of its handed-in readers' work (`source: 'consensus'`; `readers` empty).
 */
export interface ReleaseManifestItem {
  readonly id: string;
  readonly title: string;
  readonly source: 'readers' | 'consensus';
  readonly readers: readonly ReleaseReaderEntry[];
  /** The compared readers (pseudonyms) and the consensus records released. */
  readonly consensus?: { readonly readers: readonly string[]; readonly recordCount: number };
}

/** `manifest.json` of a release. */
export interface ReleaseManifest {
  readonly format: 'mejirushi-release';
  readonly formatVersion: 1;
  readonly release: number;
  readonly dataset: { readonly id: string; readonly name: string };
  readonly labelSet: { readonly id: string; readonly version: number };
  readonly createdAt: string;
  readonly items: readonly ReleaseManifestItem[];
  readonly questions: readonly Question[];
  /** Records per question and class code (live records: rejected proposals are not counted). */
  readonly counts: {
    readonly items: number;
    readonly records: number;
    readonly byQuestion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  readonly readers: readonly string[];
  readonly files: readonly ReleaseFile[];
  /** How far the released readers agreed over the released work, readers named by their pseudonyms. */
  readonly agreement: AgreementReport;
}

/** GET /api/releases/:id */
export interface ReleaseDetail {
  readonly release: ReleaseSummary;
  readonly manifest: ReleaseManifest;
}

// ---- Review queue (issue 9): GET /api/review/queue ----

/** The queue's states: work waiting on a reviewer (submitted) or already decided. */
export const REVIEW_QUEUE_STATES = ['submitted', 'approved', 'returned'] as const;
export type ReviewQueueState = (typeof REVIEW_QUEUE_STATES)[number];

/** One reader's handed-in document of an item, as the reviewer's queue lists it. */
export interface ReviewQueueRow {
  readonly itemId: string;
  readonly itemName: string;
  readonly kind: ItemKind;
  readonly datasetId: string;
  readonly datasetName: string;
  readonly annotatorId: string;
  readonly annotatorName: string;
  readonly state: ReviewQueueState;
  /** When the reader last handed the document in (ISO-8601 UTC). */
  readonly submittedAt: string;
  /** Readers the item is assigned to, and how many of them have handed in (submitted or approved). */
  readonly readers: number;
  readonly handedIn: number;
  /** The item's handed-in readers differ somewhere (src/core/agreement/differences.ts). */
  readonly disagrees: boolean;
}

/**
 * GET /api/review/queue?datasetId=&annotatorId=&submittedBefore=&submittedAfter=&disagreement=only|none
 * &state=&cursor=&limit= → ReviewQueuePage, longest waiting first.
 */
export interface ReviewQueuePage {
  readonly rows: readonly ReviewQueueRow[];
  /** Pass back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
}

/** The review queue's query as a client sends it; absent fields do not filter. */
export interface ReviewQueueQuery {
  readonly datasetId?: string;
  readonly annotatorId?: string;
  /** ISO times: handed in before (exclusive) / at or after (inclusive). */
  readonly submittedBefore?: string;
  readonly submittedAfter?: string;
  readonly disagreement?: 'only' | 'none';
  /** Default submitted. */
  readonly state?: ReviewQueueState;
  readonly cursor?: string;
  /** 1 to 200; default 50. */
  readonly limit?: number;
}

// ---- WG dashboard and annotators' credit (issue 9, parts 7–8) ----

/** A dataset's items of one kind, and its readers' assignments of them by workflow state. */
export interface DashboardKind {
  readonly kind: string;
  readonly items: number;
  readonly assignments: Readonly<Record<AssignmentState, number>>;
}

/** One reader's assignments in a dataset by state; `overdue`: not yet handed in and past its due day. */
export interface DashboardReader {
  readonly userId: string;
  readonly displayName: string;
  readonly assigned: number;
  readonly inProgress: number;
  readonly submitted: number;
  readonly returned: number;
  readonly approved: number;
  readonly overdue: number;
}

/** Workflow events of one UTC day (YYYY-MM-DD), from the audit log. */
export interface ThroughputDay {
  readonly day: string;
  readonly submits: number;
  readonly approvals: number;
  readonly returns: number;
}

/** Submitted work waiting for review, by how long it has waited (days, fractional). */
export interface BacklogAge {
  readonly waiting: number;
  readonly oldestDays: number | null;
  readonly medianDays: number | null;
  readonly buckets: { readonly underOneDay: number; readonly oneToThreeDays: number; readonly threeToSevenDays: number; readonly overSevenDays: number };
}

/** GET /api/datasets/:id/dashboard: aggregates only, nothing of any record (O(assignments), never O(records)). */
export interface DatasetDashboard {
  readonly datasetId: string;
  readonly generatedAt: string;
  readonly items: number;
  readonly byKind: readonly DashboardKind[];
  readonly readers: readonly DashboardReader[];
  /** The last `throughputDays` UTC days, oldest first, today last. */
  readonly throughput: readonly ThroughputDay[];
  readonly backlog: BacklogAge;
}

/** Settled, live work per question over all readers: answers given (one per target) and regions drawn. */
export interface QuestionProgress {
  readonly questionId: string;
  readonly targetsLabelled: number;
  readonly regionsDrawn: number;
}

/** GET /api/datasets/:id/dashboard/questions: O(records), so the dashboard loads it after its first paint. */
export interface DashboardQuestions {
  readonly questions: readonly QuestionProgress[];
}

/** One annotator's counted contribution in a period (counts only, never labels). */
export interface CreditFigures {
  readonly itemsWorked: number;
  readonly targetsLabelled: number;
  readonly regionsDrawn: number;
  readonly recordsAuthored: number;
  /** Sum of the gaps between consecutive ops shorter than the idle cut-off (src/core/dashboard/timeSpent.ts). */
  readonly timeSpentMs: number;
  readonly approved: number;
  readonly returned: number;
}

export interface CreditDataset extends CreditFigures {
  readonly datasetId: string;
  readonly datasetName: string;
}

/** GET /api/credit/:userId?from&to (`?format=csv`: the same rows as CSV). */
export interface CreditReport {
  readonly user: { readonly id: string; readonly displayName: string };
  /** Inclusive UTC days, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  readonly idleCutoffMs: number;
  readonly datasets: readonly CreditDataset[];
  readonly totals: CreditFigures;
}

// ---- Review comments and the reviewer's item screen (issue 9) ----

/**
 * Where a review comment is pinned on one reader's document: the whole item, one target (a
 * slice or frame), a point or a region on it. Coordinates are image px of that target, origin
 * top-left.
 */
export type CommentAnchor =
  | { readonly kind: 'item' }
  | { readonly kind: 'target'; readonly targetId: string }
  | { readonly kind: 'point'; readonly targetId: string; readonly x: number; readonly y: number }
  | { readonly kind: 'region'; readonly targetId: string; readonly polygon: readonly (readonly [number, number])[] };

export type CommentThreadStatus = 'open' | 'resolved';

/** The longest message of a comment thread, in UTF-16 code units. */
export const MAX_COMMENT_BODY = 4000;

export interface CommentMessage {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly body: string;
  readonly createdAt: string;
}

/** A thread on the document of reader `annotatorId` of item `itemId`; messages oldest first. */
export interface CommentThread {
  readonly id: string;
  readonly itemId: string;
  readonly annotatorId: string;
  readonly anchor: CommentAnchor;
  readonly status: CommentThreadStatus;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly messages: readonly CommentMessage[];
}

/** GET /api/items/:id/comments?annotatorId= → CommentThreadList (open threads first, then oldest first) */
export interface CommentThreadList {
  readonly threads: readonly CommentThread[];
}

/** POST /api/items/:id/comments → 201 CommentThread */
export interface NewCommentThread {
  readonly annotatorId: string;
  readonly anchor: CommentAnchor;
  readonly body: string;
}

/** POST /api/comments/:threadId/messages → 201 CommentThread; /resolve and /reopen → 200 CommentThread */
export interface NewCommentMessage {
  readonly body: string;
}

/** One reader of an item as the reviewer sees them (not blinded: the reviewer reads none of it). */
export interface ItemReviewReader {
  readonly annotatorId: string;
  readonly displayName: string;
  readonly state: AssignmentState;
  /** When the assignment last changed state (the hand-in time for submitted work). */
  readonly updatedAt: string;
}

/** GET /api/items/:id/review → ItemReview: every reader, and where the handed-in ones differ. */
export interface ItemReview {
  readonly itemId: string;
  readonly readers: readonly ItemReviewReader[];
  readonly differences: readonly DifferingUnit[];
}

// ---- Adjudication and consensus (issue 9): a WG lead settles where an item's readers differ ----

/** A reader whose handed-in work the adjudication compares. */
export interface AdjudicationReader {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly state: 'submitted' | 'approved';
}

/** A unit where the readers differ, every reader's answer on it, and the lead's current decision. */
export interface AdjudicationUnit extends DifferingUnit {
  /** Null while undecided; a pick of a reader no longer handed in counts as undecided (`settled: false`). */
  readonly decision: DecidedUnit | null;
  readonly settled: boolean;
}

/** GET /api/items/:id/adjudication (ADJUDICATE_ROLES, never a reader of the item). */
export interface AdjudicationView {
  readonly itemId: string;
  readonly datasetId: string;
  readonly title: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  /** The item's slices or frames in order: unit `targetKey`s are these (or `targetId/classCode`). */
  readonly targetIds: readonly string[];
  readonly readers: readonly AdjudicationReader[];
  /** Readers still at work on the item (assigned, in progress, returned): not compared yet. */
  readonly readersAtWork: number;
  readonly units: readonly AdjudicationUnit[];
  readonly settledUnits: number;
  /** At least two readers handed in and every differing unit is settled. */
  readonly complete: boolean;
}

/**
 * PUT /api/items/:id/adjudication/decisions with `If-Match: "<version>"`: the version of the
 * unit's decision the lead saw ("0" for none). → 200 DecidedUnit; 412 when the unit was
 * decided since (read the adjudication again).
 */
export interface DecideRequest {
  readonly questionId: string;
  readonly targetKey: string;
  readonly decision: ConsensusDecision;
}

/** GET /api/items/:id/consensus → the item's consensus record set (409 while units are undecided). */
export interface ConsensusRecordSet {
  readonly itemId: string;
  readonly readers: readonly string[];
  readonly records: readonly ConsensusRecord[];
}

/** POST /api/datasets/:id/bulk-approve: what approving every item whose handed-in readers all agree did. */
export interface BulkApproveResult {
  readonly itemsChecked: number;
  /** Items whose submitted documents were approved now. */
  readonly itemsApproved: number;
  readonly documentsApproved: number;
  /** Items with two or more handed-in readers who differ somewhere: for adjudication. */
  readonly itemsDiffering: number;
}

/** POST /api/datasets/:id/label-set-migration/plan { toVersion, mapping? } → MigrationPlanAnswer (read-only) */
export interface MigrationPlanAnswer {
  readonly mapping: LabelSetMapping;
  readonly counts: readonly ClassCount[];
  readonly plan: MigrationPlan | null;
  readonly refusals: readonly string[];
}

/**
 * One label-set migration run on a dataset, as applied (POST …/label-set-migration/apply
 * { toVersion, mapping } answers it; a refused mapping answers 400 with the planner's reasons)
 * and as GET …/label-set-migration lists the last one.
 */
export interface LabelSetMigrationRun {
  readonly id: string;
  readonly datasetId: string;
  readonly labelSetId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly mapping: LabelSetMapping;
  /** The planner's count per old class, at the time of applying. */
  readonly changes: readonly MigrationChange[];
  /** Records given a new version (question or class changed). */
  readonly recordsRewritten: number;
  /** Records that kept a class the new version no longer has: flagged by a review thread on their document. */
  readonly recordsForReview: number;
  /** Documents with records flagged (one open review thread each). */
  readonly documentsFlagged: number;
  readonly appliedBy: string;
  readonly appliedAt: string;
  readonly undoneAt: string | null;
  /** Not undone, and no release of the dataset made since: POST …/label-set-migration/undo may revert it. */
  readonly undoable: boolean;
}

/** GET /api/datasets/:id/label-set-migration → the dataset's last migration run, if any */
export interface LabelSetMigrationStatus {
  readonly last: LabelSetMigrationRun | null;
}

/** POST /api/datasets/:id/label-set-migration/undo → what the revert did */
export interface LabelSetMigrationUndo {
  readonly migrationId: string;
  /** The version the dataset is pinned to again. */
  readonly labelSetVersion: number;
  readonly recordsRestored: number;
}

/**
 * An admin's staged upload session (POST /api/datasets/:id/staged-uploads): files are sent one a
 * request (POST /api/staged-uploads/:id/files/:index) and imported only when the session is
 * committed (POST …/commit answers 202 with the import job of kind `stagedUpload`, whose report
 * has one outcome per imported file); DELETE /api/staged-uploads/:id discards everything.
 */
export interface StagedUpload {
  readonly id: string;
  readonly datasetId: string;
}

/** A staged file: kept until the commit, or refused by the dataset's policy (nothing kept). */
export type StagedFileAnswer =
  | { readonly index: number; readonly staged: true; readonly size: number }
  | { readonly index: number; readonly staged: false; readonly outcome: FileImportOutcome };
