/**
 * Row types of every table, as Kysely sees them. Both dialects store the same shapes:
 * timestamps as ISO-8601 UTC text (sorts correctly as text), JSON as text, booleans as 0/1.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

/** Stored as blob (SQLite) / bytea (PostgreSQL); both drivers return a Buffer. */
type Bytes = ColumnType<Buffer, Buffer, never>;

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  /** JSON array of Role. */
  roles: string;
  /** `scrypt$N$r$p$salt$hash`, salt and hash base64. */
  password_hash: string;
  must_change_password: number;
  created_at: string;
  /** When an admin disabled the account (its tokens stop working at once); null while enabled. */
  disabled_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  /** Public id of the session (admins list and revoke by it); never the token or its hash. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** Last authenticated request, kept to within a minute. */
  last_seen_at: string;
  /** Client address and User-Agent at sign-in, when known. */
  client_address: string | null;
  user_agent: string | null;
}

/** Failed sign-ins per key (`account:<lower-cased username>` or `address:<ip>`) and the lock they led to. */
export interface LoginThrottleTable {
  key: string;
  /** Failures since `window_start`. */
  failures: number;
  window_start: string;
  /** Sign-ins for this key are refused until then; null when not locked. */
  locked_until: string | null;
}

export interface LabelSetsTable {
  id: string;
  version: number;
  /** JSON LabelSet. */
  body: string;
}

export interface DatasetsTable {
  id: string;
  name: string;
  description: string;
  label_set_id: string;
  label_set_version: number;
  created_at: string;
}

/** Named JSON documents kept with a dataset, e.g. `ground-truth` of the demo phantom. */
export interface DatasetAttachmentsTable {
  dataset_id: string;
  name: string;
  body: string;
  created_at: string;
}

export interface ItemsTable {
  id: string;
  dataset_id: string;
  title: string;
  kind: string;
  /** JSON ItemContent. */
  content: string;
  /** JSON array of the item's target ids (slices, frames…), the denominator of progress. */
  target_ids: string;
  target_count: number;
  /** Identity of the source within its dataset (SeriesInstanceUID for a series) so imports extend it. */
  source_key: string | null;
  /** StudyInstanceUID of a series item, for DICOMweb study queries; null for other kinds. */
  study_uid: string | null;
  /** A series item's StudyDate (DA, YYYYMMDD), StudyTime (TM), AccessionNumber, StudyDescription and SeriesNumber; null when absent or imported before migration 0023. */
  study_date: string | null;
  study_time: string | null;
  accession_number: string | null;
  study_description: string | null;
  series_number: number | null;
  /** Order of items in a dataset listing; ties broken by id. */
  sort_key: string;
  /** 1 while an import run is still adding files to this new series: hidden from annotators. */
  importing: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ItemFilesTable {
  id: string;
  item_id: string;
  dataset_id: string;
  sop_instance_uid: string;
  /** JSON DicomInstanceMeta, so an item is rebuilt without parsing bytes again. */
  meta: string;
  /** The file's bytes: a blob of the blob store (a `blobs` row). */
  sha256: string;
  size: number;
  name: string;
  created_at: string;
}

/**
 * The store's catalog: a blob the app stored (server/blobs), by the SHA-256 of its content, with
 * its size and when first recorded. Not a reference: what keeps a blob is a blob-key column or a
 * `blob_owners` row (server/blobs/gc); the collector deletes the row with its blob.
 */
export interface BlobsTable {
  sha256: string;
  size: number;
  created_at: string;
}

/**
 * A blob kept by an owner whose rows name it nowhere in a column (migration 0028): deleted with
 * the owner, or replaced when the owner's blobs are (server/blobs/blobOwners.ts).
 */
export interface BlobOwnersTable {
  /** BlobOwner['kind']: `item`, `upload` (an admin's raw upload, by uploader) or `legacy` (recorded before 0028). */
  owner_kind: string;
  owner_id: string;
  sha256: string;
}

/** An admin's staged upload session (migration 0029, server/uploads/stagedUploads.ts). */
export interface StagedUploadsTable {
  id: string;
  dataset_id: string;
  created_by: string;
  /** `open` (files may come) or `committed` (its import job `job_id` takes them). */
  state: string;
  job_id: string | null;
  created_at: string;
  /** Last file or commit: the idle sweep's clock. */
  touched_at: string;
}

/** A file of a staged upload: stored in the blob store (this row keeps it), imported nowhere yet. */
export interface StagedUploadFilesTable {
  upload_id: string;
  file_index: number;
  name: string;
  sha256: string;
  size: number;
  /** The browser's de-identification report (JSON), saved with the dataset once the file is imported. */
  report: string | null;
  /** When its blob was put, by the machine's clock (an abort deletes it only if not put again since). */
  staged_at: string;
}

/** One row per slide item: where its served tiles and its source file are (blobs), and what the scanner recorded. */
export interface SlidesTable {
  item_id: string;
  /** The tile pack: every served tile, concatenated (server/slides/tilePack.ts). */
  pack_sha256: string;
  /** Where each tile lies in the pack: (level, x, y) → offset, length. */
  index_sha256: string;
  /** The file as imported (admins only); also the item's source_key. */
  source_sha256: string;
  source_name: string;
  /** JSON SlideFacts (server/slides/pyramidWriter.ts). */
  facts: string;
  created_at: string;
}

/** Bytes of a database older than the blob store, until the start-up step moves them out. */
export interface LegacyBlobBytesTable {
  sha256: string;
  bytes: Bytes;
}

export interface AssignmentsTable {
  item_id: string;
  user_id: string;
  state: string;
  updated_at: string;
  /** YYYY-MM-DD the reader should have submitted by; null: no due date (migration 0013). */
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Head of one (item, annotator) document; its records live in `annotation_records`. */
export interface AnnotationDocsTable {
  id: string;
  item_id: string;
  annotator_id: string;
  /** Applied batches so far. */
  revision: number;
  /** Records that are not deleted. */
  record_count: number;
  /** Image targets carrying a settled label (progress), kept up to date by every batch. */
  labelled: number;
  updated_at: string;
  /** The revision a foundation-era document had when its body became records (0: never migrated). */
  migrated_revision: number;
}

/** The current version of every record of every document (a tombstone once deleted). */
export interface AnnotationRecordsTable {
  item_id: string;
  annotator_id: string;
  record_id: string;
  version: number;
  schema: number;
  type: string;
  question_id: string;
  target_id: string;
  /** First (or only) class, for filtering. */
  class_code: string | null;
  /** Bounding box in image px (origin top-left) of a shape or of a mask's set pixels; null for labels and empty masks. */
  min_x: number | null;
  min_y: number | null;
  max_x: number | null;
  max_y: number | null;
  deleted: number;
  /** 1: settled work (a person's record, or a proposal a person accepted or edited): what progress counts. */
  settled: number;
  /** JSON AnnotationRecord; null for a tombstone. */
  body: string | null;
  updated_at: string;
  /** `annotation_ops.seq` of the op that wrote this version. */
  updated_seq: number;
  /**
   * A label's first and last target in the item's reading order (equal for a label on one target;
   * null for other records and for labels of the whole item), migration 0021: per-question counts
   * take the union of a document's spans, a range counting every frame it spans once.
   */
  target_index: ColumnType<number | null, number | null | undefined, number | null>;
  end_target_index: ColumnType<number | null, number | null | undefined, number | null>;
}

/**
 * One non-zero node of a document's label coverage tree (core's `FrameCoverage`, kept by
 * services/annotations/labelCoverage.ts): its root's `covered` is the document's `labelled`.
 */
export interface LabelCoverageTable {
  item_id: string;
  annotator_id: string;
  /** 1 is the root; node n's children are 2n and 2n + 1. */
  node: number;
  /** Labels covering the node's whole span. */
  cover: number;
  /** Targets of the node's span some label covers. */
  covered: number;
}

/** Append-only log of every applied op; `(txid, seq)` is the change feed's order. */
export interface AnnotationOpsTable {
  seq: Generated<number>;
  /** PostgreSQL transaction id of the writer (0 on SQLite, whose writers are serial). */
  txid: number;
  item_id: string;
  annotator_id: string;
  /** The document revision (batch) that applied it. */
  revision: number;
  record_id: string;
  version: number;
  kind: 'put' | 'delete';
  /** JSON AnnotationRecord as written; null for a delete. */
  body: string | null;
  schema: number;
  author_id: string;
  /** The batch's Idempotency-Key (`migration` for records made from a foundation-era document). */
  op_id: string;
  created_at: string;
}

/** A document frozen as a whole (at submit), JSON DocumentSnapshot. */
export interface AnnotationSnapshotsTable {
  seq: Generated<number>;
  item_id: string;
  annotator_id: string;
  revision: number;
  reason: string;
  body: string;
  created_at: string;
}

/** Results of writes sent with an Idempotency-Key, replayed when the same key comes again. */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  /** SHA-256 of method, route and body: the same key with another request is refused. */
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  revision: number | null;
  /** JSON object with what else is worth keeping (comment, file name…). */
  detail: string;
  /** Place in the hash chain (0, 1, …); null until a sealer links the row (services/auditChain). */
  chain_index: number | null;
  /** The chain's hash before this row; null until sealed. */
  prev_hash: string | null;
  /** sha256(prev_hash, the row's fields) in hex; null until sealed. */
  hash: string | null;
}

/** One row (id 1): the sealed chain's length and last hash; sealers lock it. */
export interface AuditChainHeadTable {
  id: number;
  length: number;
  hash: string;
}

/** A read-only outline layer of an item; its outlines are one blob (encodeOutlineLayer's form), never replaced. */
export interface OutlineLayersTable {
  item_id: string;
  /** Unique within the item, e.g. `nuclei`. */
  id: string;
  name: string;
  polygon_count: number;
  sha256: string;
  size: number;
  created_at: string;
}

/** A slide upload's import, run after the request (server/import/jobs). */
export interface ImportJobsTable {
  id: string;
  dataset_id: string;
  /** The uploader; null when the import was not made by a user. */
  created_by: string | null;
  file_name: string;
  /**
   * ImportJob['kind']: `file`, `stillsFolder` when the source blob is a folder's manifest,
   * `dicomwebPull` when it is a PACS pull's request, `deidSlide` when the source is a slide staged
   * outside the blob store for the job to de-identify (server/import/jobs/deidSlideJob.ts).
   */
  kind: string;
  /** The uploaded file in the blob store (a `deidSlide` job: the staged file's digest and size). */
  source_sha256: string;
  source_size: number;
  /** ImportJob['state']: queued, building, done, failed, cancelled. */
  state: string;
  /** ImportJobPhase while building. */
  phase: string | null;
  /** Tiles written, 0–100. */
  percent: number;
  /** A PACS pull's instances decided so far, of `total_count` listed, and bytes received; null for other jobs. */
  done_count: number | null;
  total_count: number | null;
  done_bytes: number | null;
  failure_code: string | null;
  failure_reason: string | null;
  /** JSON ImportReport, once the job has ended. */
  report: string | null;
  created_at: string;
  updated_at: string;
  /** The server instance running the job (ImportJobs.owner); null on jobs from before instances were named. */
  owner: string | null;
  /** When its owner last said it still runs the job (ISO, the owner's clock); older than the lease: abandoned. */
  heartbeat_at: string | null;
  /** When its uploader or an admin asked the running job to stop (on any instance); its owner stops it at its next heartbeat. */
  cancel_requested_at: string | null;
}

/** A project key of de-identification's keyed hashes; read only by the admin-only key route. */
export interface DeidKeysTable {
  id: string;
  /** 32 random bytes, base64. */
  secret: string;
  created_at: string;
}

/** A dataset's de-identification policy; a dataset without a row has policy `off`. */
export interface DeidPoliciesTable {
  dataset_id: string;
  /** DeidPolicy['mode']. */
  mode: string;
  /** JSON DeidOptions. */
  options: string;
  key_id: string;
  updated_by: string | null;
  updated_at: string;
}

/** What de-identification did to one stored file (JSON DeidReport: attribute names and actions, no values). */
export interface DeidReportsTable {
  dataset_id: string;
  sop_instance_uid: string;
  report: string;
  created_at: string;
}

/** A model of the registry (issue 8), one row per (id, version). */
export interface ModelsTable {
  id: string;
  /** Semantic version, as in the manifest. */
  version: string;
  /** JSON ModelManifest, validated when stored. */
  manifest: string;
  /** 1: shipped in `models/` and seeded at start; never deleted through the API. */
  builtin: number;
  /** 1: annotators see and run it. */
  enabled: number;
  uploaded_by: string | null;
  created_at: string;
}

/** The ONNX files of a model by role (`model`, `encoder`, `decoder`): blobs of the blob store. */
export interface ModelFilesTable {
  model_id: string;
  model_version: string;
  role: string;
  sha256: string;
}

/** An admin's model upload between its manifest and its files (deleted once accepted or refused). */
export interface ModelUploadsTable {
  id: string;
  model_id: string;
  model_version: string;
  /** JSON ModelManifest, validated when the upload began. */
  manifest: string;
  created_by: string | null;
  created_at: string;
}

/** A numbered, immutable snapshot of a dataset's approved work (services/releases); never updated or deleted. */
export interface ReleasesTable {
  id: string;
  dataset_id: string;
  /** 1, 2, … per dataset. */
  number: number;
  created_at: string;
  created_by: string | null;
  label_set_id: string;
  label_set_version: number;
  /** Items with approved work in the release. */
  item_count: number;
  record_count: number;
  /** The manifest JSON (ReleaseManifest), a blob of the blob store. */
  manifest_sha256: string;
}

/** One export file of a release (JSON, CSV…): a blob of the blob store. */
export interface ReleaseFilesTable {
  release_id: string;
  /** Unique within the release, e.g. `records.json`. */
  name: string;
  media_type: string;
  sha256: string;
  size: number;
}

/** One reader's handed-in document of an item, as the review queue lists it (migration 0015). */
export interface ReviewQueueTable {
  item_id: string;
  annotator_id: string;
  dataset_id: string;
  /** The assignment's state, kept with it by `setAssignmentState`. */
  state: string;
  /** When the reader last submitted the document. */
  submitted_at: string;
  /** 1: the item's handed-in readers differ somewhere; the same on every row of the item; null until compared. */
  disagrees: number | null;
}

/** A review comment thread on reader `annotator_id`'s document of an item (services/review/comments.ts). */
export interface CommentThreadsTable {
  /** Creation order. */
  seq: Generated<number>;
  id: string;
  item_id: string;
  annotator_id: string;
  /** JSON CommentAnchor, checked by src/core/review/commentAnchor.ts. */
  anchor: string;
  /** `open` | `resolved`. */
  status: string;
  created_by: string;
  created_at: string;
  /** Last message or status change. */
  updated_at: string;
}

/** One message of a comment thread; appended, never edited. */
export interface CommentMessagesTable {
  /** Order within the thread. */
  seq: Generated<number>;
  id: string;
  thread_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

/** Every decision a WG lead took on a unit where an item's readers differ (services/consensus); history kept. */
export interface ConsensusDecisionsTable {
  item_id: string;
  question_id: string;
  /** As `DifferingUnit.targetKey`: a slice or frame id, the item id, or `targetId/classCode`. */
  target_key: string;
  /** 1, 2, … per unit. */
  version: number;
  /** 1 for the unit's latest decision, 0 for those it replaced. */
  current: number;
  /** JSON ConsensusDecision. */
  decision: string;
  decided_by: string;
  decided_at: string;
}

/** One label-set migration run on a dataset (migration 0022); the last one not undone may be undone until the next release. */
export interface LabelSetMigrationsTable {
  id: string;
  dataset_id: string;
  label_set_id: string;
  from_version: number;
  to_version: number;
  /** JSON LabelSetMapping as applied. */
  mapping: string;
  /** JSON MigrationCounts. */
  counts: string;
  applied_by: string;
  applied_at: string;
  undone_by: string | null;
  undone_at: string | null;
}

/** What one record carried before a migration rewrote it: what an undo puts back. */
export interface LabelSetMigrationRecordsTable {
  migration_id: string;
  item_id: string;
  annotator_id: string;
  record_id: string;
  previous_question_id: string;
  /** JSON array of class codes. */
  previous_classes: string;
}

/** A review thread a migration opened on a document whose records lost their class. */
export interface LabelSetMigrationThreadsTable {
  migration_id: string;
  thread_id: string;
}

/** Small facts about the installation, e.g. which first-start steps are done. */
export interface AppStateTable {
  key: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  label_sets: LabelSetsTable;
  datasets: DatasetsTable;
  dataset_attachments: DatasetAttachmentsTable;
  items: ItemsTable;
  item_files: ItemFilesTable;
  slides: SlidesTable;
  blobs: BlobsTable;
  blob_owners: BlobOwnersTable;
  staged_uploads: StagedUploadsTable;
  staged_upload_files: StagedUploadFilesTable;
  legacy_blob_bytes: LegacyBlobBytesTable;
  assignments: AssignmentsTable;
  annotation_docs: AnnotationDocsTable;
  annotation_records: AnnotationRecordsTable;
  label_coverage: LabelCoverageTable;
  annotation_ops: AnnotationOpsTable;
  annotation_snapshots: AnnotationSnapshotsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  app_state: AppStateTable;
  outline_layers: OutlineLayersTable;
  import_jobs: ImportJobsTable;
  models: ModelsTable;
  model_files: ModelFilesTable;
  model_uploads: ModelUploadsTable;
  releases: ReleasesTable;
  release_files: ReleaseFilesTable;
  review_queue: ReviewQueueTable;
  comment_threads: CommentThreadsTable;
  comment_messages: CommentMessagesTable;
  consensus_decisions: ConsensusDecisionsTable;
  deid_keys: DeidKeysTable;
  deid_policies: DeidPoliciesTable;
  deid_reports: DeidReportsTable;
  label_set_migrations: LabelSetMigrationsTable;
  label_set_migration_records: LabelSetMigrationRecordsTable;
  label_set_migration_threads: LabelSetMigrationThreadsTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ItemRow = Selectable<ItemsTable>;
export type DatasetRow = Selectable<DatasetsTable>;
export type SlideRow = Selectable<SlidesTable>;
